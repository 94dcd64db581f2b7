import type { KycRecord, KycVerifier } from '../../shared/record/kyc-record';
import type { BatchHeader } from '../../electron/connectors/ckyc-bulk/batch-csv';
import type { CalendarDate } from '../../shared/validation/dates';
import { validateKycRecord } from '../../shared/validation/kyc-record';

/** The day the fixtures are valid on: dates of birth, declarations and expiries are set around it. */
export const FIXTURE_TODAY: CalendarDate = { year: 2026, month: 11, day: 22 };

/** A 64-hex reference from the document store (any 64 hex characters will do in tests). */
export function documentHash(n: number): string {
  return n.toString(16).padStart(2, '0').repeat(32);
}

/** A complete, valid record of an adult resident, as typed at the counter (not yet normalised). */
export function completeKycRecord(): KycRecord {
  return {
    applicationType: '01',
    ckycNumber: '',
    accountType: '01',
    constitution: '01',
    prefix: 'ms',
    firstName: ' Asha ',
    middleName: 'rani',
    lastName: 'Verma',
    maidenName: { prefix: 'MISS', firstName: 'Asha', middleName: '', lastName: 'Sharma' },
    fatherOrSpouse: { relation: '01', prefix: 'MR', firstName: 'Ravi', middleName: '', lastName: "d’souza" },
    mother: { prefix: 'MRS', firstName: 'Sunita', middleName: '', lastName: 'Sharma' },
    gender: 'f',
    maritalStatus: '01',
    dateOfBirth: '1990-04-15',
    citizenship: 'in',
    nationality: 'IN',
    residentialStatus: '01',
    occupation: 'S-02',
    pan: 'abcpv 1234 k',
    form60: false,
    aadhaarLast4: '4321',
    identityDocuments: [
      { code: 'a', number: 'j8369854', expiry: '2031-06-30' },
      { code: 'E', number: 'XXXX XXXX 4321' },
    ],
    permanentAddress: {
      poaCode: '02',
      line1: '12,  MG Road',
      line2: 'near  clock tower',
      line3: '',
      cityOrVtc: 'Bengaluru',
      district: 'Bengaluru Urban',
      state: 'ka',
      country: 'IN',
      pinCode: '560 001',
    },
    correspondenceAddress: {
      sameAsPermanent: false,
      addressType: '02',
      poaCode: '11',
      line1: 'Flat 4B, 2nd Cross',
      line2: 'Indiranagar',
      line3: '',
      cityOrVtc: 'Bengaluru',
      district: 'Bengaluru Urban',
      state: 'KA',
      country: 'IN',
      pinCode: '560038',
    },
    contact: { mobileIsd: '+91', mobile: '98765 43210', email: ' Asha.Verma@Example.com ' },
    disability: { flag: true, impairmentType: '01', percentage: '40 %', udid: 'mh 1234567890123456' },
    taxResidency: { taxResidentOutsideIndia: true, countries: [{ country: 'us', tin: '123 45 6789' }] },
    relatedPersons: [{ type: '15', prefix: 'mr', name: 'Ravi  Verma', relation: 'husband', identity: { code: 'C', number: 'abcpv5678k' } }],
    images: [
      { code: '02', documentHash: documentHash(1), mime: 'image/jpeg', bytes: 48_213, masked: false },
      { code: '04', documentHash: documentHash(2), mime: 'image/jpeg', bytes: 120_544, masked: true },
      { code: '05', documentHash: documentHash(3), mime: 'application/pdf', bytes: 210_001, masked: false },
      { code: '09', documentHash: documentHash(4), mime: 'image/jpeg', bytes: 9_870, masked: false },
    ],
    declaration: { date: '2026-11-20', place: 'bengaluru' },
    verification: { date: '2026-11-21', kycMode: '01' },
    remarks: 'Customer  visited the branch.\nDocuments seen in original.',
  };
}

/** What a test may vary in a sample record: the fields that tell customers apart. */
export interface SampleOverrides {
  firstName?: string;
  lastName?: string;
  pan?: string;
  mobile?: string;
  pinCode?: string;
}

/**
 * A valid adult resident as typed at the counter; `n` varies the PAN and mobile, so records
 * differ. `images` are the record's stored images (see storedImagesFor): without them main refuses
 * to save it, as it should — the photograph is mandatory.
 */
export function sampleKycRecord(n = 1, overrides: SampleOverrides = {}, images: KycRecord['images'] = []): KycRecord {
  const serial = String(1000 + (n % 9000)).padStart(4, '0');
  const base = completeKycRecord();
  return {
    ...base,
    firstName: overrides.firstName ?? 'Asha',
    middleName: '',
    lastName: overrides.lastName ?? 'Verma',
    pan: overrides.pan ?? `ABCPV${serial}K`,
    // One passport per person, like the PAN (sample 7 holds J8369854): two samples are two customers, never the same one twice.
    identityDocuments: [{ code: 'A', number: `J${String(8_369_847 + n).slice(-7)}`, expiry: '2031-06-30' }],
    aadhaarLast4: '4321',
    permanentAddress: { ...base.permanentAddress, pinCode: overrides.pinCode ?? '560001' },
    correspondenceAddress: { ...base.correspondenceAddress, sameAsPermanent: true },
    contact: { mobileIsd: '91', mobile: overrides.mobile ?? `98${String(10_000_000 + n).slice(-8)}`, email: '' },
    disability: { flag: false, impairmentType: '', percentage: '', udid: '' },
    taxResidency: { taxResidentOutsideIndia: false, countries: [] },
    relatedPersons: [],
    images,
  };
}

/**
 * Sample `n` as main stores it — validated and normalised — for tests and benchmarks that write
 * the store directly; its photograph reference is any 64 hex characters.
 */
export function storedSample(n: number, overrides: SampleOverrides = {}): KycRecord {
  const photo = { code: '02', documentHash: documentHash(n % 256), mime: 'image/jpeg', bytes: 40_000, masked: false };
  const check = validateKycRecord(sampleKycRecord(n, overrides, [photo]), FIXTURE_TODAY);
  if (!check.ok) throw new Error(`sample ${n} must be valid: ${JSON.stringify(check.errors)}`);
  return check.value;
}

/** A checker as the batch ZIP's verifier block carries one (tests of the ZIP and the outbox). */
export const SAMPLE_VERIFIER: KycVerifier = {
  name: 'TRAINING CHECKER',
  designation: 'BRANCH MANAGER',
  branch: 'MG ROAD',
  employeeCode: 'E1042',
  organisation: 'DEMO BANK',
  organisationCode: 'IN0308',
};

/** A new-records batch's header as the ZIP and outbox tests build it. */
export function sampleBatchHeader(batchFileName: string): BatchHeader {
  return {
    batchFileName,
    kind: 'upload',
    verifier: SAMPLE_VERIFIER,
    createdAt: new Date('2026-11-22T10:15:00Z'),
    purpose: 'New customer KYC',
    institution: { fiCode: 'IN0308', regionCode: 'SOUTH', branchCode: 'BLR001' },
  };
}
