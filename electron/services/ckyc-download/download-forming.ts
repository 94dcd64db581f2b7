import type { DownloadRequest } from '../../../shared/record-kinds/ckyc-download-request';
import { downloadRequestSchema } from '../../../shared/record-kinds/ckyc-download-request';
import type { DownloadRequestIndividual } from '../../connectors/ckyc-bulk/download-wire';
import type { StoredRecord } from '../../records/record-repository';
import type { FormedBatches } from '../../sync/submission-service';

/** The batch kind a download's batches store (the engine's `kind` column). */
export const DOWNLOAD_BATCH_KIND = 'download';

/** One person asked, with the request and place they came from. */
export interface Ask {
  requestId: string;
  reference: string;
  position: number;
  individual: DownloadRequestIndividual;
}

/** A download request record's people (it passed its kind's validation when stored and approved). */
export function requestOf(record: StoredRecord): DownloadRequest {
  return downloadRequestSchema.parse(record.record);
}

/** Every person the batch's requests ask for, in order: request by request, person by person. */
export function asksOf(members: readonly StoredRecord[]): Ask[] {
  return members.flatMap((member) =>
    requestOf(member).people.map((person, position) => ({
      requestId: member.id,
      reference: member.reference,
      position,
      individual: { ckyc_id: person.ckycNumber, ...(person.dob ? { dob: person.dob } : {}), ...(person.mobile ? { mobile_number: person.mobile } : {}) },
    })),
  );
}

/**
 * Ready requests → batches of at most `maxRecords` people (a request is never split: its people
 * are one question and one answer). A request with more people than a batch may carry waits, and says why.
 */
export function formDownloadBatches(ready: readonly StoredRecord[], caps: { maxRecords: number }): FormedBatches {
  const formed: FormedBatches = { batches: [], leftOut: [], refused: [] };
  let current: StoredRecord[] = [];
  let people = 0;
  for (const record of ready) {
    const parsed = downloadRequestSchema.safeParse(record.record);
    if (!parsed.success) {
      formed.refused.push({ record, refusal: { fields: { people: 'This download request cannot be read.' }, message: 'This download request cannot be read; ask for these people again.' } });
      continue;
    }
    const count = parsed.data.people.length;
    if (count > caps.maxRecords) {
      formed.leftOut.push({ record, message: `This request asks for ${count} people; a download batch carries at most ${caps.maxRecords}. Split it into smaller requests.` });
      continue;
    }
    if (people + count > caps.maxRecords) {
      formed.batches.push({ kind: DOWNLOAD_BATCH_KIND, records: current });
      current = [];
      people = 0;
    }
    current.push(record);
    people += count;
  }
  if (current.length > 0) formed.batches.push({ kind: DOWNLOAD_BATCH_KIND, records: current });
  return formed;
}
