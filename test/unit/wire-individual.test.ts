import { describe, expect, it } from 'vitest';
import { individualsCsv } from '../../electron/connectors/ckyc-bulk/batch-csv';
import { recordZipBytes } from '../../electron/connectors/ckyc-bulk/batch-zip';
import { toWireIndividual } from '../../electron/connectors/ckyc-bulk/map-individual';
import { toWireRecord } from '../../electron/connectors/ckyc-records/map-record';
import { initializeRequestSchema } from '../../electron/connectors/ckyc-bulk/wire';
import { sampleKycRecord } from '../support/kyc-records';

/** Initialize carries what the seed lists for an individual beyond the ZIP's files (issue 12). */
describe('the individual initialize carries', () => {
  const verifier = { name: 'A', designation: 'B', branch: 'C', employment_code: 'D', organization: 'E' };
  const body = (individual: ReturnType<typeof toWireIndividual>) => ({ data: { purpose: 'new_kyc_upload', batch_file_name: 'KD_X', verifier, individuals: [individual] } });

  it('a correspondence address that is not the permanent one, and each identity document, an Aadhaar-based one by its last 4 digits', () => {
    const record = {
      ...sampleKycRecord(1),
      identityDocuments: [
        { code: 'A', number: 'J8369854', expiry: '2031-06-30' },
        { code: 'E', number: 'XXXX XXXX 4321' },
      ],
      correspondenceAddress: { sameAsPermanent: false, addressType: '02', poaCode: '11', line1: 'Flat 4B, 2nd Cross', line2: 'Indiranagar', line3: '', cityOrVtc: 'Bengaluru', district: 'Bengaluru Urban', state: 'KA', country: 'IN', pinCode: '560038' },
    };
    const wire = toWireIndividual('KD0000000000A1', record);
    expect(wire.correspondence_same_as_permanent).toBe('N');
    expect(wire.correspondence_address).toMatchObject({ address_type: '02', address_line_1: 'Flat 4B, 2nd Cross', address_line_2: 'Indiranagar', city: 'Bengaluru', pin_code: '560038' });
    expect(wire.identity_documents).toEqual([
      { code: 'A', number: 'J8369854', expiry: '2031-06-30' },
      { code: 'E', number: expect.stringMatching(/^\D*4321$/) },
    ]);
    expect(JSON.stringify(wire)).not.toMatch(/\d{5,}\D*4321/);
    expect(initializeRequestSchema.safeParse(body(wire)).success).toBe(true);
  });

  it('no correspondence address when it is the permanent one, and no empty document list', () => {
    const record = { ...sampleKycRecord(2), identityDocuments: [] };
    const wire = toWireIndividual('KD0000000000A2', { ...record, correspondenceAddress: { ...record.correspondenceAddress, sameAsPermanent: true } });
    expect(wire.correspondence_same_as_permanent).toBe('Y');
    expect(wire).not.toHaveProperty('correspondence_address');
    expect(wire).not.toHaveProperty('identity_documents');
    expect(initializeRequestSchema.safeParse(body(wire)).success).toBe(true);
  });
});

/** The in-person video is a document of the record for the digital-KYC push, never CKYC's (decision 0046). */
describe('the in-person video never reaches CKYC', () => {
  const verifier = { name: 'TRAINING CHECKER', designation: 'OFFICER', branch: 'MG ROAD', employeeCode: 'TC-001', organisation: 'DEMO BANK', organisationCode: 'IN0308' };
  const plain = sampleKycRecord(3);
  const withVideo = { ...plain, inPersonVideo: { code: 'IPV', documentHash: 'ab'.repeat(32), mime: 'video/webm', bytes: 20 * 1024 * 1024, masked: false } };

  it('neither in the bulk upload’s individual, its CSVs and ZIP size, nor in the records API’s record', () => {
    expect(toWireIndividual('KD0000000000A3', withVideo)).toEqual(toWireIndividual('KD0000000000A3', plain));
    expect(individualsCsv([{ reference: 'KD0000000000A3', record: withVideo }])).toBe(individualsCsv([{ reference: 'KD0000000000A3', record: plain }]));
    expect(recordZipBytes({ reference: 'KD0000000000A3', record: withVideo })).toBe(recordZipBytes({ reference: 'KD0000000000A3', record: plain }));
    const wire = toWireRecord('KD0000000000A3', withVideo, verifier);
    expect(wire).toEqual(toWireRecord('KD0000000000A3', plain, verifier));
    expect(JSON.stringify(wire)).not.toMatch(/IPV|video|abababab/);
  });
});
