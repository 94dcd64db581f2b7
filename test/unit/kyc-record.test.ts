import { describe, it, expect } from 'vitest';
import {
  EMPTY_KYC_RECORD,
  FULL_AADHAAR_REFUSED,
  KYC_FIELD_LABELS,
  emptyKycRecord,
  fieldLabel,
  identityDocumentSchema,
  kycRecordSchema,
  kycVerifierSchema,
  verifierFromOperator,
  type KycRecord,
} from '../../shared/record/kyc-record';
import { FIELD_STEPS, KYC_STEPS, countErrorsByStep, stepOf, validateKycRecord, type KycErrors } from '../../shared/validation/kyc-record';
import * as validationIndex from '../../shared/validation';
import type { CalendarDate } from '../../shared/validation/dates';
import {
  ADDRESS_PROOF_TYPES,
  IDENTITY_DOCUMENT_TYPES,
  RELATED_PERSON_TYPES,
  addressProofFlags,
  identityDocumentFlags,
} from '../../shared/codes/ckyc-codes';
import { FIXTURE_TODAY as TODAY, completeKycRecord, documentHash } from '../support/kyc-records';

type Patch = (record: KycRecord) => void;

function recordWith(patch: Patch): KycRecord {
  const record = completeKycRecord();
  patch(record);
  return record;
}

function errorsFor(patch: Patch, today: CalendarDate = TODAY): KycErrors {
  const result = validateKycRecord(recordWith(patch), today);
  return result.ok ? {} : result.errors;
}

function valueFor(patch: Patch, today: CalendarDate = TODAY): KycRecord {
  const result = validateKycRecord(recordWith(patch), today);
  if (!result.ok) throw new Error(`expected a valid record, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

/**
 * A message a branch operator can read: it starts with the field's label (never a raw path),
 * is one or more sentences, and does not carry code-ish leftovers.
 */
function expectReadable(path: string, message: string | undefined): void {
  expect(message, `no error at ${path}`).toBeDefined();
  const label = fieldLabel(path);
  expect(label, `no label for ${path}`).not.toBe(path);
  expect(message!.startsWith(`${label}: `), message).toBe(true);
  const reason = message!.slice(label.length + 2);
  expect(reason).toMatch(/^[A-Z]/);
  expect(reason).toMatch(/[.]$/);
  expect(message).not.toMatch(/undefined|null|NaN|\[object|[a-z]+\.[a-z]+[A-Z]|Invalid input|expected/);
}

/** Exactly these paths fail, each with a readable message matching its pattern. */
function expectErrors(patch: Patch, expected: Record<string, RegExp>, today: CalendarDate = TODAY): KycErrors {
  const errors = errorsFor(patch, today);
  expect(Object.keys(errors).sort()).toStrictEqual(Object.keys(expected).sort());
  for (const [path, pattern] of Object.entries(expected)) {
    expectReadable(path, errors[path]);
    expect(errors[path]).toMatch(pattern);
  }
  return errors;
}

const guardian = (): KycRecord['relatedPersons'][number] => ({
  type: '1',
  prefix: 'MR',
  name: 'Ravi Verma',
  relation: 'Father',
  identity: { code: 'C', number: 'ABCPV5678K' },
});

/** Turns the fixture into a 14-year-old's minor account with a guardian: valid. */
const asMinor: Patch = (r) => {
  r.dateOfBirth = '2012-03-01';
  r.accountType = '05';
  r.relatedPersons = [guardian()];
  r.taxResidency = { taxResidentOutsideIndia: false, countries: [] };
};

// ---------------------------------------------------------------------------------------------

describe('a complete valid record', () => {
  it('passes and comes back normalised: upper-case names, identifiers and codes, tidy spaces', () => {
    expect(validateKycRecord(completeKycRecord(), TODAY)).toStrictEqual({
      ok: true,
      value: {
        applicationType: '01',
        ckycNumber: '',
        accountType: '01',
        constitution: '01',
        prefix: 'MS',
        firstName: 'ASHA',
        middleName: 'RANI',
        lastName: 'VERMA',
        maidenName: { prefix: 'MISS', firstName: 'ASHA', middleName: '', lastName: 'SHARMA' },
        fatherOrSpouse: { relation: '01', prefix: 'MR', firstName: 'RAVI', middleName: '', lastName: "D'SOUZA" },
        mother: { prefix: 'MRS', firstName: 'SUNITA', middleName: '', lastName: 'SHARMA' },
        gender: 'F',
        maritalStatus: '01',
        dateOfBirth: '1990-04-15',
        citizenship: 'IN',
        nationality: 'IN',
        residentialStatus: '01',
        occupation: 'S-02',
        pan: 'ABCPV1234K',
        form60: false,
        aadhaarLast4: '4321',
        identityDocuments: [
          { code: 'A', number: 'J8369854', expiry: '2031-06-30' },
          { code: 'E', number: '4321' },
        ],
        permanentAddress: {
          poaCode: '02',
          line1: '12, MG ROAD',
          line2: 'NEAR CLOCK TOWER',
          line3: '',
          cityOrVtc: 'BENGALURU',
          district: 'BENGALURU URBAN',
          state: 'KA',
          country: 'IN',
          pinCode: '560001',
        },
        correspondenceAddress: {
          sameAsPermanent: false,
          addressType: '02',
          poaCode: '11',
          line1: 'FLAT 4B, 2ND CROSS',
          line2: 'INDIRANAGAR',
          line3: '',
          cityOrVtc: 'BENGALURU',
          district: 'BENGALURU URBAN',
          state: 'KA',
          country: 'IN',
          pinCode: '560038',
        },
        contact: { mobileIsd: '91', mobile: '9876543210', email: 'asha.verma@example.com' },
        disability: { flag: true, impairmentType: '01', percentage: '40', udid: 'MH1234567890123456' },
        taxResidency: { taxResidentOutsideIndia: true, countries: [{ country: 'US', tin: '123456789' }] },
        relatedPersons: [{ type: '15', prefix: 'MR', name: 'RAVI VERMA', relation: 'HUSBAND', identity: { code: 'C', number: 'ABCPV5678K' } }],
        images: [
          { code: '02', documentHash: documentHash(1), mime: 'image/jpeg', bytes: 48_213, masked: false },
          { code: '04', documentHash: documentHash(2), mime: 'image/jpeg', bytes: 120_544, masked: true },
          { code: '05', documentHash: documentHash(3), mime: 'application/pdf', bytes: 210_001, masked: false },
          { code: '09', documentHash: documentHash(4), mime: 'image/jpeg', bytes: 9_870, masked: false },
        ],
        declaration: { date: '2026-11-20', place: 'BENGALURU' },
        verification: { date: '2026-11-21', kycMode: '01' },
        remarks: 'Customer visited the branch. Documents seen in original.',
      },
    });
  });

  it('is a fixed point: validating the normalised record gives it back unchanged', () => {
    const first = valueFor(() => {});
    expect(validateKycRecord(first, TODAY)).toStrictEqual({ ok: true, value: first });
  });

  it('does not change the input object', () => {
    const record = completeKycRecord();
    validateKycRecord(record, TODAY);
    expect(record).toStrictEqual(completeKycRecord());
  });

  it('accepts a minor with a guardian', () => {
    expect(valueFor(asMinor).relatedPersons[0]!.type).toBe('1');
  });

  it('accepts the limits exactly: names 50, address lines 55, city, district and place 50, email 50, remarks 500', () => {
    const value = valueFor((r) => {
      r.firstName = 'A'.repeat(50);
      r.permanentAddress.line1 = '1'.repeat(55);
      r.permanentAddress.cityOrVtc = 'B'.repeat(50);
      r.permanentAddress.district = 'C'.repeat(50);
      r.declaration.place = 'D'.repeat(50);
      r.contact.email = `${'e'.repeat(38)}@example.com`;
      r.remarks = 'r'.repeat(500);
    });
    expect([value.firstName.length, value.permanentAddress.line1.length, value.contact.email.length, value.remarks.length]).toStrictEqual([50, 55, 50, 500]);
  });

  it('accepts an update with its CKYC number, normalised to 14 digits', () => {
    const value = valueFor((r) => {
      r.applicationType = '03';
      r.ckycNumber = ' 1234 5678 9012 34 ';
    });
    expect(value.ckycNumber).toBe('12345678901234');
  });

  it('accepts a record whose dates equal today', () => {
    expect(() => valueFor((r) => {
      r.declaration.date = '2026-11-22';
      r.verification.date = '2026-11-22';
    })).not.toThrow();
  });
});

describe('pasted text is normalised, not refused', () => {
  it.each<[string, Patch, (v: KycRecord) => unknown, unknown]>([
    ['doubled and trailing spaces in names', (r) => { r.firstName = '  asha   devi '; }, (v) => v.firstName, 'ASHA DEVI'],
    ['a tab and a newline in an address line', (r) => { r.permanentAddress.line1 = '12,\tMG\nRoad'; }, (v) => v.permanentAddress.line1, '12, MG ROAD'],
    ['a typographic apostrophe in the father’s name', (r) => { r.fatherOrSpouse.lastName = 'D‘souza'; }, (v) => v.fatherOrSpouse.lastName, "D'SOUZA"],
    ['a PAN in lower case with spaces', (r) => { r.pan = ' abcpv 1234 k '; }, (v) => v.pan, 'ABCPV1234K'],
    ['a mobile with +91 and spaces', (r) => { r.contact.mobile = '+91 98765-43210'; }, (v) => v.contact.mobile, '9876543210'],
    ['a PIN code with a space', (r) => { r.permanentAddress.pinCode = ' 560 001 '; }, (v) => v.permanentAddress.pinCode, '560001'],
    ['a state code in lower case', (r) => { r.permanentAddress.state = ' ka '; }, (v) => v.permanentAddress.state, 'KA'],
    ['a passport number in lower case', (r) => { r.identityDocuments[0]!.number = ' j 836 9854 '; }, (v) => v.identityDocuments[0]!.number, 'J8369854'],
    ['the masked Aadhaar as printed', (r) => { r.identityDocuments[1]!.number = 'xxxx-xxxx-4321'; }, (v) => v.identityDocuments[1]!.number, '4321'],
    ['codes in lower case with spaces', (r) => { r.gender = ' f '; r.identityDocuments[0]!.code = ' a '; }, (v) => [v.gender, v.identityDocuments[0]!.code], ['F', 'A']],
    ['an email with capitals and spaces around', (r) => { r.contact.email = '  Asha@Example.COM '; }, (v) => v.contact.email, 'asha@example.com'],
    ['a UDID with a space', (r) => { r.disability.udid = 'mh 12345678 90123456'; }, (v) => v.disability.udid, 'MH1234567890123456'],
    ['a percentage with %', (r) => { r.disability.percentage = ' 075% '; }, (v) => v.disability.percentage, '75'],
    ['a TIN with spaces', (r) => { r.taxResidency.countries[0]!.tin = ' 12 ab-34 '; }, (v) => v.taxResidency.countries[0]!.tin, '12AB-34'],
    ['an ISD code with +', (r) => { r.contact.mobileIsd = ' +91 '; }, (v) => v.contact.mobileIsd, '91'],
    ['a MIME type in capitals', (r) => { r.images[0]!.mime = ' IMAGE/JPEG '; }, (v) => v.images[0]!.mime, 'image/jpeg'],
    ['a customer reference in lower case', (r) => { r.customerReference = ' kd0000000042 '; }, (v) => v.customerReference, 'KD0000000042'],
  ])('%s', (_what, patch, pick, expected) => {
    expect(pick(valueFor(patch))).toStrictEqual(expected);
  });

  it('a driving licence typed with hyphens and spaces', () => {
    const value = valueFor((r) => {
      r.identityDocuments.push({ code: 'd', number: 'mh-12 2011 0012345', expiry: '2031-01-01' });
    });
    expect(value.identityDocuments[2]).toStrictEqual({ code: 'D', number: 'MH1220110012345', expiry: '2031-01-01' });
  });

  it('takes the Aadhaar last 4 digits from an Aadhaar-based identity document when none were entered', () => {
    const value = valueFor((r) => {
      delete r.aadhaarLast4;
    });
    expect(value.aadhaarLast4).toBe('4321');
  });
});

// ---------------------------------------------------------------------------------------------

describe('field rules', () => {
  it.each<[string, Patch, Record<string, RegExp>]>([
    ['a missing first name', (r) => { r.firstName = '  '; }, { firstName: /Fill this in/ }],
    ['a missing last name', (r) => { r.lastName = ''; }, { lastName: /Fill this in/ }],
    ['a digit in a name', (r) => { r.middleName = 'R4ni'; }, { middleName: /letters and single spaces/ }],
    ['a name of 51 letters', (r) => { r.lastName = 'V'.repeat(51); }, { lastName: /at most 50 characters; this has 51/ }],
    ['an apostrophe in the customer’s own name', (r) => { r.lastName = "O'Neil"; }, { lastName: /letters and single spaces/ }],
    ['an apostrophe in the mother’s name', (r) => { r.mother.lastName = "D'Souza"; }, { 'mother.lastName': /letters and single spaces/ }],
    ['an apostrophe that joins no letters in the father’s name', (r) => { r.fatherOrSpouse.lastName = "Souza'"; }, { 'fatherOrSpouse.lastName': /apostrophe may join letters/ }],
    ['a maiden last name without a first name', (r) => { r.maidenName.firstName = ''; }, { 'maidenName.firstName': /Fill this in, or clear/ }],
    ['an unknown prefix', (r) => { r.prefix = 'SIR'; }, { prefix: /not one of the choices/ }],
    ['a missing prefix', (r) => { r.prefix = ''; }, { prefix: /Choose one from the list/ }],
    ['an unknown gender', (r) => { r.gender = 'X'; }, { gender: /not one of the choices/ }],
    ['an unknown marital status', (r) => { r.maritalStatus = '09'; }, { maritalStatus: /not one of the choices/ }],
    ['an unknown occupation', (r) => { r.occupation = 'Z-99'; }, { occupation: /not one of the choices/ }],
    ['a missing residential status', (r) => { r.residentialStatus = ''; }, { residentialStatus: /Choose one/ }],
    ['an unknown application type', (r) => { r.applicationType = '02'; }, { applicationType: /not one of the choices/ }],
    ['an unknown account type', (r) => { r.accountType = '02'; }, { accountType: /not one of the choices/ }],
    ['a constitution other than individual', (r) => { r.constitution = '02'; }, { constitution: /not one of the choices/ }],
    ['a citizenship that is no country code', (r) => { r.citizenship = 'India'; }, { citizenship: /2-letter code/ }],
    ['a missing nationality', (r) => { r.nationality = ''; }, { nationality: /Choose the country/ }],
    ['a father-or-spouse flag other than 01 or 02', (r) => { r.fatherOrSpouse.relation = '03'; }, { 'fatherOrSpouse.relation': /not one of the choices/ }],
    ['an address line of 56 characters', (r) => { r.permanentAddress.line1 = 'A'.repeat(56); }, { 'permanentAddress.line1': /at most 55 characters; this has 56/ }],
    ['a third address line of 56 characters', (r) => { r.correspondenceAddress.line3 = 'A'.repeat(56); }, { 'correspondenceAddress.line3': /at most 55/ }],
    ['a missing first address line', (r) => { r.permanentAddress.line1 = ''; }, { 'permanentAddress.line1': /Fill this in/ }],
    ['an @ in an address line', (r) => { r.permanentAddress.line2 = 'c/o asha@home'; }, { 'permanentAddress.line2': /Use letters, digits/ }],
    ['a city of 51 characters', (r) => { r.permanentAddress.cityOrVtc = 'B'.repeat(51); }, { 'permanentAddress.cityOrVtc': /at most 50/ }],
    ['a digit in the city', (r) => { r.permanentAddress.cityOrVtc = 'Sector 5'; }, { 'permanentAddress.cityOrVtc': /letters, spaces, dots and hyphens/ }],
    ['a district of 51 characters', (r) => { r.permanentAddress.district = 'C'.repeat(51); }, { 'permanentAddress.district': /at most 50/ }],
    ['a missing district in India', (r) => { r.permanentAddress.district = ''; }, { 'permanentAddress.district': /Fill this in/ }],
    ['an unknown state', (r) => { r.permanentAddress.state = 'ZZ'; }, { 'permanentAddress.state': /state from the list/ }],
    ['a PIN code of 5 digits', (r) => { r.permanentAddress.pinCode = '56001'; }, { 'permanentAddress.pinCode': /6 digits; this has 5/ }],
    ['a PIN code starting with 0', (r) => { r.correspondenceAddress.pinCode = '060038'; }, { 'correspondenceAddress.pinCode': /cannot start with 0/ }],
    ['an unknown proof of address', (r) => { r.permanentAddress.poaCode = '06'; }, { 'permanentAddress.poaCode': /not one of the choices/ }],
    ['a missing correspondence address type', (r) => { r.correspondenceAddress.addressType = ''; }, { 'correspondenceAddress.addressType': /Choose one/ }],
    ['a declaration place of 51 characters', (r) => { r.declaration.place = 'P'.repeat(51); }, { 'declaration.place': /at most 50/ }],
    ['a missing declaration place', (r) => { r.declaration.place = ''; }, { 'declaration.place': /Fill this in/ }],
    ['an email of 51 characters', (r) => { r.contact.email = `${'e'.repeat(39)}@example.com`; }, { 'contact.email': /at most 50 characters; this has 51/ }],
    ['an email without @', (r) => { r.contact.email = 'asha.example.com'; }, { 'contact.email': /exactly one @/ }],
    ['remarks of 501 characters', (r) => { r.remarks = 'r'.repeat(501); }, { remarks: /at most 500 characters; this has 501/ }],
    ['a | in the remarks', (r) => { r.remarks = 'seen | ok'; }, { remarks: /\| character/ }],
    ['a PAN that is not an individual’s', (r) => { r.pan = 'ABCCE1234F'; }, { pan: /4th letter must be P/ }],
    ['a 9-digit mobile', (r) => { r.contact.mobile = '987654321'; }, { 'contact.mobile': /10 digits; this has 9/ }],
    ['a missing mobile', (r) => { r.contact.mobile = ''; }, { 'contact.mobile': /Enter the mobile number/ }],
    ['an ISD code with letters', (r) => { r.contact.mobileIsd = 'IN'; }, { 'contact.mobileIsd': /1 to 4 digits/ }],
    ['a foreign mobile with letters', (r) => { r.contact.mobileIsd = '971'; r.contact.mobile = '50-ABC-1234'; }, { 'contact.mobile': /digits only/ }],
    ['a missing verification mode', (r) => { r.verification.kycMode = ''; }, { 'verification.kycMode': /Choose one/ }],
    ['a verification mode 07', (r) => { r.verification.kycMode = '07'; }, { 'verification.kycMode': /not one of the choices/ }],
    ['a customer reference of 15 characters', (r) => { r.customerReference = 'KD0000000000001'; }, { customerReference: /at most 14 letters and digits/ }],
    ['a customer reference with a hyphen', (r) => { r.customerReference = 'KD-1'; }, { customerReference: /letters and digits/ }],
    ['an unknown image code', (r) => { r.images[3]!.code = '03'; }, { 'images.3.code': /not one of the choices/ }],
    ['an image of a file type V1.3 refuses', (r) => { r.images[0]!.mime = 'image/png'; }, { 'images.0.mime': /JPEG, PDF or TIFF/ }],
    ['an empty image file', (r) => { r.images[2]!.bytes = 0; }, { 'images.2.bytes': /empty/ }],
    ['a related person type not in the list', (r) => { r.relatedPersons[0]!.type = '7'; }, { 'relatedPersons.0.type': /not one of the choices/ }],
    ['a digit in a related person’s name', (r) => { r.relatedPersons[0]!.name = 'Ravi 2'; }, { 'relatedPersons.0.name': /letters and single spaces/ }],
    ['a related person without a relation', (r) => { r.relatedPersons[0]!.relation = ''; }, { 'relatedPersons.0.relation': /Fill this in/ }],
    ['a related person’s identity number of the wrong kind', (r) => { r.relatedPersons[0]!.identity = { code: 'A', number: 'ABCPV5678K' }; }, { 'relatedPersons.0.identity.number': /passport number is 1 letter and 7 digits/ }],
    ['a related person’s identity of an unknown type', (r) => { r.relatedPersons[0]!.identity.code = 'Z'; }, { 'relatedPersons.0.identity.code': /not one of the choices/ }],
  ])('refuses %s', (_what, patch, expected) => {
    expectErrors(patch, expected);
  });

  it('never repeats the identifier that was typed', () => {
    const errors = expectErrors((r) => { r.pan = 'ABCDE1234F'; }, { pan: /individual/ });
    expect(errors.pan).not.toContain('ABCDE1234F');
  });
});

// ---------------------------------------------------------------------------------------------

describe('dates', () => {
  it.each<[string, Patch, Record<string, RegExp>]>([
    ['30 February as the date of birth', (r) => { r.dateOfBirth = '1990-02-30'; }, { dateOfBirth: /not a real date/ }],
    ['month 13 as the declaration date', (r) => { r.declaration.date = '2026-13-01'; }, { 'declaration.date': /not a real date/ }],
    ['31 November as the verification date', (r) => { r.verification.date = '2026-11-31'; }, { 'verification.date': /not a real date/ }],
    ['29 February of a common year as an expiry date', (r) => { r.identityDocuments[0]!.expiry = '2031-02-29'; }, { 'identityDocuments.0.expiry': /not a real date/ }],
    ['a date written day first', (r) => { r.dateOfBirth = '15-04-1990'; }, { dateOfBirth: /not a real date/ }],
    ['a date of birth in the future', (r) => { r.dateOfBirth = '2026-11-23'; }, { dateOfBirth: /cannot be in the future/ }],
    ['a date of birth on the declaration date', (r) => { r.dateOfBirth = '2026-11-20'; }, { dateOfBirth: /before the declaration date/ }],
    ['a date of birth after the declaration date', (r) => { r.dateOfBirth = '2026-11-21'; }, { dateOfBirth: /before the declaration date/ }],
    ['a declaration date in the future', (r) => { r.declaration.date = '2026-11-23'; }, { 'declaration.date': /cannot be in the future/ }],
    ['a verification date in the future', (r) => { r.verification.date = '2027-01-01'; }, { 'verification.date': /cannot be in the future/ }],
    ['a missing declaration date', (r) => { r.declaration.date = ''; }, { 'declaration.date': /Enter the date/ }],
    ['a missing date of birth', (r) => { r.dateOfBirth = ''; }, { dateOfBirth: /Enter the date of birth/ }],
    ['an identity document expired before the declaration', (r) => { r.identityDocuments[0]!.expiry = '2026-11-19'; }, { 'identityDocuments.0.expiry': /expired/ }],
  ])('refuses %s', (_what, patch, expected) => {
    expectErrors(patch, expected);
  });

  it('accepts a document that expires on the declaration date', () => {
    expect(valueFor((r) => { r.identityDocuments[0]!.expiry = '2026-11-20'; }).identityDocuments[0]!.expiry).toBe('2026-11-20');
  });

  it('judges "future" against the today it is given', () => {
    expect(errorsFor(() => {}, { year: 2026, month: 11, day: 20 })).toHaveProperty(['verification.date']);
    expect(errorsFor(() => {}, { year: 2026, month: 11, day: 21 })).toStrictEqual({});
  });
});

// ---------------------------------------------------------------------------------------------

/** Valid documents that are also proofs of address (passport 02, NPR letter 08, NREGA job card 05). */
const OTHER_DOCUMENTS = [
  { code: 'A', number: 'J8369854' },
  { code: 'G', number: 'NPR 2021 0001' },
  { code: 'F', number: 'MH-01-001-001-001/123' },
];

describe('cross-field rules', () => {
  describe('minors', () => {
    it('requires a guardian for account type 05', () => {
      expectErrors((r) => { asMinor(r); r.relatedPersons = []; }, { relatedPersons: /guardian/ });
    });

    it('does not count another related person as the guardian', () => {
      expectErrors((r) => { asMinor(r); r.relatedPersons[0]!.type = '15'; }, { relatedPersons: /Guardian of minor/ });
    });

    it('treats a customer under 18 on the declaration date as a minor whatever the account type', () => {
      expectErrors(
        (r) => { r.dateOfBirth = '2008-11-21'; },
        { accountType: /under 18 on the declaration date: choose the account type Minor/, relatedPersons: /guardian/ },
      );
    });

    it('counts the age on the declaration date, not today', () => {
      // 18 on 2026-11-21: a minor on the declaration date (20th) even though an adult today (22nd).
      expectErrors((r) => { r.dateOfBirth = '2008-11-21'; r.relatedPersons.push(guardian()); }, { accountType: /Minor/ });
      expect(() => valueFor((r) => { r.dateOfBirth = '2008-11-20'; })).not.toThrow();
    });

    it('refuses a minor’s account for an adult', () => {
      expectErrors((r) => { r.accountType = '05'; r.relatedPersons.push(guardian()); }, { accountType: /18 or older/ });
    });

    it.each([
      ['B', 'ABC1234567', /voter id cannot be used for a minor/],
      ['D', 'MH1220110012345', /driving licence cannot be used for a minor/],
    ])('refuses identity %s for a minor', (code, number, pattern) => {
      expectErrors((r) => { asMinor(r); r.identityDocuments.push({ code, number }); }, { 'identityDocuments.2.code': pattern });
    });

    it.each(['B', 'D'])('accepts identity %s for an adult', (code) => {
      const number = code === 'B' ? 'ABC1234567' : 'MH1220110012345';
      expect(valueFor((r) => { r.identityDocuments.push({ code, number }); }).identityDocuments).toHaveLength(3);
    });
  });

  describe('correspondence address', () => {
    it('is required unless it is the same as the permanent address', () => {
      const blank = { poaCode: '', line1: '', line2: '', line3: '', cityOrVtc: '', district: '', state: '', country: 'IN', pinCode: '' };
      expectErrors((r) => { r.correspondenceAddress = { ...blank, sameAsPermanent: false, addressType: '' }; }, {
        'correspondenceAddress.addressType': /Choose one/,
        'correspondenceAddress.poaCode': /Choose one/,
        'correspondenceAddress.line1': /Fill this in/,
        'correspondenceAddress.cityOrVtc': /Fill this in/,
        'correspondenceAddress.district': /Fill this in/,
        'correspondenceAddress.state': /Choose the state/,
        'correspondenceAddress.pinCode': /Enter the PIN code/,
      });
    });

    it('is dropped when the same as the permanent address, whatever was left in it', () => {
      const value = valueFor((r) => { r.correspondenceAddress.sameAsPermanent = true; r.correspondenceAddress.pinCode = 'junk'; });
      expect(value.correspondenceAddress).toStrictEqual({
        poaCode: '', line1: '', line2: '', line3: '', cityOrVtc: '', district: '', state: '', country: '', pinCode: '', sameAsPermanent: true, addressType: '',
      });
    });
  });

  describe('father, spouse and mother', () => {
    it('needs at least one of the father’s or spouse’s name and the mother’s name', () => {
      expectErrors((r) => {
        r.fatherOrSpouse = { relation: '01', prefix: '', firstName: '', middleName: '', lastName: '' };
        r.mother = { prefix: '', firstName: '', middleName: '', lastName: '' };
      }, { 'fatherOrSpouse.firstName': /at least one/ });
    });

    it('accepts the mother’s name alone', () => {
      const value = valueFor((r) => { r.fatherOrSpouse = { relation: '01', prefix: '', firstName: '', middleName: '', lastName: '' }; });
      expect(value.fatherOrSpouse.firstName).toBe('');
    });

    it('accepts the spouse’s name alone', () => {
      const value = valueFor((r) => { r.fatherOrSpouse.relation = '02'; r.mother = { prefix: '', firstName: '', middleName: '', lastName: '' }; });
      expect(value.fatherOrSpouse.relation).toBe('02');
    });

    it('needs the father-or-spouse flag when that name is given', () => {
      expectErrors((r) => { r.fatherOrSpouse.relation = ''; }, { 'fatherOrSpouse.relation': /Choose one/ });
    });
  });

  describe('identity number by document type', () => {
    it.each<[string, string, RegExp]>([
      ['A', 'J83698', /passport number is 1 letter and 7 digits/],
      ['B', 'AB12345678', /voter ID \(EPIC\) is 3 letters and 7 digits/],
      ['C', 'ABCPV12345', /PAN is 5 letters, 4 digits, then 1 letter/],
      ['D', 'MH12201100123', /driving licence number has 15 characters/],
      ['E', 'XXXX 12', /last 4 digits of the Aadhaar number/],
      ['F', `MH-${'1'.repeat(40)}`, /NREGA job card number has at most 40 characters/],
      ['G', 'N'.repeat(21), /NPR letter number can have at most 20 characters/],
      ['H', '12a4', /last 4 digits of the Aadhaar number/],
      ['I', '', /Enter the last 4 digits/],
    ])('checks %s numbers', (code, number, pattern) => {
      // Two other valid documents first, the first of them the proof of address, then the one at stake (index 2).
      const others = OTHER_DOCUMENTS.filter((doc) => doc.code !== code).slice(0, 2);
      expectErrors((r) => {
        r.identityDocuments = [...others, { code, number }];
        r.permanentAddress.poaCode = ADDRESS_PROOF_TYPES.find(([, , flags]) => 'identityCode' in flags && flags.identityCode === others[0]!.code)![0];
      }, { 'identityDocuments.2.number': pattern });
    });

    it('accepts an NPR letter number as free text of up to 20 characters', () => {
      expect(valueFor((r) => { r.identityDocuments.push({ code: 'g', number: ' npr/2021  12-345 ' }); }).identityDocuments[2]!.number).toBe('NPR/2021 12-345');
    });

    it('refuses a foreign government document unless the residential status is 03', () => {
      expectErrors((r) => { r.identityDocuments.push({ code: 'J', number: 'X1234567' }); }, { 'identityDocuments.2.code': /only when the residential status is Foreign national/ });
    });

    it('accepts a foreign national’s foreign documents and address', () => {
      const value = valueFor((r) => {
        r.residentialStatus = '03';
        r.citizenship = 'GB';
        r.nationality = 'GB';
        r.identityDocuments = [
          { code: 'A', number: '123456789', expiry: '2030-01-01' },
          { code: 'J', number: 'brp zx1234567' },
        ];
        delete r.aadhaarLast4;
        r.images.splice(1, 1);
        r.permanentAddress = { poaCode: '16', line1: '10 Downing Street', line2: '', line3: '', cityOrVtc: 'London', district: '', state: '', country: 'gb', pinCode: 'sw1a 2aa' };
        r.contact = { mobileIsd: '+44', mobile: '7700 900123', email: '' };
      });
      expect(value.identityDocuments).toStrictEqual([
        { code: 'A', number: '123456789', expiry: '2030-01-01' },
        { code: 'J', number: 'BRP ZX1234567' },
      ]);
      expect(value.permanentAddress.pinCode).toBe('SW1A2AA');
      expect(value.contact).toStrictEqual({ mobileIsd: '44', mobile: '7700900123', email: '' });
    });

    it('refuses the same document type twice', () => {
      expectErrors((r) => { r.identityDocuments.push({ code: 'A', number: 'K1234567' }); }, { 'identityDocuments.2.code': /already listed as identity document 1/ });
    });

    it('refuses an Aadhaar-based number that differs from the Aadhaar last 4 digits', () => {
      expectErrors((r) => { r.identityDocuments[1]!.number = '9999'; }, { 'identityDocuments.1.number': /differ from the last 4 digits of Aadhaar/ });
    });

    it('requires at least one identity document', () => {
      expectErrors((r) => {
        r.identityDocuments = [];
        r.permanentAddress.poaCode = '15';
        r.correspondenceAddress.poaCode = '15';
      }, { identityDocuments: /at least one/, 'permanentAddress.poaCode': /correspondence address only/ });
    });
  });

  describe('PAN and Form 60', () => {
    it('requires the PAN unless Form 60 is given', () => {
      expectErrors((r) => { r.pan = ''; }, { pan: /Enter the PAN, or tick Form 60/ });
    });

    it('accepts Form 60 without a PAN', () => {
      const value = valueFor((r) => { r.pan = ''; r.form60 = true; });
      expect([value.pan, value.form60]).toStrictEqual(['', true]);
    });

    it('refuses a PAN and Form 60 together', () => {
      expectErrors((r) => { r.form60 = true; }, { pan: /not both/ });
    });
  });

  it('requires identity H (e-KYC authentication) for account type 04', () => {
    expectErrors((r) => { r.accountType = '04'; }, { identityDocuments: /OTP-based e-KYC account needs the identity document e-KYC authentication/ });
    expect(valueFor((r) => { r.accountType = '04'; r.identityDocuments.push({ code: 'H', number: '4321' }); }).accountType).toBe('04');
  });

  describe('application type and CKYC number', () => {
    it('requires the CKYC number for an update', () => {
      expectErrors((r) => { r.applicationType = '03'; }, { ckycNumber: /Enter the CKYC number/ });
    });

    it('requires 14 digits for an update', () => {
      expectErrors((r) => { r.applicationType = '03'; r.ckycNumber = '1234567890123'; }, { ckycNumber: /14 digits; this has 13/ });
    });

    it('refuses a CKYC number on a new application', () => {
      expectErrors((r) => { r.ckycNumber = '12345678901234'; }, { ckycNumber: /Leave this empty for a new application/ });
    });
  });

  describe('disability', () => {
    it.each<[string, Patch, Record<string, RegExp>]>([
      ['no impairment type', (r) => { r.disability.impairmentType = ''; }, { 'disability.impairmentType': /Choose one/ }],
      ['an unknown impairment type', (r) => { r.disability.impairmentType = '99'; }, { 'disability.impairmentType': /not one of the choices/ }],
      ['no percentage', (r) => { r.disability.percentage = ''; }, { 'disability.percentage': /Enter the percentage/ }],
      ['a percentage over 100', (r) => { r.disability.percentage = '101'; }, { 'disability.percentage': /whole number from 0 to 100/ }],
      ['a percentage with decimals', (r) => { r.disability.percentage = '40.5'; }, { 'disability.percentage': /whole number/ }],
      ['no UDID', (r) => { r.disability.udid = ''; }, { 'disability.udid': /Enter the UDID/ }],
      ['a UDID of the wrong shape', (r) => { r.disability.udid = 'MH12345678901234'; }, { 'disability.udid': /2 letters and 16 digits/ }],
    ])('with the flag set, refuses %s', (_what, patch, expected) => {
      expectErrors(patch, expected);
    });

    it('accepts 0 and 100 percent', () => {
      expect(valueFor((r) => { r.disability.percentage = '0'; }).disability.percentage).toBe('0');
      expect(valueFor((r) => { r.disability.percentage = '100'; }).disability.percentage).toBe('100');
    });

    it('drops the details when the flag is not set', () => {
      const value = valueFor((r) => { r.disability = { flag: false, impairmentType: 'junk', percentage: '500', udid: 'x' }; });
      expect(value.disability).toStrictEqual({ flag: false, impairmentType: '', percentage: '', udid: '' });
    });
  });

  describe('images', () => {
    it('requires the photograph', () => {
      expectErrors((r) => { r.images.splice(0, 1); }, { images: /photograph: it is mandatory/ });
    });

    it('requires an Aadhaar image to be masked', () => {
      expectErrors((r) => { r.images[1]!.masked = false; }, { 'images.1.masked': /Mask the first 8 digits of the Aadhaar number/ });
    });

    it('does not ask other images to be masked', () => {
      expect(valueFor((r) => { r.images[2]!.masked = false; }).images[2]!.masked).toBe(false);
    });
  });

  describe('proof of address', () => {
    it.each(['11', '12', '13', '14', '15'])('refuses deemed proof %s for the permanent address', (code) => {
      expectErrors((r) => { r.permanentAddress.poaCode = code; }, { 'permanentAddress.poaCode': /can prove the correspondence address only/ });
    });

    it.each(['11', '12', '13', '14', '15'])('accepts deemed proof %s for the correspondence address', (code) => {
      expect(valueFor((r) => { r.correspondenceAddress.poaCode = code; }).correspondenceAddress.poaCode).toBe(code);
    });

    it('requires the permanent address proof among the identity documents, for its number', () => {
      expectErrors((r) => { r.permanentAddress.poaCode = '04'; }, { 'permanentAddress.poaCode': /Add the voter id under identity documents/ });
      expect(valueFor((r) => { r.permanentAddress.poaCode = '01'; }).permanentAddress.poaCode).toBe('01');
    });
  });

  describe('tax residency outside India', () => {
    it('needs at least one country and TIN', () => {
      expectErrors((r) => { r.taxResidency.countries = []; }, { 'taxResidency.countries': /Add each country outside India/ });
    });

    it('needs the TIN for each country', () => {
      expectErrors((r) => { r.taxResidency.countries[0]!.tin = ' '; }, { 'taxResidency.countries.0.tin': /Enter the tax identification number/ });
    });

    it('refuses India as a country of tax residence outside India', () => {
      expectErrors((r) => { r.taxResidency.countries.push({ country: 'IN', tin: 'ABCPV1234K' }); }, { 'taxResidency.countries.1.country': /outside India/ });
    });

    it('drops the countries when the customer is not tax resident outside India', () => {
      expect(valueFor((r) => { r.taxResidency.taxResidentOutsideIndia = false; }).taxResidency).toStrictEqual({ taxResidentOutsideIndia: false, countries: [] });
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('Aadhaar: the last 4 digits only, never the full number', () => {
  const FULL = '234123412346'; // 12 digits with a valid Verhoeff check digit

  it('the schema refuses 12 digits, spaced or not, and anything but 4 digits', () => {
    const field = kycRecordSchema.shape.aadhaarLast4;
    for (const raw of [FULL, '2341 2341 2346', '12345', '123', '12a4', ' 1234', '']) expect(field.safeParse(raw).success, raw).toBe(false);
    expect(field.safeParse('1234').success).toBe(true);
    expect(field.safeParse(undefined).success).toBe(true);
  });

  it('the schema refuses a full number in an Aadhaar-based identity document', () => {
    for (const code of ['E', 'h', ' I ']) {
      expect(identityDocumentSchema.safeParse({ code, number: '2341 2341 2346' }).success, code).toBe(false);
      expect(identityDocumentSchema.safeParse({ code, number: 'XXXX XXXX 2346' }).success, code).toBe(true);
    }
    expect(identityDocumentSchema.safeParse({ code: 'A', number: 'J8369854' }).success).toBe(true);
  });

  it('validateKycRecord refuses a full Aadhaar number in plain words at its path', () => {
    expectErrors((r) => { r.aadhaarLast4 = FULL; }, { aadhaarLast4: /Enter only the last 4 digits of the Aadhaar number; the full number must never be stored/ });
    const errors = expectErrors((r) => { r.identityDocuments[1]!.number = FULL; }, { 'identityDocuments.1.number': /Enter only the last 4 digits of the Aadhaar number; the full number must never be stored/ });
    expect(errors['identityDocuments.1.number']).not.toContain(FULL);
    expect(FULL_AADHAAR_REFUSED).toMatch(/never be stored/);
  });

  it('a related person’s Aadhaar is also last 4 only', () => {
    expectErrors((r) => { r.relatedPersons[0]!.identity = { code: 'E', number: FULL }; }, { 'relatedPersons.0.identity.number': /Enter only the last 4 digits of the Aadhaar number; the full number must never be stored/ });
    expect(valueFor((r) => { r.relatedPersons[0]!.identity = { code: 'E', number: '2346' }; }).relatedPersons[0]!.identity.number).toBe('2346');
  });
});

describe('shape', () => {
  it('refuses what is not a record at all', () => {
    const result = validateKycRecord('not a record', TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors)).toStrictEqual(['record']);
      expectReadable('record', result.errors.record);
    }
  });

  it('names the field of a wrong type, too many entries or a bad document reference', () => {
    const result = validateKycRecord({ ...completeKycRecord(), form60: 'no', images: [{ ...completeKycRecord().images[0]!, documentHash: 'abc' }], relatedPersons: Array.from({ length: 16 }, guardian) }, TODAY);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toStrictEqual(['form60', 'images.0.documentHash', 'relatedPersons']);
    for (const [path, message] of Object.entries(result.errors)) expectReadable(path, message);
    expect(result.errors.relatedPersons).toMatch(/at most 15/);
  });

  it('accepts the blank record as a draft shape, and the blank record is frozen', () => {
    expect(kycRecordSchema.safeParse(EMPTY_KYC_RECORD).success).toBe(true);
    expect(Object.isFrozen(EMPTY_KYC_RECORD.permanentAddress)).toBe(true);
    expect(emptyKycRecord()).toStrictEqual(EMPTY_KYC_RECORD);
    expect(emptyKycRecord().permanentAddress).not.toBe(emptyKycRecord().permanentAddress);
  });
});

describe('labels and steps', () => {
  it('labels array paths by position counted from 1', () => {
    expect(fieldLabel('identityDocuments.1.number')).toBe('Identity document 2 number');
    expect(fieldLabel('relatedPersons.0.identity.code')).toBe('Related person 1 identity document type');
    expect(fieldLabel('taxResidency.countries.2.tin')).toBe('Tax residence 3 tax identification number (TIN)');
    expect(fieldLabel('permanentAddress.pinCode')).toBe('Permanent address PIN code');
    expect(fieldLabel('permanentAddress.somethingNew')).toBe('Permanent address');
  });

  it('gives every error of a blank record a label and a step', () => {
    const result = validateKycRecord(emptyKycRecord(), TODAY);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).length).toBeGreaterThan(15);
    for (const [path, message] of Object.entries(result.errors)) expectReadable(path, message);
    const counts = countErrorsByStep(result.errors);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(Object.keys(result.errors).length);
    for (const step of KYC_STEPS) expect(counts[step], step).toBeGreaterThan(0);
  });

  it('counts errors by step', () => {
    expect(countErrorsByStep({
      firstName: 'x', 'relatedPersons.0.name': 'x', 'identityDocuments.1.number': 'x', pan: 'x',
      'permanentAddress.pinCode': 'x', 'contact.mobile': 'x', images: 'x', 'images.1.masked': 'x', 'declaration.date': 'x',
    })).toStrictEqual({ personal: 2, identity: 2, addresses: 1, contact: 1, documents: 2, declaration: 1 });
    expect(countErrorsByStep({})).toStrictEqual({ personal: 0, identity: 0, addresses: 0, contact: 0, documents: 0, declaration: 0 });
  });

  it('has a step for every field of the record', () => {
    const keys = Object.keys(kycRecordSchema.shape).sort();
    expect(Object.keys(FIELD_STEPS).sort()).toStrictEqual(keys);
    expect(stepOf('taxResidency.countries.0.tin')).toBe('declaration');
  });

  it('has a label for every leaf of the record', () => {
    const leaves: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}.${i}`));
      else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
      else leaves.push(path);
    };
    const inPersonVideo = { code: 'IPV', documentHash: documentHash(9), mime: 'video/webm', bytes: 1_000_000, masked: false };
    walk({ ...completeKycRecord(), customerReference: 'KD1', inPersonVideo }, '');
    for (const leaf of leaves) expect(KYC_FIELD_LABELS[leaf.replace(/\.\d+(?=\.|$)/g, '.#')], leaf).toBeDefined();
  });
});

describe('code lists', () => {
  it('flags identity documents and deemed proofs of address as the reference does', () => {
    expect(IDENTITY_DOCUMENT_TYPES.map(([code]) => code).join('')).toBe('ABCDEFGHIJ');
    expect(IDENTITY_DOCUMENT_TYPES.filter(([code]) => identityDocumentFlags(code).notForMinors).map(([c]) => c)).toStrictEqual(['B', 'D']);
    expect(IDENTITY_DOCUMENT_TYPES.filter(([code]) => identityDocumentFlags(code).last4Only).map(([c]) => c)).toStrictEqual(['E', 'H', 'I']);
    expect(IDENTITY_DOCUMENT_TYPES.filter(([code]) => identityDocumentFlags(code).requiresResidentialStatus03).map(([c]) => c)).toStrictEqual(['J']);
    expect(ADDRESS_PROOF_TYPES.filter(([code]) => addressProofFlags(code).currentAddressOnly).map(([c]) => c)).toStrictEqual(['11', '12', '13', '14', '15']);
    expect(RELATED_PERSON_TYPES.find(([code]) => code === '15')?.[1]).toBe('Other');
  });
});

describe('the verifier', () => {
  it('comes from the signed-in operator, tidied and upper-cased, and fits the schema', () => {
    const verifier = verifierFromOperator(
      { name: ' Training  Checker ', designation: 'Officer', branch: 'MG Road', employeeCode: 'tc-001', organisation: 'Demo Bank' },
      'in0308',
    );
    expect(verifier).toStrictEqual({ name: 'TRAINING CHECKER', designation: 'OFFICER', branch: 'MG ROAD', employeeCode: 'TC-001', organisation: 'DEMO BANK', organisationCode: 'IN0308' });
    expect(kycVerifierSchema.safeParse(verifier).success).toBe(true);
    expect(kycVerifierSchema.safeParse({ ...verifier, name: '' }).success).toBe(false);
  });
});

describe('the validation index', () => {
  it('exports the record validator', () => {
    expect(validationIndex.validateKycRecord).toBe(validateKycRecord);
    expect(validationIndex.countErrorsByStep).toBe(countErrorsByStep);
  });
});
