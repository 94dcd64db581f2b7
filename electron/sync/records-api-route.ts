import type { RecordsApiClient } from '../connectors/ckyc-records/client';
import type { HttpFailure } from '../transport/http-client';
import type { StoredRecord } from '../records/record-repository';
import type { Verifier } from '../../shared/sync/verifier';

/**
 * Route 3, seed 001's records API, in the sync engine's terms. The request is answered at once:
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
