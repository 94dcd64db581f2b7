import type { RecordScope } from '../records/record-scope';
import type { Store } from '../store/database';
import { numberOrNull, textOrNull } from '../store/row';

/** How a UAE customer came to be held by the CDP, as KYC Desk learnt it. */
export const CDP_ENROLMENT_HOW = ['onboarded', 'found', 'found-after-doubt'] as const;
export type CdpEnrolmentHow = (typeof CDP_ENROLMENT_HOW)[number];

/** What the CDP said of a customer it holds (schema 15, cdp_enrolments), by the UAE customer record. */
export interface CdpEnrolment {
  recordId: string;
  /** The CDP's customer number. */
  ecrn: string;
  /** The CDP's words as it gave them (possibly words KYC Desk does not know), or null when it gave none. */
  customerStatus: string | null;
  amlScanStatus: string | null;
  /** Onboarding's answer only; null when the CDP did not say (a look-up never says). */
  pep: boolean | null;
  /** The CDP's AML category code; onboarding's answer only. */
  amlCategory: string | null;
  /** A look-up's answer only: the id's status at the CDP and its expiry (YYYY-MM-DD). */
  idStatus: string | null;
  idExpiry: string | null;
  how: CdpEnrolmentHow;
  /** ISO instant the answer was written down (the record's end). */
  notedAt: string;
}

/** One enrolment with the record it belongs to, as the UAE CDP screen lists it. */
export interface CdpEnrolmentListed extends CdpEnrolment {
  reference: string;
  /** The queue's name column (already upper case, as captured). */
  name: string;
}

type Row = Record<string, import('sql.js').SqlValue>;

function howOf(value: unknown): CdpEnrolmentHow {
  return CDP_ENROLMENT_HOW.find((how) => how === value) ?? 'onboarded';
}

function enrolmentOf(row: Row): CdpEnrolment {
  const pep = numberOrNull(row.pep);
  return {
    recordId: String(row.record_id),
    ecrn: String(row.ecrn),
    customerStatus: textOrNull(row.customer_status),
    amlScanStatus: textOrNull(row.aml_scan_status),
    pep: pep === null ? null : pep === 1,
    amlCategory: textOrNull(row.aml_category),
    idStatus: textOrNull(row.id_status),
    idExpiry: textOrNull(row.id_expiry),
    how: howOf(row.how),
    notedAt: String(row.noted_at),
  };
}

/**
 * The one owner of the cdp_enrolments table. The UAE onboarding service writes a row inside the
 * sync engine's settle write, so the record's end and what the CDP said of it land together; the
 * same answer read again (a look-up after a restart) rewrites the row, never adds one. A row is
 * written only while its record exists, and goes with it (schema 15's trigger).
 */
export class CdpEnrolments {
  constructor(private readonly store: Store) {}

  /** Only inside `store.write`. Upsert by record id; nothing when the record is gone. */
  note(entry: Omit<CdpEnrolment, 'notedAt'>, now: string): void {
    this.store.run(
      `INSERT INTO cdp_enrolments (record_id, ecrn, customer_status, aml_scan_status, pep, aml_category, id_status, id_expiry, how, noted_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM records WHERE id = ?)
       ON CONFLICT(record_id) DO UPDATE SET ecrn = excluded.ecrn, customer_status = excluded.customer_status, aml_scan_status = excluded.aml_scan_status,
         pep = excluded.pep, aml_category = excluded.aml_category, id_status = excluded.id_status, id_expiry = excluded.id_expiry, how = excluded.how, noted_at = excluded.noted_at`,
      [
        entry.recordId,
        entry.ecrn,
        entry.customerStatus,
        entry.amlScanStatus,
        entry.pep === null ? null : entry.pep ? 1 : 0,
        entry.amlCategory,
        entry.idStatus,
        entry.idExpiry,
        entry.how,
        now,
        entry.recordId,
      ],
    );
  }

  find(recordId: string): CdpEnrolment | undefined {
    const row = this.store.get('SELECT * FROM cdp_enrolments WHERE record_id = ?', [recordId]);
    return row ? enrolmentOf(row) : undefined;
  }

  /**
   * The customers the CDP holds, newest first, within the operator's read scope (in SQL: a maker
   * sees only the customers they captured), `limit` at most, with the count of all in scope.
   */
  list(scope: RecordScope, limit: number): { items: CdpEnrolmentListed[]; total: number } {
    const where = scope.kind === 'own' ? 'WHERE r.created_by = ?' : '';
    const params = scope.kind === 'own' ? [scope.operatorId] : [];
    const from = `FROM cdp_enrolments e JOIN records r ON r.id = e.record_id ${where}`;
    const total = Number(this.store.get(`SELECT COUNT(*) AS n ${from}`, params)?.n ?? 0);
    const items = this.store
      .all(`SELECT e.*, r.reference, r.name ${from} ORDER BY e.noted_at DESC, e.record_id DESC LIMIT ?`, [...params, limit])
      .map((row) => ({ ...enrolmentOf(row), reference: String(row.reference), name: String(row.name) }));
    return { items, total };
  }
}
