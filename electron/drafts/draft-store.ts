import { z } from 'zod';
import { AppFailure } from '../../shared/errors';
import { fieldLabel, kycRecordSchema, type KycRecord } from '../../shared/record/kyc-record';
import { containsFullAadhaar, FREE_TEXT_MESSAGES } from '../../shared/validation/free-text';
import type { Store } from '../store/database';

/** What a draft holds: the record as typed so far, and the stored record it changes, if any. */
export interface Draft {
  record: KycRecord;
  editing: string | null;
}

const draftSchema = z.object({ record: kycRecordSchema, editing: z.string().nullable() });

/** The draft's fields where a person types free text or a number of their choosing, by field path. */
function freeTextFields(record: KycRecord): Array<[path: string, text: string]> {
  const address = (key: 'permanentAddress' | 'correspondenceAddress') =>
    (['line1', 'line2', 'line3'] as const).map((line): [string, string] => [`${key}.${line}`, record[key][line]]);
  return [
    ['remarks', record.remarks],
    ['unlistedPinReason', record.unlistedPinReason ?? ''],
    ...address('permanentAddress'),
    ...address('correspondenceAddress'),
    ...record.identityDocuments.map((document, i): [string, string] => [`identityDocuments.${i}.number`, document.number]),
    ...record.relatedPersons.map((person, i): [string, string] => [`relatedPersons.${i}.identity.number`, person.identity.number]),
  ];
}

/**
 * A full Aadhaar number is never stored, not even in a draft (the saved record refuses it too, with
 * the other free-text rules). The draft then keeps what it held before, and the form says why.
 */
function refuseFullAadhaar(record: KycRecord): void {
  const found = freeTextFields(record).find(([, text]) => containsFullAadhaar(text));
  if (found === undefined) return;
  const [path] = found;
  throw new AppFailure('VALIDATION_FAILED', `${fieldLabel(path)}: ${FREE_TEXT_MESSAGES.fullAadhaar}`, { [path]: FREE_TEXT_MESSAGES.fullAadhaar });
}

/**
 * The capture form's work in progress, one per operator, saved as they type (a durable write
 * costs well under a millisecond), so closing the app, a crash or a power cut loses at most the
 * field being typed. It lives in the encrypted store like any record.
 */
export class DraftStore {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  /** The operator's draft; one that no longer fits the record's shape is reported, not thrown. */
  get(operatorId: string): (Draft & { updatedAt: string }) | null {
    const row = this.store.get('SELECT data, updated_at FROM drafts WHERE operator_id = ?', [operatorId]);
    if (!row) return null;
    const parsed = draftSchema.safeParse(JSON.parse(String(row.data)));
    if (!parsed.success) return null;
    return { ...parsed.data, updatedAt: String(row.updated_at) };
  }

  save(operatorId: string, draft: Draft): string {
    refuseFullAadhaar(draft.record);
    const now = this.clock().toISOString();
    this.store.write(() =>
      this.store.run(
        'INSERT INTO drafts (operator_id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(operator_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
        [operatorId, JSON.stringify(draft), now],
      ),
    );
    return now;
  }

  /** Inside a caller's write (a record saved from this draft), or on its own. */
  discard(operatorId: string, inTransaction = false): void {
    const remove = () => this.store.run('DELETE FROM drafts WHERE operator_id = ?', [operatorId]);
    if (inTransaction) remove();
    else this.store.write(remove);
  }

  /** Documents that drafts refer to: attached to no saved record yet, but not abandoned either. */
  referencedDocuments(): Set<string> {
    const hashes = new Set<string>();
    for (const row of this.store.all("SELECT json_extract(value, '$.documentHash') AS hash FROM drafts, json_each(drafts.data, '$.record.images')")) {
      if (typeof row.hash === 'string') hashes.add(row.hash);
    }
    return hashes;
  }
}
