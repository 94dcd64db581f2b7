import { describe, expect, it } from 'vitest';
import { headerProblems, rowProblems, UPDATE_COLUMN_NAMES, UPDATE_MAX_BYTES, type UpdateRow } from '../../shared/bulk-update/update-columns';
import { parentCompanyIdProblem } from '../../shared/bulk-update/parent-company-id';
import { updateRowFromRecord } from '../../shared/bulk-update/row-from-record';
import { parseUpdateFile, writeUpdateFile } from '../../electron/connectors/bulk-update/update-file';
import { validateKycRecord } from '../../shared/validation/kyc-record';
import { completeKycRecord, FIXTURE_TODAY } from '../support/kyc-records';

/** The bulk update file: its columns and rows (shared), written and read back as CSV bytes (main). */
function row(changes: Partial<UpdateRow> = {}): UpdateRow {
  return {
    customer_reference: 'KD0000000001',
    customer_name: 'ASHA RAO',
    ckyc_number: '30000000000011',
    kyc_status: 'VERIFIED',
    kyc_date: '2026-11-20',
    pan: 'ABCPR1234F',
    mobile: '9876543210',
    email: 'asha@mail.co.in',
    address_line1: '12, MG ROAD "NORTH"',
    address_line2: '',
    address_line3: '',
    city: 'PUNE',
    district: 'PUNE',
    state: 'MH',
    pincode: '411001',
    country: 'IN',
    ...changes,
  };
}

describe('an update row', () => {
  it('is clean when every rule holds', () => {
    expect(rowProblems(row())).toEqual({});
  });

  it.each([
    [{ pan: 'ABCDE1234' }, 'pan', /10 characters/],
    [{ pan: 'abcpr1234f' }, 'pan', /Write it as “ABCPR1234F”/],
    [{ mobile: '98765' }, 'mobile', /10 digits/],
    [{ email: 'not-an-email' }, 'email', /exactly one @/],
    [{ kyc_status: 'verified' }, 'kyc_status', /VERIFIED, PENDING, REJECTED/],
    [{ ckyc_number: '' }, 'ckyc_number', /verified customer has a CKYC number/],
    [{ kyc_date: '20/11/2026' }, 'kyc_date', /YYYY-MM-DD/],
    [{ kyc_date: '2026-02-30' }, 'kyc_date', /YYYY-MM-DD/],
    [{ state: 'Maharashtra' }, 'state', /like MH/],
    [{ pincode: '4110' }, 'pincode', /6 digits/],
    [{ country: 'IND' }, 'country', /two-letter/],
    [{ customer_reference: 'kd-1' }, 'customer_reference', /capital letters and digits/],
    [{ customer_name: '' }, 'customer_name', /missing/],
    [{ address_line2: '=HYPERLINK("http://x")' }, 'address_line2', /formula|=/i],
    [{ address_line3: 'Aadhaar 2345 6789 0124' }, 'address_line3', /Aadhaar/],
  ] as const)('%j is refused in its column', (changes, column, message) => {
    const problems = rowProblems(row(changes as Partial<UpdateRow>));
    expect(Object.keys(problems)).toEqual([column]);
    expect(problems[column as keyof UpdateRow]).toMatch(message);
  });

  it('from a valid record is clean, keyed by the record’s reference', () => {
    const checked = validateKycRecord(completeKycRecord(), FIXTURE_TODAY);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const made = updateRowFromRecord(checked.value, 'KD0000000042', { status: 'VERIFIED', ckycNumber: '30000000000042', kycDate: '2026-11-22' });
    expect(made.customer_reference).toBe('KD0000000042');
    expect(made.mobile).toMatch(/^[6-9]\d{9}$/);
    expect(made.address_line1).not.toBe('');
    expect(rowProblems(made)).toEqual({});
  });

  it('names a missing, unknown or repeated column in the header', () => {
    expect(headerProblems(UPDATE_COLUMN_NAMES)).toEqual([]);
    const problems = headerProblems([...UPDATE_COLUMN_NAMES.filter((name) => name !== 'email'), 'notes', 'pan']);
    expect(problems).toEqual(['The column “notes” is not one of the update file’s columns.', 'The column “pan” is given twice.', 'The column “email” is missing.']);
  });

  it('takes a parent company id of CEK and seven capitals or digits, or none', () => {
    expect(parentCompanyIdProblem('CEKA1B2C3D')).toBeNull();
    expect(parentCompanyIdProblem('')).toBeNull();
    for (const bad of ['CEKa1b2c3d', 'CEK123456', 'XEKA1B2C3D', 'CEKA1B2C3D4']) expect(parentCompanyIdProblem(bad)).toMatch(/CEK followed by 7/);
  });
});

describe('an update file', () => {
  it('round-trips rows through CSV, quotes and commas included', () => {
    const rows = [row(), row({ customer_reference: 'KD0000000002', customer_name: 'RAVI, KUMAR', pan: '' })];
    const bytes = writeUpdateFile(rows);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(bytes.toString('utf8').split('\r\n')[0]).toBe(UPDATE_COLUMN_NAMES.join(','));
    expect(parseUpdateFile(bytes)).toEqual({ ok: true, rows });
  });

  it('reads a file with a byte-order mark and its columns in another order', () => {
    const columns = [...UPDATE_COLUMN_NAMES].reverse();
    const text = `\uFEFF${columns.join(',')}\r\n${columns.map((name) => row()[name]).map((value) => (/[",]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)).join(',')}\r\n`;
    expect(parseUpdateFile(Buffer.from(text))).toEqual({ ok: true, rows: [row()] });
  });

  it.each([
    ['empty', Buffer.alloc(0), /empty/],
    ['a renamed program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]), /a Windows program, whatever its name says/],
    ['an Excel workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /save it as “CSV UTF-8”/],
    ['Latin-1 text', Buffer.from([...Buffer.from(`${UPDATE_COLUMN_NAMES.join(',')}\r\n`), 0xe9, 0x0d, 0x0a]), /not UTF-8/],
    ['a quote left open', Buffer.from(`${UPDATE_COLUMN_NAMES.join(',')}\r\n"KD1,${',x'.repeat(15)}\r\n`), /not a well-formed CSV/],
    ['a row with fewer cells', Buffer.from(`${UPDATE_COLUMN_NAMES.join(',')}\r\nKD1,A\r\n`), /not a well-formed CSV/],
    ['a missing column', Buffer.from(`${UPDATE_COLUMN_NAMES.filter((name) => name !== 'kyc_status').join(',')}\r\n`), /“kyc_status” is missing/],
    ['a header only', Buffer.from(`${UPDATE_COLUMN_NAMES.join(',')}\r\n`), /no customers/],
  ])('refuses %s with a clear reason', (_name, bytes, problem) => {
    const parsed = parseUpdateFile(bytes);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });

  it('refuses a 30 MB file by its size before reading it', () => {
    const big = Buffer.alloc(30 * 1024 * 1024, 0x41);
    expect(big.length).toBeGreaterThan(UPDATE_MAX_BYTES);
    expect(parseUpdateFile(big)).toEqual({ ok: false, problem: 'The file is 30.0 MB; an update file may be at most 20.0 MB. Split it in two.' });
  });
});
