import type { DownloadStatusIndividual, DownloadStatusResponse } from '../../connectors/ckyc-bulk/download-wire';
import { mapDownloadedPerson } from '../../connectors/ckyc-bulk/map-downloaded-person';
import type { FetchedAnswer } from '../../fetch/keep-fetched';
import type { RecordResult, Settlement } from '../../sync/submission-service';
import type { Ask } from './download-forming';

const NOT_REPORTED = 'The registry did not report on this person.';
const FOUND_BUT_EMPTY = 'The registry said it found this person but sent no record.';

/** What one terminal status answer says: each person's answer to keep, the batch's settlement, and whether a person must look. */
export interface ReadDownload {
  answers: FetchedAnswer[];
  settlement: Settlement;
  /** Set when some person's state is one KYC Desk does not know: the batch waits for a person. */
  unknown: string | null;
}

/**
 * Matches the registry's individuals to the people asked by CKYC number, in order (the same number
 * asked by two requests in one batch is answered twice, first to first). Each person ends fetched
 * or failed on their own; a request ends failed only when the registry found none of its people.
 */
export function readTerminalDownload(asks: readonly Ask[], data: DownloadStatusResponse['data'], failedBatch: boolean): ReadDownload {
  const byNumber = new Map<string, DownloadStatusIndividual[]>();
  for (const individual of data.individuals ?? []) {
    const key = individual.ckyc_id.trim().toUpperCase();
    byNumber.set(key, [...(byNumber.get(key) ?? []), individual]);
  }
  let unknown: string | null = null;
  const answers = asks.map((ask): FetchedAnswer => {
    const individual = byNumber.get(ask.individual.ckyc_id.toUpperCase())?.shift();
    const base = { requestId: ask.requestId, position: ask.position, ckycNumber: ask.individual.ckyc_id };
    if (!individual) return { ...base, state: 'failed', registryState: null, error: data.error ?? NOT_REPORTED, person: null };
    const registryState = individual.state;
    if (registryState === 'succeeded') {
      if (!individual.person) return { ...base, state: 'failed', registryState, error: FOUND_BUT_EMPTY, person: null };
      return { ...base, state: 'fetched', registryState, error: null, person: mapDownloadedPerson(individual.person) };
    }
    if (registryState === 'failed') return { ...base, state: 'failed', registryState, error: individual.error ?? (failedBatch ? (data.error ?? null) : null) ?? 'The registry refused this person without giving a reason.', person: null };
    unknown ??= `The registry says person ${ask.position + 1} of request ${ask.reference} is "${registryState}"`;
    return { ...base, state: 'attention', registryState, error: individual.error ?? null, person: null };
  });
  return { answers, settlement: settlementOf(asks, answers, data.state, failedBatch, data.error ?? null), unknown };
}

/** Every person of the batch failed with the same reason (a download the registry refused as a whole). */
export function allFailed(asks: readonly Ask[], message: string, registryState: string | null): FetchedAnswer[] {
  return asks.map((ask) => ({ requestId: ask.requestId, position: ask.position, ckycNumber: ask.individual.ckyc_id, state: 'failed', registryState, error: message, person: null }));
}

function settlementOf(asks: readonly Ask[], answers: readonly FetchedAnswer[], remoteState: string, failedBatch: boolean, batchError: string | null): Settlement {
  const byRequest = new Map<string, { reference: string; fetched: number; total: number; firstError: string | null }>();
  asks.forEach((ask, index) => {
    const entry = byRequest.get(ask.requestId) ?? { reference: ask.reference, fetched: 0, total: 0, firstError: null };
    const answer = answers[index]!;
    entry.total += 1;
    if (answer.state === 'fetched') entry.fetched += 1;
    else entry.firstError ??= answer.error;
    byRequest.set(ask.requestId, entry);
  });
  const results = new Map<string, RecordResult>();
  let failedPeople = 0;
  for (const entry of byRequest.values()) {
    failedPeople += entry.total - entry.fetched;
    const note = `Fetched ${entry.fetched} of ${entry.total} ${entry.total === 1 ? 'person' : 'people'}.`;
    results.set(entry.reference, entry.fetched > 0 ? { state: 'succeeded', message: note, issuedNumber: null } : { state: 'failed', message: `${note} ${entry.firstError ?? NOT_REPORTED}` });
  }
  return {
    state: failedBatch ? 'failed' : 'succeeded',
    remoteState,
    lastError: failedPeople === 0 ? null : (batchError ?? `${failedPeople} of ${asks.length} people were not fetched; see each request.`),
    results,
    unreported: { state: 'failed', message: NOT_REPORTED },
  };
}
