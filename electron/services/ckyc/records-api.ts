import type { RecordsApiClient } from '../../connectors/ckyc-records/client';
import type { HttpFailure } from '../../transport/http-client';
import type { StoredRecord } from '../../records/record-repository';
import { CKYC_INDIVIDUAL_KIND_ID } from '../../../shared/record-kinds/ckyc-individual';
import type { Verifier } from '../../../shared/sync/verifier';
import { DEFAULT_BATCH_CAPS } from '../../connectors/ckyc-bulk/batch-zip';
import type { BatchRow } from '../../sync/batch-repository';
import type { Doubt, RecordResult, Retry, Settled, StepContext, SubmissionService } from '../../sync/submission-service';
import { formBatches } from './batch-forming';
import { stepFailure } from './failures';

/**
 * Route 3, the records API (docs/apis/ckyc-records.md), as a submission service. The request is answered at once:
 * accepted whole (200) or refused whole (400, with each bad record's errors).
 *
 * Exactly once without a look-up: seed 001 has no way to ask whether an earlier request was taken.
 * Decision: after an answer that never came (timeout, 5xx, garbled), the same records are sent
 * again with the same references; the registry refuses a reference it already holds, and on such a
 * re-send a record refused *only* for that reason counts as accepted by the earlier request. So a
 * record is never registered twice, and never counted as sent when it was not.
 */
export type RecordsApiSendOutcome =
  /** Provably not taken (unreachable, rate-limited, no token): send the same batch again later. */
  | { kind: 'retry'; failure: HttpFailure }
  /** May or may not have been taken: re-send (see above). */
  | { kind: 'unknown'; message: string }
  /** Each record's end: succeeded, failed (to be fixed), or ready (not accepted; goes in the next batch). */
  | { kind: 'answered'; message: string; results: Map<string, RecordsApiResult> };

/** One record's end; a refused one carries the registry's errors by the form's field paths. */
export interface RecordsApiResult {
  state: 'succeeded' | 'failed' | 'ready';
  message: string;
  fields?: Record<string, string>;
}

export interface RecordsApiRoute {
  send(records: readonly StoredRecord[], verifier: Verifier, resend: boolean): Promise<RecordsApiSendOutcome>;
}

/**
 * Decision (docs/apis/ckyc-records.md): the records API has no field for images — its record is
 * details only — so the photograph and documents are not sent on this route, and every record it
 * registers says so, for the branch to send them by a bulk route or the registry's portal.
 */
export const IMAGES_NOT_SENT = 'Registered by the records API, which takes no images: the photograph and documents were not sent.';

/** How registries say "this reference is already registered" (the sandbox: "…was uploaded before."). */
const ALREADY_HELD = /already (been )?(uploaded|registered|exists?)|uploaded before|duplicate/i;

export function recordsApiRoute(client: () => RecordsApiClient): RecordsApiRoute {
  return {
    async send(records, verifier, resend) {
      const items = records.map((record) => ({ reference: record.reference, record: record.record }));
      const outcome = await client().uploadRecords(items, {
        name: verifier.name,
        designation: verifier.designation,
        branch: verifier.branch,
        employeeCode: verifier.employmentCode,
        organisation: verifier.organization,
      });
      const all = (state: RecordsApiResult['state'], message: string) => new Map<string, RecordsApiResult>(items.map((item) => [item.reference, { state, message }]));
      if (outcome.ok) return { kind: 'answered', message: outcome.message, results: all('succeeded', '') };
      const failure = outcome.failure;
      if (failure.kind === 'unreachable' || failure.kind === 'rate_limited') return { kind: 'retry', failure };
      if (failure.kind === 'timeout' || failure.kind === 'server_error' || failure.kind === 'invalid_response') return { kind: 'unknown', message: failure.message };
      // A definite refusal. Without per-record errors (401, 403…), nothing was accepted and nothing is wrong with a record.
      const results = all('ready', `Not accepted: ${failure.message}`);
      for (const rejected of outcome.rejectedRecords) {
        const reasons = Object.entries(rejected.errors);
        const onlyAlreadyHeld = reasons.length > 0 && reasons.every(([, message]) => ALREADY_HELD.test(message));
        if (resend && onlyAlreadyHeld) results.set(rejected.reference, { state: 'succeeded', message: '' });
        else results.set(rejected.reference, { state: 'failed', message: reasons.map(([field, message]) => `${field}: ${message}`).join(' '), fields: rejected.errors });
      }
      return { kind: 'answered', message: failure.message, results };
    },
  };
}

/**
 * The records API as a submission service: a batch is one request, answered at once, so there is
 * nothing to deliver or follow; its look-up after doubt is the same request sent again (above).
 */
export function recordsApiService(client: () => RecordsApiClient, probe: () => Promise<boolean>): SubmissionService {
  const route = recordsApiRoute(client);
  async function send(batch: BatchRow, context: StepContext, resend: boolean): Promise<Settled | Doubt | Retry> {
    const outcome = await route.send(context.members, context.verifier(), resend);
    if (outcome.kind === 'retry') return { kind: 'retry', failure: stepFailure(outcome.failure) };
    if (outcome.kind === 'unknown') {
      return { kind: 'doubt', message: `${outcome.message} The registry may have taken these records; they are sent again with the same references, and a reference it already holds counts as accepted.` };
    }
    const results = outcome.results;
    const failed = [...results.values()].filter((r) => r.state === 'failed').length;
    const returned = [...results.values()].filter((r) => r.state === 'ready').length;
    const accepted = results.size - failed - returned;
    return {
      kind: 'settled',
      settlement: {
        state: accepted > 0 ? 'succeeded' : 'failed',
        lastError: failed + returned === 0 ? null : outcome.message,
        results: new Map<string, RecordResult>(
          [...results].map(([reference, result]) => [
            reference,
            { state: result.state, message: result.state === 'succeeded' ? IMAGES_NOT_SENT : result.message, ...(result.fields ? { fields: result.fields } : {}) },
          ]),
        ),
        unreported: { state: 'ready', message: 'The registry did not report on this record; it goes in the next batch.' },
      },
    };
  }
  return {
    id: 'records-api',
    separateDelivery: false,
    recordKind: CKYC_INDIVIDUAL_KIND_ID,
    // One JSON request per batch: cut by the record cap only.
    form: (ready, caps) => formBatches(ready, { maxRecords: caps.maxRecords, maxBytes: DEFAULT_BATCH_CAPS.maxBytes }, false),
    submit: (batch, context) => send(batch, context, false),
    lookUp: (batch, context) => send(batch, context, true),
    probe,
  };
}
