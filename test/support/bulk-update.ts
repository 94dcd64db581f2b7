import type { UpdateRow } from '../../shared/bulk-update/update-columns';

/**
 * A clean bulk update row for customer `n`: its reference is `prefix` then `n` padded to 12
 * characters in all (each test file its own prefix, so files never share customers), its values
 * valid by every rule of the update file; `changes` make it fail on purpose.
 */
export function updateRow(prefix: string, n: number, changes: Partial<UpdateRow> = {}): UpdateRow {
  return {
    customer_reference: `${prefix}${String(n).padStart(Math.max(1, 12 - prefix.length), '0')}`,
    customer_name: `CUSTOMER ${n}`,
    ckyc_number: `30${String(n).padStart(12, '0')}`,
    kyc_status: 'VERIFIED',
    kyc_date: '2026-12-01',
    pan: '',
    mobile: `98${String(n).padStart(8, '0')}`,
    email: `c${n}@mail.co.in`,
    address_line1: `${n} MG ROAD`,
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
