import { addressProofFlags, IMAGE_CODE_PHOTOGRAPH, IMAGE_CODE_SIGNATURE } from '../../../shared/codes/ckyc-codes';
import { stateName } from '../../../shared/codes/states';
import type { Address, KycRecord, KycVerifier } from '../../../shared/record/kyc-record';
import type { FieldErrors } from '../../../shared/record-kinds/record-kind';
import { validateAadhaar } from '../../../shared/validation/identifiers';
import type { PushUserDataRequest } from './agent-api';
import { APPLICANT_STATUSES, dayMonYear, FATHER_TITLES, ID_PROOFS, KYC_TYPES, OCCUPATIONS, PROOF_IMAGE_CODES, RELATIONSHIPS, TITLES } from './dkyc-codes';
import { formPathOf } from './dkyc-field-paths';

/**
 * The canonical record → the digital-KYC push's nine sections (seed 002 §4; docs/apis/agent-api.md §
 * Digital-KYC push: the mapping, decision 0047). Every mandatory field is checked here, before
 * anything is sent, and a missing or unmappable one is named by the form's field path. Documents
 * go as base64. The full Aadhaar is an argument, used for `uidNo` only and never put in a problem.
 * The entry points the push service uses: `documentSources` (what to load) and `mapPushData`.
 */

export const DOCUMENT_SLOTS = ['docAddressProof', 'docPhoto', 'docSign', 'docPerVerVideo', 'appDocAddrProofCorrespondence', 'docEsignForm'] as const;
export type DocumentSlot = (typeof DOCUMENT_SLOTS)[number];

/** Where each document of the push comes from: a stored document (by hash) or the form KYC Desk generates. */
export type DocumentSource = { hash: string } | { generated: 'application-form' } | null;

export interface PushSettings {
  /** BASIC_INFORMATION.amc: the institution's code at the vendor ('TEST_AMC' in Training). */
  amc: string;
  /** INPERSON_VERIFICATION.ipvInstitutionCode: the institution's code (CERSAI's, e.g. IN0308). */
  institutionCode: string;
}

export interface PushInput {
  record: KycRecord;
  /** The record's customer reference: the push's user_id. */
  reference: string;
  /** The 12 digits typed at push time; checked again here (Verhoeff, last 4 against the record), only ever copied into uidNo. */
  aadhaar: string;
  verifier: KycVerifier;
  settings: PushSettings;
  /** Each document's bytes, loaded by the caller from `documentSources`. */
  documents: Partial<Record<DocumentSlot, Uint8Array>>;
}

export type PushMapping = { ok: true; request: PushUserDataRequest } | { ok: false; errors: FieldErrors };

const PUSH_ACCOUNT_TYPE = '01';
const UNSPECIFIED_ADDRESS_TYPE = '05';

/** The stored document (or the generated form) behind each document of the push; null when the record has none. */
export function documentSources(record: KycRecord): Record<DocumentSlot, DocumentSource> {
  const image = (code: string | undefined) => {
    const found = code === undefined ? undefined : record.images.find((candidate) => candidate.code === code);
    return found ? { hash: found.documentHash } : null;
  };
  const permanentProof = image(PROOF_IMAGE_CODES[record.permanentAddress.poaCode]);
  const correspondence = record.correspondenceAddress;
  return {
    docAddressProof: permanentProof,
    docPhoto: image(IMAGE_CODE_PHOTOGRAPH),
    docSign: image(IMAGE_CODE_SIGNATURE),
    docPerVerVideo: record.inPersonVideo ? { hash: record.inPersonVideo.documentHash } : null,
    appDocAddrProofCorrespondence: correspondence.sameAsPermanent ? permanentProof : image(PROOF_IMAGE_CODES[correspondence.poaCode]),
    docEsignForm: { generated: 'application-form' },
  };
}

/** Collects one section's fields, and the problems by the form's path. */
class Sections {
  readonly errors: FieldErrors = {};
  private readonly sections = new Map<string, Record<string, string>>();

  constructor(private readonly correspondenceIsPermanent: boolean) {}

  /** A field: its value, or (when mandatory and empty or unmappable) the problem, named by the form's path. */
  put(seedPath: string, value: string | null | undefined, mandatory: boolean, problem = 'the digital-KYC form needs it'): void {
    const [section, field] = seedPath.split('.') as [string, string];
    const entry = this.sections.get(section) ?? {};
    this.sections.set(section, entry);
    const text = (value ?? '').trim();
    if (text !== '') {
      entry[field] = text;
      return;
    }
    if (!mandatory) return;
    const path = formPathOf(seedPath, this.correspondenceIsPermanent) ?? 'record';
    const said = `${problem[0]!.toUpperCase()}${problem.slice(1)} (${seedPath}).`;
    // Several documents are all the form's `images`: each problem is kept.
    this.errors[path] = this.errors[path] === undefined ? said : `${this.errors[path]} ${said}`;
  }

  data(): PushUserDataRequest['data'] {
    return [...this.sections].map(([section, fields]) => ({ [section]: fields }));
  }
}

/** The request for `input`, or every mandatory field's problem by the form's path. */
export function mapPushData(input: PushInput): PushMapping {
  const { record } = input;
  const form = new Sections(record.correspondenceAddress.sameAsPermanent);
  basicInformation(form, input);
  personalInformation(form, record);
  familyInformation(form, record);
  addresses(form, record);
  identityVerification(form, record);
  inPersonVerification(form, input);
  fatcaDeclaration(form, record);
  documentCollection(form, input);
  const mobile = record.contact.mobile;
  if (mobile === '') form.errors['contact.mobile'] ??= 'The digital-KYC push needs the customer’s mobile number (phone_number).';
  if (Object.keys(form.errors).length > 0) return { ok: false, errors: form.errors };
  return { ok: true, request: { user_id: input.reference, phone_number: mobile, data: form.data() } };
}

function basicInformation(form: Sections, { record, aadhaar, settings }: PushInput): void {
  form.put('BASIC_INFORMATION.uploadType', '03', true);
  form.put('BASIC_INFORMATION.pan', record.form60 ? '' : record.pan, true, 'the digital-KYC push needs the customer’s PAN; Form 60 is not enough');
  form.put('BASIC_INFORMATION.dob', dayMonYear(record.dateOfBirth), true);
  form.put('BASIC_INFORMATION.amc', settings.amc, true, 'set the institution’s AMC code on the agent API connection');
  form.put('BASIC_INFORMATION.ipvDate', dayMonYear(record.verification.date), true, 'the in-person verification date is needed');
  form.put('BASIC_INFORMATION.uidNo', aadhaarFor(record, aadhaar), true, 'type the customer’s full 12-digit Aadhaar number: it must pass its check digit and end in the record’s last 4 digits');
  form.put('BASIC_INFORMATION.ekycType', 'I', true);
  form.put('BASIC_INFORMATION.kycType', KYC_TYPES[record.verification.kycMode], true, 'the digital-KYC form has no KYC type for this verification mode (video KYC)');
}

/** The typed Aadhaar when it is a valid number ending in the record's last 4; '' otherwise (the problem never repeats it). */
function aadhaarFor(record: KycRecord, typed: string): string {
  const checked = validateAadhaar(typed);
  if (!checked.ok) return '';
  return !record.aadhaarLast4 || checked.value.endsWith(record.aadhaarLast4) ? checked.value : '';
}

function personalInformation(form: Sections, record: KycRecord): void {
  form.put('PERSONAL_INFORMATION.applicantTitle', TITLES[record.prefix], true, 'the digital-KYC form takes the title Mr, Mrs, Miss or Dr');
  form.put('PERSONAL_INFORMATION.applicantFirstName', record.firstName, true);
  form.put('PERSONAL_INFORMATION.applicantMiddleName', record.middleName, false);
  form.put('PERSONAL_INFORMATION.applicantLastName', record.lastName, true, 'the digital-KYC form needs a last name');
  form.put('PERSONAL_INFORMATION.gender', record.gender, true);
  form.put('PERSONAL_INFORMATION.maritalStatus', record.maritalStatus, true, 'the digital-KYC form needs the marital status');
  form.put('PERSONAL_INFORMATION.occupation', OCCUPATIONS[record.occupation], true, 'the digital-KYC form needs the occupation');
  form.put('PERSONAL_INFORMATION.applicantCitizenship', record.citizenship === '' ? '' : record.citizenship === 'IN' ? '01' : '02', true);
  form.put('PERSONAL_INFORMATION.applicantStatus', APPLICANT_STATUSES[record.residentialStatus], true, 'the digital-KYC form needs the residential status');
}

function familyInformation(form: Sections, record: KycRecord): void {
  const father = record.fatherOrSpouse;
  form.put('FAMILY_INFORMATION.relationship', RELATIONSHIPS[father.relation], true);
  form.put('FAMILY_INFORMATION.fatherTitle', FATHER_TITLES[father.prefix], true, 'the digital-KYC form takes the father’s or spouse’s title Mr or Mrs only');
  form.put('FAMILY_INFORMATION.fatherFirstName', father.firstName, true);
  form.put('FAMILY_INFORMATION.fatherMiddleName', father.middleName, false);
  form.put('FAMILY_INFORMATION.fatherLastName', father.lastName, true, 'the digital-KYC form needs the father’s or spouse’s last name');
  form.put('FAMILY_INFORMATION.motherTitle', TITLES[record.mother.prefix], false);
  form.put('FAMILY_INFORMATION.motherFirstName', record.mother.firstName, false);
  form.put('FAMILY_INFORMATION.motherMiddleName', record.mother.middleName, false);
  form.put('FAMILY_INFORMATION.motherLastName', record.mother.lastName, false);
}

/** The number of the identity document behind an address proof (same document, by its identity code). */
function proofNumber(record: KycRecord, poaCode: string): string {
  const identityCode = addressProofFlags(poaCode).identityCode;
  return record.identityDocuments.find((document) => document.code === identityCode)?.number ?? '';
}

/** Why an address proof has no number: its identity document is missing, or it is not an identity document at all (a utility bill). */
function proofNumberProblem(poaCode: string, which: 'permanent' | 'correspondence'): string {
  if (poaCode !== '' && addressProofFlags(poaCode).identityCode === undefined) {
    return `the digital-KYC form needs the number of the identity document that proves the ${which} address, and this proof is not one: choose an identity document as the proof`;
  }
  return `add the identity document that proves the ${which} address, with its number`;
}

function addressLines(form: Sections, section: 'COMMUNICATION_ADDRESS' | 'PERMANENT_ADDRESS', address: Address): void {
  const [p, pin] = section === 'PERMANENT_ADDRESS' ? ['per', 'perPincode'] : ['comm', 'commpincode'];
  form.put(`${section}.${p}Address1`, address.line1, true);
  form.put(`${section}.${p}Address2`, address.line2, false);
  form.put(`${section}.${p}Address3`, address.line3, false);
  form.put(`${section}.${pin}`, address.pinCode, true);
  form.put(`${section}.${p}City`, address.cityOrVtc, true);
  form.put(`${section}.${p}District`, address.district, true);
  form.put(`${section}.${p}State`, address.country === 'IN' ? (stateName(address.state) ?? address.state) : address.state, true);
  form.put(`${section}.${p}Country`, address.country, true);
}

function addresses(form: Sections, record: KycRecord): void {
  const permanent = record.permanentAddress;
  const correspondence = record.correspondenceAddress;
  const comm: Address = correspondence.sameAsPermanent ? permanent : correspondence;
  addressLines(form, 'COMMUNICATION_ADDRESS', comm);
  form.put('COMMUNICATION_ADDRESS.commMobileNoCode', record.contact.mobileIsd === '91' ? '91' : '', true, 'the digital-KYC form takes Indian mobile numbers (country code 91) only');
  form.put('COMMUNICATION_ADDRESS.commMobileNo', record.contact.mobile, true);
  form.put('COMMUNICATION_ADDRESS.commEmailId', record.contact.email, true, 'the digital-KYC form needs the customer’s email address');
  // The form asks no type when the permanent address serves for both: the list's own "unspecified".
  form.put('COMMUNICATION_ADDRESS.comAddresstype', correspondence.sameAsPermanent ? UNSPECIFIED_ADDRESS_TYPE : correspondence.addressType, true, 'choose the correspondence address type');
  form.put('COMMUNICATION_ADDRESS.commAddressProof', comm.poaCode, true);
  form.put('COMMUNICATION_ADDRESS.commIdentityNo', proofNumber(record, comm.poaCode), true, proofNumberProblem(comm.poaCode, 'correspondence'));
  addressLines(form, 'PERMANENT_ADDRESS', permanent);
  form.put('PERMANENT_ADDRESS.perAddressProof', permanent.poaCode, true);
  form.put('PERMANENT_ADDRESS.peridentityNo', proofNumber(record, permanent.poaCode), true, proofNumberProblem(permanent.poaCode, 'permanent'));
}

function identityVerification(form: Sections, record: KycRecord): void {
  const document = record.identityDocuments.find((candidate) => ID_PROOFS[candidate.code] !== undefined);
  form.put('IDENTITY_VERIFICATION.idProof', document ? ID_PROOFS[document.code] : '', true, 'add an identity document the digital-KYC form takes (Aadhaar, passport, driving licence, voter ID, NREGA job card or NPR letter)');
  form.put('IDENTITY_VERIFICATION.idProofIdentityNo', document?.number, true);
  form.put('IDENTITY_VERIFICATION.aaplicantKycAccType', PUSH_ACCOUNT_TYPE, true);
}

function inPersonVerification(form: Sections, { record, verifier, settings }: PushInput): void {
  form.put('INPERSON_VERIFICATION.ipvDoneBy', verifier.name, true);
  form.put('INPERSON_VERIFICATION.ipvEmployeeBranch', verifier.branch, true);
  form.put('INPERSON_VERIFICATION.ipvEmployeeCode', verifier.employeeCode, true);
  form.put('INPERSON_VERIFICATION.ipvEmployeeDesignation', verifier.designation, true);
  form.put('INPERSON_VERIFICATION.ipvEmployeeName', verifier.name, true);
  form.put('INPERSON_VERIFICATION.ipvInstitutionCode', settings.institutionCode || verifier.organisationCode, true, 'set the institution code on the agent API connection');
  form.put('INPERSON_VERIFICATION.ipvInstitutionName', verifier.organisation, true);
  form.put('INPERSON_VERIFICATION.kycDate', dayMonYear(record.verification.date), true);
}

function fatcaDeclaration(form: Sections, record: KycRecord): void {
  form.put('FATCA_DECLARATION.fatcataxJurisdiction', record.taxResidency.taxResidentOutsideIndia ? 'Y' : 'N', true);
  form.put('FATCA_DECLARATION.fatcaRelPerson', 'N', true);
  form.put('FATCA_DECLARATION.dobDeclaration', dayMonYear(record.declaration.date), true);
  form.put('FATCA_DECLARATION.placeDeclaration', record.declaration.place, true);
  form.put('FATCA_DECLARATION.kraInfo', 'eKYC-eIPV', true);
  form.put('FATCA_DECLARATION.panCopy', 'Y', true);
  form.put('FATCA_DECLARATION.exmtCat', 'N', true);
}

const DOCUMENT_PROBLEMS: Readonly<Record<DocumentSlot, string>> = {
  docAddressProof: 'attach the scan of the permanent address proof in the Documents step',
  docPhoto: 'add the customer’s photograph in the Documents step',
  docSign: 'add the customer’s signature (drawn or scanned) in the Documents step',
  docPerVerVideo: 'record the in-person verification video in the Documents step',
  appDocAddrProofCorrespondence: 'attach the scan of the correspondence address proof in the Documents step',
  docEsignForm: 'the application form could not be made',
};

/** A proof with no scan of its own among CKYC's images (a utility bill, a self-declaration) cannot be attached: say so. */
function documentProblem(record: KycRecord, slot: DocumentSlot): string {
  const poaCode = slot === 'docAddressProof' ? record.permanentAddress.poaCode
    : slot === 'appDocAddrProofCorrespondence' ? (record.correspondenceAddress.sameAsPermanent ? record.permanentAddress.poaCode : record.correspondenceAddress.poaCode)
    : undefined;
  if (poaCode !== undefined && poaCode !== '' && PROOF_IMAGE_CODES[poaCode] === undefined) {
    return 'the digital-KYC push needs a scan of this address proof, and KYC Desk keeps scans only of identity documents: choose an identity document as the proof';
  }
  return DOCUMENT_PROBLEMS[slot];
}

function documentCollection(form: Sections, { record, documents }: PushInput): void {
  for (const slot of DOCUMENT_SLOTS) {
    const bytes = documents[slot];
    form.put(`DOCUMENT_COLLECTION.${slot}`, bytes && bytes.length > 0 ? Buffer.from(bytes).toString('base64') : '', true, documentProblem(record, slot));
  }
}
