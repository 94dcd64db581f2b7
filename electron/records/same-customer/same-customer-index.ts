import { createHmac } from 'node:crypto';
import { RECORD_KINDS, type RecordKindRegistry } from '../../../shared/record-kinds';
import type { SameCustomerFields } from '../../../shared/record-kinds/record-kind';
import type { Store } from '../../store/database';
import { ckycNumberOf, customerIdentifiers, type CustomerIdentifier } from './identifiers';

/** One stored record that holds a number being typed. */
export interface IdentifierMatch {
  identifier: CustomerIdentifier;
  recordId: string;
}

/** Records indexed per durable write at start-up: small enough that a write stays short. */
const BACKLOG_CHUNK = 500;

/**
 * The index of the numbers that name each record's customer (schema 13: record_identifiers).
 *
 * The records table's searchable columns hold only masked values, so the numbers are kept as keyed
 * hashes: HMAC-SHA256 under a key derived from the data key (as document files are named), so a
 * copy of the database cannot be asked "is this PAN here?" without the keychain. Exact match only.
 * Records are indexed by whoever stores their content (RecordService), inside the same write.
 */
export class SameCustomerIndex {
  private readonly key: Buffer;

  constructor(
    private readonly store: Store,
    dataKey: Buffer,
    private readonly kinds: RecordKindRegistry = RECORD_KINDS,
  ) {
    // Its own key, so these hashes can never be compared with document names or anything else.
    this.key = createHmac('sha256', dataKey).update('kyc-desk same-customer index v1').digest();
  }

  private hash(key: string): string {
    return createHmac('sha256', this.key).update(key).digest('hex');
  }

  /** The numbers a record of `kindId` names its customer by; none for a kind that declares none. */
  identifiersOf(kindId: string, record: unknown): CustomerIdentifier[] {
    const kind = this.kinds.find(kindId);
    return kind?.sameCustomerFields ? customerIdentifiers(kind.sameCustomerFields(record)) : [];
  }

  /** The 14-digit CKYC number a record of this kind is an update of, if it is one. */
  updateOf(kindId: string, record: unknown): string | null {
    const kind = this.kinds.find(kindId);
    const number = (kind?.sameCustomerFields?.(record).updateOf ?? '').trim();
    return /^\d{14}$/.test(number) ? number : null;
  }

  /** (Re)index one record. Only inside the caller's `store.write`, with the record's row already written. */
  index(recordId: string, kindId: string, record: unknown): void {
    this.store.run('DELETE FROM record_identifiers WHERE record_id = ?', [recordId]);
    const seen = new Set<string>();
    for (const identifier of this.identifiersOf(kindId, record)) {
      const hash = this.hash(identifier.key);
      if (seen.has(hash)) continue;
      seen.add(hash);
      this.store.run('INSERT INTO record_identifiers (hash, record_id, field) VALUES (?, ?, ?)', [hash, recordId, identifier.field]);
    }
    this.store.run('UPDATE records SET identity_indexed = 1 WHERE id = ?', [recordId]);
  }

  /**
   * The stored records, other than `exceptId`, that hold any of these numbers: on the hash index,
   * and for a CKYC number also on the number the registry gave a record (records.ckyc_number).
   */
  matches(identifiers: readonly CustomerIdentifier[], exceptId: string | null): IdentifierMatch[] {
    const found: IdentifierMatch[] = [];
    const except = exceptId ?? '';
    for (const identifier of identifiers) {
      const ids = new Set(this.store.all('SELECT record_id FROM record_identifiers WHERE hash = ? AND record_id <> ? LIMIT 20', [this.hash(identifier.key), except]).map((row) => String(row.record_id)));
      const ckyc = ckycNumberOf(identifier.key);
      if (ckyc) {
        for (const row of this.store.all('SELECT id FROM records WHERE ckyc_number = ? AND id <> ? LIMIT 20', [ckyc, except])) ids.add(String(row.id));
      }
      for (const recordId of ids) found.push({ identifier, recordId });
    }
    return found;
  }

  /** Matches of the numbers as typed in the form (the look-up channel). */
  matchesOfFields(fields: SameCustomerFields, exceptId: string | null): IdentifierMatch[] {
    return this.matches(customerIdentifiers(fields), exceptId);
  }

  /**
   * Index every record not yet indexed (stored before schema 13, or by a path that does not index),
   * a chunk per durable write. Bounded: at most as many chunks as there were records to index.
   * Returns how many records were indexed.
   */
  indexBacklog(chunk = BACKLOG_CHUNK): number {
    const waiting = Number(this.store.get('SELECT COUNT(*) AS n FROM records WHERE identity_indexed = 0')?.n ?? 0);
    let done = 0;
    for (let round = 0; round <= Math.ceil(waiting / chunk) && done < waiting; round++) {
      const rows = this.store.all('SELECT id, kind, data FROM records WHERE identity_indexed = 0 LIMIT ?', [chunk]);
      if (rows.length === 0) break;
      this.store.write(() => {
        for (const row of rows) this.index(String(row.id), String(row.kind), readRecord(String(row.data)));
      });
      done += rows.length;
    }
    return done;
  }
}

/** A record's JSON; one that cannot be read names nobody (it is still marked indexed, never retried for ever). */
function readRecord(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return {};
  }
}
