import { bulkUpdateSchema, BULK_CUSTOMER_UPDATE_KIND_ID, type BulkUpdate } from '../../../shared/record-kinds/bulk-customer-update';
import type { BulkUpdateInForce } from '../../bulk-update/bulk-update-in-force';
import { mayHaveApplied, type SendHistory } from '../../bulk-update/send-history';
import type { BulkUpdateClient, ResultRow, SendOutcome } from '../../connectors/bulk-update/client';
import { writeUpdateFile } from '../../connectors/bulk-update/update-file';
import type { BulkPayload } from '../../connectors/bulk-update/wire';
import type { StoredRecord } from '../../records/record-repository';
import type { BatchRow } from '../../sync/batch-repository';
import { OutboxError } from '../../sync/outbox';
import type { FormedBatches, LookUpOutcome, RecordResult, Settlement, StepContext, SubmissionService, SubmitOutcome } from '../../sync/submission-service';

/** The engine's id for this service: each bulk update's batch stores it. */
export const BULK_UPDATE_SERVICE_ID = 'bulk-update';
/** The batch kind a bulk update's batch stores. */
export const BULK_UPDATE_BATCH_KIND = 'customer-update';
/**
 * How many times one file is sent in all while no answer says what became of it (the first send
 * and the repeats after doubt, decision 0052). Past it, the update waits for a person: a platform
 * that never answers is not one to keep sending to.
 */
export const MAX_SENDS_IN_DOUBT = 4;

export interface BulkUpdateServiceOptions {
  /** Read at each send: settings saved on the Connections screen take effect for the next update. */
  client: () => Promise<BulkUpdateInForce>;
  /** Each send of each update's file, durable: the bound on repeats and the screen's history. */
  history: SendHistory;
  now?: () => Date;
}

/**
 * The bulk customer update (docs/apis/bulk-customer-update.md, decision 0053) as a submission
 * service: an approved update (a record of kind bulk-customer-update) is one batch and one file.
 *
 *   submit   the file made from the update's rows, sealed in the outbox with its SHA-256 noted,
 *            then sent once: answered settles (each row's end read from the result files);
 *            refused by the platform for the file's content ends failed with its fields; a token
 *            or company refused leaves it ready for a later send; not sent is retried as any send;
 *            a lost answer is doubt.
 *   lookUp   there is nothing to ask: the SAME sealed bytes are sent again (decision 0052) — a file
 *            that no longer matches its noted SHA-256 is never sent — at most MAX_SENDS_IN_DOUBT
 *            sends in all, then a person decides.
 */
export function bulkUpdateService(options: BulkUpdateServiceOptions): SubmissionService {
  return {
    id: BULK_UPDATE_SERVICE_ID,
    separateDelivery: false,
    recordKind: BULK_CUSTOMER_UPDATE_KIND_ID,
    form: (ready) => formUpdateBatches(ready),
    probe: async () => {
      const inForce = await options.client();
      if (!inForce.ok) return false;
      return (await inForce.client.testConnection()).ok;
    },
    submit: (batch, context) => submit(options, batch, context),
    lookUp: (batch, context) => sendAgain(options, batch, context),
  };
}

/** Each ready update is a batch of its own: one update, one file, one answer. */
export function formUpdateBatches(ready: readonly StoredRecord[]): FormedBatches {
  const formed: FormedBatches = { batches: [], leftOut: [], refused: [] };
  for (const record of ready) {
    if (!bulkUpdateSchema.safeParse(record.record).success) {
      formed.refused.push({ record, refusal: { fields: { rows: 'This update cannot be read.' }, message: 'This update cannot be read; prepare it again.' } });
      continue;
    }
    formed.batches.push({ kind: BULK_UPDATE_BATCH_KIND, records: [record] });
  }
  return formed;
}

function updateOf(context: StepContext): { record: StoredRecord; update: BulkUpdate } {
  const record = context.members[0];
  if (!record) throw new Error('A bulk update batch holds its update.');
  return { record, update: bulkUpdateSchema.parse(record.record) };
}

/** The update's file name at the platform: the batch's own name, so the same update always sends the same name. */
function uploadName(batch: BatchRow): string {
  return `${batch.batchFileName}.csv`;
}

/**
 * The update's file from the sealed outbox, made there from the update's rows the first time.
 * Made again (the same rows write the same bytes) only if it went missing; either way it must
 * match the SHA-256 noted when it was first made, or nothing is sent.
 */
function sealedFile(batch: BatchRow, context: StepContext): { ok: true; bytes: number; sha256: string } | { ok: false; message: string } {
  const { update } = updateOf(context);
  let entry;
  try {
    entry = context.outbox.entry(batch.batchFileName);
  } catch (error) {
    if (!(error instanceof OutboxError)) throw error;
    entry = null;
  }
  if (!entry) {
    const bytes = writeUpdateFile(update.rows);
    entry = context.outbox.write(batch.batchFileName, (write) => write(bytes)).entry;
  }
  if (batch.fileSha256 !== null && batch.fileSha256 !== entry.sha256) {
    return { ok: false, message: `This update's file is no longer the one first sent (its SHA-256 differs), so it is not sent again: a different file after an unanswered send could undo newer values. A person decides.` };
  }
  if (batch.fileSha256 === null) context.noteFile({ bytes: entry.bytes, sha256: entry.sha256 });
  return { ok: true, bytes: entry.bytes, sha256: entry.sha256 };
}

async function sendOnce(options: BulkUpdateServiceOptions, batch: BatchRow, context: StepContext): Promise<{ ok: true; outcome: SendOutcome; client: BulkUpdateClient; send: number } | { ok: false; problem: string; attention: boolean }> {
  const inForce = await options.client();
  if (!inForce.ok) return { ok: false, problem: inForce.problem, attention: false };
  const file = sealedFile(batch, context);
  if (!file.ok) return { ok: false, problem: file.message, attention: true };
  const send = options.history.begin(batch.id, (options.now ?? (() => new Date()))());
  const outcome = await inForce.client.send({ name: uploadName(batch), bytes: file.bytes, sha256: file.sha256, open: () => context.outbox.open(batch.batchFileName) });
  // A limiter's 429 answers at the door: nothing was applied, as for a send that never left.
  options.history.end(batch.id, send, outcome.kind === 'refused' && outcome.refusal.status === 429 ? 'not_sent' : outcome.kind);
  context.logger.info('bulk update sent', { batchId: batch.id, send, outcome: outcome.kind, bytes: file.bytes });
  return { ok: true, outcome, client: inForce.client, send };
}

/** Sends of this batch's file that may have reached the platform whole. */
function sendsSoFar(options: BulkUpdateServiceOptions, batch: BatchRow): number {
  return options.history.of(batch.id).filter(mayHaveApplied).length;
}

async function submit(options: BulkUpdateServiceOptions, batch: BatchRow, context: StepContext): Promise<SubmitOutcome> {
  const sent = await sendOnce(options, batch, context);
  if (!sent.ok) return sent.attention ? { kind: 'refused', message: sent.problem } : { kind: 'retry', failure: { message: sent.problem, unreachable: false, retryAfterMs: null } };
  return onSent(sent.outcome, sent.client, context, sent.send);
}

async function sendAgain(options: BulkUpdateServiceOptions, batch: BatchRow, context: StepContext): Promise<LookUpOutcome> {
  const sent = sendsSoFar(options, batch);
  if (sent >= MAX_SENDS_IN_DOUBT) {
    return { kind: 'attention', message: `This update was sent ${sent} times and the platform never answered clearly, so KYC Desk stops sending it. Ask the platform whether it applied the file (the same file, SHA-256 ${batch.fileSha256 ?? 'noted'}) before sending it again or closing it.` };
  }
  const again = await sendOnce(options, batch, context);
  if (!again.ok) return again.attention ? { kind: 'attention', message: again.problem } : { kind: 'retry', failure: { message: again.problem, unreachable: false, retryAfterMs: null }, prefix: 'Sending this update again failed; it will be tried again. ' };
  const outcome = await onSent(again.outcome, again.client, context, again.send);
  // After doubt a refusal cannot tell whether an earlier send was applied: a person decides.
  if (outcome.kind === 'retry') return { ...outcome, prefix: 'The same file could not be sent again; it will be tried again. ' };
  if (outcome.kind === 'refused') return { kind: 'attention', message: `${outcome.message} An earlier send of this update may have been applied; ask the platform before sending it again.` };
  return outcome;
}

async function onSent(outcome: SendOutcome, client: BulkUpdateClient, context: StepContext, send: number): Promise<SubmitOutcome> {
  const { record, update } = updateOf(context);
  switch (outcome.kind) {
    case 'not_sent':
      return { kind: 'retry', failure: { message: outcome.message, unreachable: true, retryAfterMs: null } };
    case 'doubt':
      return { kind: 'doubt', message: `${outcome.message} The platform may have applied this update (send ${send}); the same file goes again, unchanged, as nothing else can tell.` };
    case 'refused': {
      const { refusal } = outcome;
      // A token, company or address the platform refuses says nothing about the file: fix the connection, send again.
      // Asked to slow down: the limiter answered at the door, nothing was applied; the same file goes later.
      if (refusal.status === 429) return { kind: 'retry', failure: { message: refusal.message, unreachable: false, retryAfterMs: null } };
      if (refusal.status === 401 || refusal.status === 403 || refusal.status === 404) return { kind: 'refused', message: refusal.message };
      const fields = Object.fromEntries(refusal.fields.map(({ field, message }) => [field === '' ? 'rows' : field, message]));
      const result: RecordResult = { state: 'failed', message: `The platform refused the whole update, nothing was applied: ${refusal.message}`, fields };
      return {
        kind: 'settled',
        settlement: { state: 'failed', remoteState: refusal.errorType ?? `HTTP ${refusal.status}`, lastError: result.message, results: new Map([[record.reference, result]]), unreported: result },
        answer: JSON.stringify({ outcome: 'refused', status: refusal.status, errorType: refusal.errorType, requestId: refusal.requestId, fields: refusal.fields, send }),
      };
    }
    case 'answered':
      return { kind: 'settled', ...(await settleAnswered(outcome.answer.payload!, outcome.answer.response_code, outcome.answer.response_message, client, record, update, send)) };
  }
}

/** One customer's end in an answered update, matched back by the customer reference. */
export interface UpdateRowOutcome {
  customerReference: string;
  recordId: string | null;
  status: 'FAILED' | 'WARNING';
  reason: string;
}

/** What the batch keeps of an answered update: the platform's counts and words, and each failed or warned row. */
export interface AnsweredUpdate {
  outcome: 'answered';
  send: number;
  responseCode: number | null;
  responseMessage: string | null;
  counts: { total: number; success: number; failure: number; warn: number };
  files: { successName: string | null; successUrl: string | null; failureName: string | null; failureUrl: string | null };
  rows: UpdateRowOutcome[];
  /** Rows beyond what the batch keeps, when there are very many. */
  rowsLeftOut: number;
  /** Why a result file could not be read, when one could not. */
  resultProblems: string[];
}

/**
 * The kept answer must stay whole JSON under the engine's bound on a batch's answer (64 KiB): rows
 * are kept while they fit in this many characters, each reason cut to REASON_CHARS.
 */
const KEPT_CHARS = 60_000;
const REASON_CHARS = 200;
/** How many times a result file is asked for before its rows are given up (the counts are kept either way). */
const RESULT_FILE_TRIES = 3;

async function settleAnswered(payload: BulkPayload, code: number | undefined, message: string | undefined, client: BulkUpdateClient, record: StoredRecord, update: BulkUpdate, send: number): Promise<{ settlement: Settlement; answer: string }> {
  const recordOf = new Map(update.rows.map((row, index) => [row.customer_reference, update.recordIds[index] || null]));
  const problems: string[] = [];
  const rows: UpdateRowOutcome[] = [];
  const read = async (url: string | undefined, wanted: 'FAILED' | 'WARNING'): Promise<void> => {
    if (!url) return;
    // A result file is only read: asked again a few times before its rows are given up.
    let file = await client.resultFile(url);
    for (let again = 1; !file.ok && again < RESULT_FILE_TRIES; again++) file = await client.resultFile(url);
    if (!file.ok) {
      problems.push(file.message);
      return;
    }
    for (const row of file.rows.filter((entry: ResultRow) => wanted === 'FAILED' || entry.status.toUpperCase() === 'WARNING')) {
      const reason = row.reason || (wanted === 'FAILED' ? 'The platform gave no reason.' : 'A warning without words.');
      rows.push({ customerReference: row.customerReference, recordId: recordOf.get(row.customerReference) ?? null, status: wanted, reason: reason.length > REASON_CHARS ? `${reason.slice(0, REASON_CHARS - 1)}…` : reason });
    }
  };
  const counts = { total: payload.total_count ?? update.rows.length, success: payload.success_count ?? 0, failure: payload.failure_count ?? 0, warn: payload.warn_count ?? 0 };
  if (counts.failure > 0) await read(payload.failure_file_url, 'FAILED');
  if (counts.warn > 0) await read(payload.success_file_url, 'WARNING');
  const failedRows = rows.filter((row) => row.status === 'FAILED');
  const summary = `${counts.success} of ${counts.total} customers updated${counts.failure > 0 ? `, ${counts.failure} failed` : ''}${counts.warn > 0 ? ` (${counts.warn} with a warning)` : ''}.`;
  const note = problems.length > 0 ? `${summary} ${problems.join(' ')}` : summary;
  const everyoneFailed = counts.success === 0 && counts.failure > 0;
  const result: RecordResult = everyoneFailed ? { state: 'failed', message: `${note} ${failedRows[0]?.reason ?? ''}`.trim() } : { state: 'succeeded', message: note, issuedNumber: null };
  const kept: AnsweredUpdate = {
    outcome: 'answered',
    send,
    responseCode: code ?? null,
    responseMessage: message ?? null,
    counts,
    files: { successName: payload.success_file_name ?? null, successUrl: payload.success_file_url ?? null, failureName: payload.failure_file_name ?? null, failureUrl: payload.failure_file_url ?? null },
    rows: [],
    rowsLeftOut: 0,
    resultProblems: problems,
  };
  let room = KEPT_CHARS - JSON.stringify(kept).length - 20;
  for (const row of rows) {
    const size = JSON.stringify(row).length + 1;
    if (size > room) break;
    kept.rows.push(row);
    room -= size;
  }
  kept.rowsLeftOut = rows.length - kept.rows.length;
  return {
    settlement: { state: everyoneFailed ? 'failed' : 'succeeded', remoteState: 'answered', lastError: counts.failure > 0 || problems.length > 0 ? note : null, results: new Map([[record.reference, result]]), unreported: result },
    answer: JSON.stringify(kept),
  };
}
