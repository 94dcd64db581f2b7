import { splitIntoBatches, type BatchCaps } from '../../connectors/ckyc-bulk/batch-zip';
import type { BatchKind } from '../../connectors/ckyc-bulk/client';
import type { StoredRecord } from '../../records/record-repository';
import { recheckStoredRecord, type RecheckRefusal } from '../../records/record-recheck';

/**
 * Ready records → the batches they go in. New records (application type 01) and updates (03)
 * never share a batch (docs/record-rules.md §2); each kind is
 * cut by the record cap and, for the bulk routes, by the ZIP byte cap, so a batch's memory and
 * upload stay bounded. A record too big for any batch is not batched and says why. A record
 * today's rules refuse (saved by an earlier version: record-recheck.ts) is in no batch on any
 * route, and goes back to its maker.
 */
export interface FormedBatch {
  kind: BatchKind;
  records: StoredRecord[];
}

export interface BatchForming {
  batches: FormedBatch[];
  /** Records left out, with the reason the operator sees on the record. */
  leftOut: Array<{ record: StoredRecord; message: string }>;
  /** Records today's rules refuse: back to their makers, with why by field. */
  refused: Array<{ record: StoredRecord; refusal: RecheckRefusal }>;
}

const KIND_OF_APPLICATION: Record<string, BatchKind> = { '01': 'upload', '03': 'update' };

/** A stored batch's kind, as the bulk API's paths name it. */
export function bulkKindOf(batch: { kind: string }): BatchKind {
  return batch.kind === 'update' ? 'update' : 'upload';
}

export function formBatches(ready: readonly StoredRecord[], caps: BatchCaps, byBytes: boolean): BatchForming {
  const byKind = new Map<BatchKind, StoredRecord[]>();
  const leftOut: BatchForming['leftOut'] = [];
  const refused: BatchForming['refused'] = [];
  for (const record of ready) {
    const refusal = recheckStoredRecord(record.record);
    if (refusal) {
      refused.push({ record, refusal });
      continue;
    }
    const kind = KIND_OF_APPLICATION[record.record.applicationType];
    if (!kind) {
      leftOut.push({ record, message: `Application type ${record.record.applicationType} cannot be sent in a batch: only new records (01) and updates (03) can.` });
      continue;
    }
    byKind.set(kind, [...(byKind.get(kind) ?? []), record]);
  }
  const batches: FormedBatch[] = [];
  for (const [kind, records] of byKind) {
    if (!byBytes) {
      for (let i = 0; i < records.length; i += caps.maxRecords) batches.push({ kind, records: records.slice(i, i + caps.maxRecords) });
      continue;
    }
    const split = splitIntoBatches(records, caps);
    for (const part of split.batches) batches.push({ kind, records: part });
    for (const oversize of split.oversize) leftOut.push({ record: oversize.item, message: `${oversize.message} Make its images smaller and approve it again.` });
  }
  return { batches, leftOut, refused };
}
