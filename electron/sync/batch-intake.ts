import { randomBytes } from 'node:crypto';
import type { Verifier } from '../../shared/sync/verifier';
import { newId } from '../records/reference';
import type { RecordRepository } from '../records/record-repository';
import type { Store } from '../store/database';
import type { BatchRepository } from './batch-repository';
import type { SubmissionService } from './submission-service';

export function newBatchFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15); // 20261122T071500
  return `KD_${stamp}_${randomBytes(4).toString('hex').toUpperCase()}`;
}

export interface Intake {
  made: Array<{ batchId: string; count: number }>;
  /** Records sent back for approval: today's rules refuse them. */
  returned: string[];
}

/**
 * One press of Sync: the ready records of the kind the service sends become batches in state
 * `sending`, in one write with their records moved to `submitted`. Bounded: at most twenty
 * batches' worth of records per press; the rest wait for the next. Records left out keep the reason on them; records
 * approved under older rules go back to their maker, and a checker approves the change.
 */
export function takeReadyRecords(input: {
  store: Store;
  records: RecordRepository;
  batches: BatchRepository;
  service: SubmissionService;
  maxRecords: number;
  verifier: Verifier;
  now: () => Date;
}): Intake {
  const { store, records, batches, service, maxRecords } = input;
  const now = input.now().toISOString();
  return store.write(() => {
    const forming = service.form(records.inState('ready', maxRecords * 20, service.recordKind), { maxRecords });
    for (const { record, message } of forming.leftOut) records.setMessage(record.id, message, now);
    for (const { record, refusal } of forming.refused) {
      records.returnForApproval(record.id, { fields: refusal.fields, message: `Back for approval, not sent. ${refusal.message}`, now });
    }
    const made = forming.batches.map((formed) => {
      const batchId = newId('bat');
      const batch = { id: batchId, batchFileName: newBatchFileName(input.now()), route: service.id, kind: formed.kind, state: 'sending' as const };
      batches.insert({ ...batch, recordCount: formed.records.length, verifier: JSON.stringify(input.verifier), now });
      for (const record of formed.records) records.move(record.id, 'submitted', { batchId, message: null, now });
      return { batchId, count: formed.records.length };
    });
    return { made, returned: forming.refused.map(({ record }) => record.id) };
  });
}

/** What the operator is told after pressing Sync. */
export function intakeMessage(intake: Intake): string {
  const { made, returned } = intake;
  const taken = made.reduce((sum, batch) => sum + batch.count, 0);
  const back = returned.length === 0 ? '' : ` ${returned.length === 1 ? 'One record went' : `${returned.length} records went`} back for approval: today's checks refuse ${returned.length === 1 ? 'it' : 'them'} (the reason is on each).`;
  if (taken === 0) return `No records are ready to sync.${back}`;
  const batchWord = made.length === 1 ? 'one batch' : `${made.length} batches`;
  return `Sending ${taken} record${taken === 1 ? '' : 's'} to the registry in ${batchWord}.${back}`;
}
