import { z } from 'zod';
import { AppFailure } from '../../shared/errors';
import type { KycRecord } from '../../shared/record/kyc-record';
import { RECORD_KINDS, recordKindIdSchema, type RecordKind, type RecordKindRegistry } from '../../shared/record-kinds';
import { containsFullAadhaar, FREE_TEXT_MESSAGES } from '../../shared/validation/free-text';
import type { Store } from '../store/database';

/**
 * What a draft holds: the record as typed so far, the stored record it changes, if any, and the
 * record's kind (absent: the CKYC individual, as every draft written before kinds existed).
 */
export interface Draft<R = KycRecord> {
  record: R;
  editing: string | null;
  kind?: string;
}

/** The stored draft around its record, which its kind's schema then checks. */
const envelopeSchema = z.object({ record: z.unknown(), editing: z.string().nullable(), kind: recordKindIdSchema.optional() });

/**
 * A full Aadhaar number is never stored, not even in a draft (the saved record refuses it too, with
 * the other free-text rules). The draft then keeps what it held before, and the form says why.
 */
function refuseFullAadhaar(kind: RecordKind, record: unknown): void {
  const found = kind.freeTextFields(record).find(([, text]) => containsFullAadhaar(text));
  if (found === undefined) return;
  const [path] = found;
  throw new AppFailure('VALIDATION_FAILED', `${kind.fieldLabel(path)}: ${FREE_TEXT_MESSAGES.fullAadhaar}`, { [path]: FREE_TEXT_MESSAGES.fullAadhaar });
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
    /** The kinds of record this PC knows: each checks the shape of its drafts. */
    private readonly kinds: RecordKindRegistry = RECORD_KINDS,
  ) {}

  /**
   * The operator's draft; one that no longer fits its kind's shape (or of a kind this version does
   * not know) is not offered, rather than failing the form. Typed as the individual's while it is
   * the only kind the contract carries (shared/record-kinds/index.ts, anyKindRecordSchema).
   */
  get(operatorId: string): (Draft & { updatedAt: string }) | null {
    return this.read(operatorId) as (Draft & { updatedAt: string }) | null;
  }

  /** The draft as stored, with its record of whichever kind it names. */
  read(operatorId: string): (Draft<unknown> & { updatedAt: string }) | null {
    const row = this.store.get('SELECT data, updated_at FROM drafts WHERE operator_id = ?', [operatorId]);
    if (!row) return null;
    const envelope = envelopeSchema.safeParse(JSON.parse(String(row.data)));
    if (!envelope.success) return null;
    const kind = this.kinds.find(envelope.data.kind);
    const record = kind?.schema.safeParse(envelope.data.record);
    if (!record?.success) return null;
    const { kind: named, editing } = envelope.data;
    return { record: record.data, editing, ...(named === undefined ? {} : { kind: named }), updatedAt: String(row.updated_at) };
  }

  /** Keeps the operator's draft of a record of `draft.kind` (refused: a kind this version does not know). */
  save(operatorId: string, draft: Draft<unknown>): string {
    const kind = this.kinds.get(draft.kind);
    refuseFullAadhaar(kind, draft.record);
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

  /**
   * Documents that drafts refer to: attached to no saved record yet, but not abandoned either. Each
   * draft's kind says where its images are; a draft of no kind this version knows keeps whatever
   * its record names documentHash, so its images are never let go.
   */
  referencedDocuments(): Set<string> {
    const hashes = new Set<string>();
    for (const row of this.store.all('SELECT operator_id FROM drafts')) {
      const draft = this.read(String(row.operator_id));
      const kind = draft ? this.kinds.find(draft.kind) : undefined;
      if (draft && kind) for (const image of kind.images(draft.record)) hashes.add(image.documentHash);
      else for (const hash of this.namedDocuments(String(row.operator_id))) hashes.add(hash);
    }
    return hashes;
  }

  /** Every documentHash anywhere in a draft's JSON: what a draft this version cannot read may still need. */
  private namedDocuments(operatorId: string): string[] {
    return this.store
      .all("SELECT tree.value AS hash FROM drafts, json_tree(drafts.data) AS tree WHERE drafts.operator_id = ? AND tree.key = 'documentHash'", [operatorId])
      .flatMap((row) => (typeof row.hash === 'string' ? [row.hash] : []));
  }
}
