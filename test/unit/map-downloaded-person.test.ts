import { describe, expect, it } from 'vitest';
import { downloadedPersonSchema } from '../../electron/connectors/ckyc-bulk/download-wire';
import { mapDownloadedPerson } from '../../electron/connectors/ckyc-bulk/map-downloaded-person';
import { kycRecordSchema } from '../../shared/record/kyc-record';

/** A 12-digit number validateAadhaar accepts (Verhoeff check digit right). */
const FULL_AADHAAR = '234567890124';

const person = () =>
  downloadedPersonSchema.parse({
    ckyc_number: '50012345678901',
    prefix: 'Mr',
    first_name: 'Ravi',
    last_name: 'Sharma',
    father_or_spouse_name: 'Mohan Lal Sharma',
    gender: 'M',
    dob: '15-04-1990',
    pan: 'abcpe1234f',
    mobile_number: '9876543210',
    permanent_address: { address_line_1: '12, MG Road', city: 'Bengaluru', pin_code: '560001' },
    identity_documents: [{ code: 'E', number: FULL_AADHAAR }, { code: 'C', number: 'ABCPE1234F' }],
    remarks_from_vendor: 'ignored',
    photograph_base64: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64'),
  });

describe('a person fetched from CKYC as a canonical record', () => {
  it('keeps only the last 4 digits of an Aadhaar number, in the record and in the raw fields', () => {
    const mapped = mapDownloadedPerson(person());
    expect(mapped.record.identityDocuments).toEqual([{ code: 'E', number: '0124' }, { code: 'C', number: 'ABCPE1234F' }]);
    expect(mapped.record.aadhaarLast4).toBe('0124');
    expect(JSON.stringify(mapped)).not.toContain(FULL_AADHAAR);
  });

  it('replaces any other text holding a full Aadhaar number', () => {
    const mapped = mapDownloadedPerson({ ...person(), email: `x ${FULL_AADHAAR} y` });
    expect(JSON.stringify(mapped)).not.toContain(FULL_AADHAAR);
  });

  it('fills the form’s shape as an update with the CKYC number, and the record passes its schema', () => {
    const { record, raw, photograph } = mapDownloadedPerson(person());
    expect(kycRecordSchema.safeParse(record).success).toBe(true);
    expect(record).toMatchObject({ applicationType: '03', ckycNumber: '50012345678901', prefix: 'MR', firstName: 'RAVI', lastName: 'SHARMA', gender: 'M', dateOfBirth: '1990-04-15', pan: 'ABCPE1234F' });
    expect(record.fatherOrSpouse).toMatchObject({ firstName: 'MOHAN', middleName: 'LAL', lastName: 'SHARMA' });
    expect(record.permanentAddress).toMatchObject({ line1: '12, MG ROAD', cityOrVtc: 'BENGALURU', pinCode: '560001' });
    expect(raw).not.toHaveProperty('photograph_base64');
    expect(photograph?.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });
});
