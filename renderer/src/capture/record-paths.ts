import { DEFAULT_RECORD_KIND, type RecordKind } from '../../../shared/record-kinds';
import { AADHAAR_LAST4, emptyKycRecord, type KycRecord } from '../../../shared/record/kyc-record';

/**
 * Dotted record paths ('permanentAddress.pinCode', 'identityDocuments.0.number'), as the validator
 * keys its errors and as the form names its inputs.
 */

function isIndex(part: string): boolean {
  return /^\d+$/.test(part);
}

/** The value at `path`, or undefined when any part of it is missing. */
export function getAt(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A copy of `value` with `path` set to `next`: only the objects and arrays along the path are copied. */
export function setAt<T>(value: T, path: string, next: unknown): T {
  const [head, ...rest] = path.split('.');
  if (head === undefined || head === '') return next as T;
  const inner = rest.length === 0 ? next : setAt((value as Record<string, unknown> | undefined)?.[head], rest.join('.'), next);
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])];
    copy[Number(head)] = inner;
    return copy as T;
  }
  if (value === undefined && isIndex(head)) {
    const copy: unknown[] = [];
    copy[Number(head)] = inner;
    return copy as T;
  }
  return { ...(value as object), [head]: inner } as T;
}

/** The blank record the form starts from: declaration and verification dated today. */
export function blankRecord(today: string): KycRecord {
  const record = emptyKycRecord();
  return { ...record, declaration: { ...record.declaration, date: today }, verification: { ...record.verification, date: today } };
}

/** The blank record of a kind's form: the individual's dated today, any other kind's own blank. */
export function blankFor<R>(kind: RecordKind<R>, today: string): R {
  return kind.id === DEFAULT_RECORD_KIND ? (blankRecord(today) as R) : kind.blank();
}

/** Deep equality of plain data; a property holding undefined counts as absent. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
  const ka = keys(a);
  const kb = keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * True when a draft holds something the operator typed: it differs from emptyKycRecord(), the
 * declaration and verification dates aside (the form fills those in with today).
 */
export function worthOffering(record: KycRecord): boolean {
  const undated = { ...record, declaration: { ...record.declaration, date: '' }, verification: { ...record.verification, date: '' } };
  return !sameData(undated, emptyKycRecord());
}

/**
 * The record as it may cross the bridge: the contract takes `aadhaarLast4` only as exactly 4
 * digits, so a half-typed one (or an empty field) is left out until it is complete.
 */
export function forTransport<R>(record: R): R {
  const last4 = (record as Partial<KycRecord>).aadhaarLast4;
  if (last4 === undefined || AADHAAR_LAST4.test(last4)) return record;
  const { aadhaarLast4: _partial, ...rest } = record as KycRecord;
  return rest as R;
}
