import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectAgentApi } from '../../electron/connectors/agent-api/connect';
import { checkPushData, DKYC_SECTION_NAMES, DKYC_SECTIONS, isDdMonYyyy } from '../../electron/connectors/agent-api/dkyc-fields';
import { formPathOf, formPathsOf, SEED_TO_FORM } from '../../electron/connectors/agent-api/dkyc-field-paths';
import { DOCUMENT_SLOTS, documentSources, mapPushData, type PushInput } from '../../electron/connectors/agent-api/dkyc-mapping';
import { dayMonYear } from '../../electron/connectors/agent-api/dkyc-codes';
import { KYC_FIELD_LABELS, type KycRecord } from '../../shared/record/kyc-record';
import { validateKycRecord } from '../../shared/validation/kyc-record';
import { completeKycRecord, documentHash, FIXTURE_TODAY, SAMPLE_VERIFIER } from '../support/kyc-records';
import { AGENT_CREDENTIALS, startAgentSandbox, TEST_UID } from '../support/agent-api';
import { makeTempDir } from '../support/temp-dir';

/**
 * The digital-KYC push's mapping: a complete record becomes a request the Training sandbox's own
 * judge (checkPushData) accepts, so the two read the seed alike; each mandatory field left out is
 * named by the capture form's path; dates go DD-MON-YYYY and codes from the seed's lists; the full
 * Aadhaar is only ever uidNo, never in a problem; a 400's errors land on the form's fields.
 */

/** A complete record as main keeps it (normalised), with a signature and a video, and an Aadhaar ending as TEST_UID does. */
function pushableRecord(change: (typed: KycRecord) => void = () => {}): KycRecord {
  const typed = completeKycRecord();
  typed.prefix = 'MRS';
  typed.aadhaarLast4 = TEST_UID.slice(-4);
  typed.identityDocuments = [
    { code: 'A', number: 'J8369854', expiry: '2031-06-30' },
    { code: 'E', number: `XXXX XXXX ${TEST_UID.slice(-4)}` },
  ];
  // A utility bill (11) proves no identity and has no scan among CKYC's images: the push could not take it.
  typed.correspondenceAddress.poaCode = '02';
  typed.inPersonVideo = { code: 'IPV', documentHash: documentHash(9), mime: 'video/webm', bytes: 2_000_000, masked: false };
  change(typed);
  const checked = validateKycRecord(typed, FIXTURE_TODAY);
  if (!checked.ok) throw new Error(`the test record must be valid: ${JSON.stringify(checked.errors)}`);
  return checked.value;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const ALL_DOCUMENTS = Object.fromEntries(DOCUMENT_SLOTS.map((slot) => [slot, bytes(`the ${slot} document`)]));

function input(record: KycRecord, extra: Partial<PushInput> = {}): PushInput {
  return {
    record,
    reference: 'KD4T7Q2M9X1B0C',
    aadhaar: TEST_UID,
    verifier: SAMPLE_VERIFIER,
    settings: { amc: 'TEST_AMC', institutionCode: 'IN0308' },
    documents: ALL_DOCUMENTS,
    ...extra,
  };
}

function sections(request: { data: Array<Record<string, Record<string, string>>> }): Record<string, Record<string, string>> {
  return Object.assign({}, ...request.data);
}

describe('digital-KYC push mapping: a complete record', () => {
  it('maps to all nine sections that the sandbox’s own judge accepts, with the phone and user id', () => {
    const mapped = mapPushData(input(pushableRecord()));
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    expect(mapped.request.user_id).toBe('KD4T7Q2M9X1B0C');
    expect(mapped.request.phone_number).toBe('9876543210');
    expect(mapped.request.data.map((step) => Object.keys(step)[0])).toEqual(DKYC_SECTION_NAMES);
    expect(checkPushData(mapped.request.data)).toEqual({});
  });

  it('writes dates DD-MON-YYYY, codes from the seed’s lists and the names as the record holds them', () => {
    const mapped = mapPushData(input(pushableRecord()));
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    const s = sections(mapped.request);
    expect(s.BASIC_INFORMATION).toMatchObject({ uploadType: '03', pan: 'ABCPV1234K', dob: '15-APR-1990', ipvDate: '21-NOV-2026', amc: 'TEST_AMC', ekycType: 'I', kycType: '1' });
    expect(s.PERSONAL_INFORMATION).toMatchObject({ applicantTitle: 'Mrs', applicantFirstName: 'ASHA', gender: 'F', occupation: '01', applicantCitizenship: '01', applicantStatus: 'R' });
    expect(s.FAMILY_INFORMATION).toMatchObject({ relationship: 'F', fatherTitle: 'Mr', fatherFirstName: 'RAVI', motherTitle: 'Mrs' });
    expect(s.COMMUNICATION_ADDRESS).toMatchObject({ commpincode: '560038', comAddresstype: '02', commAddressProof: '02', commIdentityNo: 'J8369854', commMobileNoCode: '91', commState: 'Karnataka' });
    expect(s.PERMANENT_ADDRESS).toMatchObject({ perAddressProof: '02', peridentityNo: 'J8369854', perCountry: 'IN' });
    expect(s.IDENTITY_VERIFICATION).toEqual({ idProof: '02', idProofIdentityNo: 'J8369854', aaplicantKycAccType: '01' });
    expect(s.INPERSON_VERIFICATION).toMatchObject({ ipvEmployeeCode: 'E1042', ipvInstitutionCode: 'IN0308', kycDate: '21-NOV-2026' });
    expect(s.FATCA_DECLARATION).toMatchObject({ fatcataxJurisdiction: 'Y', dobDeclaration: '20-NOV-2026', placeDeclaration: 'BENGALURU' });
    for (const [section, fields] of Object.entries(s)) {
      for (const [field, value] of Object.entries(fields)) {
        const rule = (DKYC_SECTIONS as Record<string, Record<string, { rule: unknown }>>)[section]![field]!.rule;
        if (rule === 'date') expect(isDdMonYyyy(value), `${section}.${field}`).toBe(true);
        if (Array.isArray(rule)) expect(rule, `${section}.${field}`).toContain(value);
      }
    }
    expect(Buffer.from(s.DOCUMENT_COLLECTION!.docPhoto!, 'base64').toString()).toBe('the docPhoto document');
  });

  it('puts the full Aadhaar in uidNo and nowhere else of the request', () => {
    const mapped = mapPushData(input(pushableRecord()));
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    const s = sections(mapped.request);
    expect(s.BASIC_INFORMATION!.uidNo).toBe(TEST_UID);
    const rest = JSON.stringify({ ...mapped.request, data: mapped.request.data.filter((step) => !('BASIC_INFORMATION' in step)) });
    expect(rest).not.toContain(TEST_UID);
    expect(JSON.stringify(s.BASIC_INFORMATION).split(TEST_UID)).toHaveLength(2);
  });

  it('says where each document comes from: stored images by hash, the video, the generated form', () => {
    const record = pushableRecord();
    const sources = documentSources(record);
    expect(sources).toEqual({
      docAddressProof: { hash: documentHash(3) }, // the passport scan (image 05) proves the permanent address (02)
      docPhoto: { hash: documentHash(1) },
      docSign: { hash: documentHash(4) },
      docPerVerVideo: { hash: documentHash(9) },
      appDocAddrProofCorrespondence: { hash: documentHash(3) }, // the same passport proves both
      docEsignForm: { generated: 'application-form' },
    });
    const bill = documentSources(pushableRecord((r) => void (r.correspondenceAddress.poaCode = '11')));
    expect(bill.appDocAddrProofCorrespondence).toBeNull(); // a utility bill has no scan among CKYC's images
    const noSignature = documentSources(pushableRecord((r) => void (r.images = r.images.filter((image) => image.code !== '09'))));
    expect(noSignature.docSign).toBeNull();
  });

  it('sends the communication address from the permanent one when the record uses it for both', () => {
    const mapped = mapPushData(input(pushableRecord((r) => void (r.correspondenceAddress.sameAsPermanent = true))));
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    const s = sections(mapped.request);
    expect(s.COMMUNICATION_ADDRESS).toMatchObject({ commAddress1: s.PERMANENT_ADDRESS!.perAddress1, commpincode: '560001', comAddresstype: '05', commAddressProof: '02', commIdentityNo: 'J8369854' });
    expect(checkPushData(mapped.request.data)).toEqual({});
  });
});

describe('digital-KYC push mapping: what is missing is named by the form’s path', () => {
  const missing = (record: KycRecord, extra: Partial<PushInput> = {}) => {
    const mapped = mapPushData(input(record, extra));
    if (mapped.ok) throw new Error('expected problems');
    return mapped.errors;
  };

  const cases: Array<[string, (r: KycRecord) => void, string, RegExp]> = [
    ['the email', (r) => void (r.contact.email = ''), 'contact.email', /email address \(COMMUNICATION_ADDRESS\.commEmailId\)/],
    ['a title the push has no word for (Ms)', (r) => void (r.prefix = 'MS'), 'prefix', /Mr, Mrs, Miss or Dr/],
    ['the father’s title Dr', (r) => void (r.fatherOrSpouse.prefix = 'DR'), 'fatherOrSpouse.prefix', /Mr or Mrs only/],
    ['the last name', (r) => void (r.lastName = ''), 'lastName', /last name/],
    ['the marital status', (r) => void (r.maritalStatus = ''), 'maritalStatus', /marital status/],
    ['the declaration place', (r) => void (r.declaration.place = ''), 'declaration.place', /FATCA_DECLARATION\.placeDeclaration/],
    ['the PAN (Form 60)', (r) => { r.pan = ''; r.form60 = true; }, 'pan', /Form 60 is not enough/],
    ['a video-KYC mode', (r) => void (r.verification.kycMode = '06'), 'verification.kycMode', /video KYC/],
    ['a non-Indian mobile', (r) => void (r.contact.mobileIsd = '44'), 'contact.mobileIsd', /country code 91/],
    ['the correspondence address type', (r) => void (r.correspondenceAddress.addressType = ''), 'correspondenceAddress.addressType', /address type/],
    ['an identity number for a utility bill as correspondence proof', (r) => void (r.correspondenceAddress.poaCode = '11'), 'identityDocuments', /this proof is not one: choose an identity document/],
    ['the identity document behind the permanent address proof', (r) => void (r.identityDocuments = r.identityDocuments.filter((d) => d.code !== 'A')), 'permanentAddress.poaCode', /./],
  ];

  it.each(cases)('without %s', (_what, change, path, words) => {
    let record: KycRecord;
    try {
      record = pushableRecord(change);
    } catch {
      // Our own rules refuse the record without it (the kind never lets it be saved): the same field on the stored record.
      record = pushableRecord();
      change(record);
    }
    const errors = missing(record);
    const expected = path === 'permanentAddress.poaCode' ? 'identityDocuments' : path;
    expect(Object.keys(errors)).toContain(expected);
    expect(errors[expected]).toMatch(words);
    expect(KYC_FIELD_LABELS[expected] ?? expected).toBeTruthy();
  });

  it('names the pushing operator and the connection’s settings when theirs are missing', () => {
    const errors = missing(pushableRecord(), { verifier: { ...SAMPLE_VERIFIER, designation: '' }, settings: { amc: '', institutionCode: '' } });
    expect(errors.verifier).toMatch(/INPERSON_VERIFICATION\.ipvEmployeeDesignation/);
    expect(errors.pushSettings).toMatch(/AMC code/);
    // The operator's organisation code stands in for the connection's institution code.
    expect(errors.pushSettings).not.toMatch(/ipvInstitutionCode/);
  });

  it('names each missing document on images (the video on inPersonVideo), keeping every problem', () => {
    const errors = missing(pushableRecord((r) => void (r.correspondenceAddress.poaCode = '11')), { documents: { docEsignForm: bytes('%PDF-') } });
    expect(errors.images).toMatch(/photograph/);
    expect(errors.images).toMatch(/signature/);
    expect(errors.images).toMatch(/permanent address proof/);
    expect(errors.images).toMatch(/choose an identity document as the proof/); // the utility bill has no scan
    expect(errors.inPersonVideo).toMatch(/in-person verification video/);
  });

  it('refuses an Aadhaar that fails its check digit, or whose last 4 are not the record’s, without repeating it', () => {
    const wrongDigit = `${TEST_UID.slice(0, 11)}${(Number(TEST_UID[11]) + 1) % 10}`;
    const otherLast4 = '234567890100'.replace(/\d$/, '');
    for (const typed of [wrongDigit, '12345', `${otherLast4}9`, 'XXXXXXXX0124']) {
      const errors = missing(pushableRecord(), { aadhaar: typed });
      expect(Object.keys(errors)).toEqual(['aadhaar']);
      expect(errors.aadhaar).toMatch(/full 12-digit Aadhaar/);
      expect(errors.aadhaar).not.toContain(typed);
    }
    // A valid number, but the record's last 4 are another person's.
    const other = missing({ ...pushableRecord(), aadhaarLast4: '9999' });
    expect(other.aadhaar).toMatch(/last 4 digits/);
    expect(JSON.stringify(other)).not.toContain(TEST_UID);
  });

  it('never puts the full Aadhaar in any problem, however much is missing', () => {
    const record = pushableRecord();
    const bare = { ...record, firstName: '', contact: { ...record.contact, email: '' }, images: [] };
    const mapped = mapPushData(input(bare, { documents: {} }));
    expect(mapped.ok).toBe(false);
    expect(JSON.stringify(mapped)).not.toContain(TEST_UID);
  });
});

describe('digital-KYC push: the vendor’s 400 back onto the form', () => {
  it('knows every seed field, each on a field of the form or one of the four named sources', () => {
    const seedPaths = DKYC_SECTION_NAMES.flatMap((section) => Object.keys(DKYC_SECTIONS[section]).map((field) => `${section}.${field}`));
    expect(Object.keys(SEED_TO_FORM).sort()).toEqual(seedPaths.sort());
    const sources = new Set(['aadhaar', 'verifier', 'pushSettings', 'record', 'images', 'identityDocuments']);
    for (const path of Object.values(SEED_TO_FORM)) {
      const known = sources.has(path) || KYC_FIELD_LABELS[path] !== undefined;
      expect(known, path).toBe(true);
    }
  });

  it('maps flat and nested errors to the form’s paths, naming the vendor’s field, and keeps what it does not know', () => {
    const errors = formPathsOf(
      { 'BASIC_INFORMATION.pan': 'must be a PAN', PERSONAL_INFORMATION: { applicantTitle: ['is required', 'must be one of Mr, Mrs'] }, 'data.3.COMMUNICATION_ADDRESS.commpincode': { message: 'bad pincode' }, surprise: 'what is this' },
      false,
    );
    expect(errors).toEqual({
      pan: "must be a PAN (the vendor's BASIC_INFORMATION.pan)",
      prefix: "is required; must be one of Mr, Mrs (the vendor's PERSONAL_INFORMATION.applicantTitle)",
      'correspondenceAddress.pinCode': "bad pincode (the vendor's COMMUNICATION_ADDRESS.commpincode)",
      record: "what is this (the vendor's surprise)",
    });
  });

  it('puts a communication-address error on the permanent address when the record uses it for both', () => {
    expect(formPathOf('COMMUNICATION_ADDRESS.commCity', true)).toBe('permanentAddress.cityOrVtc');
    expect(formPathOf('COMMUNICATION_ADDRESS.comAddresstype', true)).toBe('correspondenceAddress.addressType');
    expect(formPathsOf({ 'COMMUNICATION_ADDRESS.commCity': 'is required' }, true)).toEqual({ 'permanentAddress.cityOrVtc': "is required (the vendor's COMMUNICATION_ADDRESS.commCity)" });
  });

  it('masks a full Aadhaar the vendor echoes back in its words', () => {
    const errors = formPathsOf({ 'BASIC_INFORMATION.uidNo': `uid ${TEST_UID} is not linked; also ${TEST_UID.slice(0, 4)} ${TEST_UID.slice(4, 8)} ${TEST_UID.slice(8)}` }, false);
    expect(JSON.stringify(errors)).not.toContain(TEST_UID);
    expect(errors.aadhaar).toContain(`XXXX XXXX ${TEST_UID.slice(-4)}`);
    expect(errors.aadhaar).not.toMatch(/\d{4} \d{4} \d{4}/);
  });

  it('reads what the sandbox’s own judge says about a broken request', () => {
    const mapped = mapPushData(input(pushableRecord()));
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    const broken = mapped.request.data.map((step) => ('PERSONAL_INFORMATION' in step ? { PERSONAL_INFORMATION: { ...step.PERSONAL_INFORMATION, gender: 'X' } } : step));
    expect(formPathsOf(checkPushData(broken), false)).toEqual({ gender: `must be one of "M", "F", "T" (the vendor's PERSONAL_INFORMATION.gender)` });
  });
});

describe('digital-KYC push: the mapped request over HTTP to the Training sandbox', () => {
  const closers: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('is taken (200 with a session); a field the vendor refuses comes back onto the form’s path', async () => {
    const temp = makeTempDir();
    closers.push(() => temp.remove());
    const sandbox = await startAgentSandbox(path.join(temp.dir, 'sandbox'), { stepMs: 100 });
    closers.push(() => sandbox.close());
    const client = connectAgentApi({ baseUrl: sandbox.url, ...AGENT_CREDENTIALS, requestsPerMinute: 6000, timeoutMs: 5000 });
    const mapped = mapPushData(input(pushableRecord()));
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    const taken = await client.pushUserData(mapped.request);
    expect(taken.ok && taken.body).toMatchObject({ success: true, session_id: expect.any(String) });

    // What the mapper would never send, to see the vendor's 400 land on the form: a PAN the vendor refuses.
    const broken = mapped.request.data.map((step) => ('BASIC_INFORMATION' in step ? { BASIC_INFORMATION: { ...step.BASIC_INFORMATION, pan: 'ABC' } } : step));
    const refused = await client.pushUserData({ ...mapped.request, user_id: 'KD4T7Q2M9X1B0D', data: broken });
    if (refused.ok || !('fields' in refused.failure)) throw new Error('expected a push refusal with fields');
    const onForm = formPathsOf(refused.failure.fields, false);
    expect(Object.keys(onForm)).toEqual(['pan']);
    expect(onForm.pan).toMatch(/must be a PAN.*BASIC_INFORMATION\.pan/);
    expect(JSON.stringify(refused)).not.toContain(TEST_UID);
  });
});

describe('DD-MON-YYYY dates', () => {
  it('writes each month’s three letters and refuses what is not an ISO date', () => {
    expect(dayMonYear('1988-04-12')).toBe('12-APR-1988');
    expect(dayMonYear('2026-12-01')).toBe('01-DEC-2026');
    expect(dayMonYear('2026-13-01')).toBeNull();
    expect(dayMonYear('12/04/1988')).toBeNull();
    expect(dayMonYear('')).toBeNull();
  });
});
