import { fieldLabel, type KycRecord } from '../../../shared/record/kyc-record';
import { addressProofFlags } from '../../../shared/codes/ckyc-codes';
import type { KycErrors } from '../../../shared/validation/kyc-record';

/**
 * Which wire field (wire.ts) carries which field of the canonical record, by path — one table, read
 * both ways: a 400's per-field errors are keyed by wire paths (`poa.poa_pin_code`) and the capture
 * form shows errors keyed by record paths (`permanentAddress.pinCode`); the sandbox goes the other
 * way. In patterns `#` stands for an array position. map-record.ts builds the wire record with the
 * same names; a test checks that every leaf it writes is in this table.
 */
const PATHS: readonly (readonly [wire: string, record: string])[] = [
  ['kyc_ref_no', 'customerReference'],
  ['pan', 'pan'],
  ['application_type', 'applicationType'],
  ['ckyc_number', 'ckycNumber'],
  ['constitution_type', 'constitution'],
  ['form_60', 'form60'],
  ['aadhaar_last_4', 'aadhaarLast4'],
  ['identity_documents', 'identityDocuments'],
  ['identity_documents.#', 'identityDocuments.#'],
  ['identity_documents.#.identity_type', 'identityDocuments.#.code'],
  ['identity_documents.#.identity_number', 'identityDocuments.#.number'],
  ['identity_documents.#.identity_expiry_date', 'identityDocuments.#.expiry'],

  ['basic_details.applicant_name_title', 'prefix'],
  ['basic_details.applicant_first_name', 'firstName'],
  ['basic_details.applicant_middle_name', 'middleName'],
  ['basic_details.applicant_last_name', 'lastName'],
  ['basic_details.applicant_rel_details_flag', 'fatherOrSpouse.relation'],
  ['basic_details.applicant_rel_name_title', 'fatherOrSpouse.prefix'],
  ['basic_details.applicant_rel_first_name', 'fatherOrSpouse.firstName'],
  ['basic_details.applicant_rel_middle_name', 'fatherOrSpouse.middleName'],
  ['basic_details.applicant_rel_last_name', 'fatherOrSpouse.lastName'],
  ['basic_details.applicant_maiden_name_title', 'maidenName.prefix'],
  ['basic_details.applicant_maiden_first_name', 'maidenName.firstName'],
  ['basic_details.applicant_maiden_middle_name', 'maidenName.middleName'],
  ['basic_details.applicant_maiden_last_name', 'maidenName.lastName'],
  ['basic_details.applicant_mother_name_title', 'mother.prefix'],
  ['basic_details.applicant_mother_first_name', 'mother.firstName'],
  ['basic_details.applicant_mother_middle_name', 'mother.middleName'],
  ['basic_details.applicant_mother_last_name', 'mother.lastName'],
  ['basic_details.gender', 'gender'],
  ['basic_details.dob', 'dateOfBirth'],
  ['basic_details.marital_status', 'maritalStatus'],
  ['basic_details.citizenship', 'citizenship'],
  ['basic_details.nationality', 'nationality'],
  ['basic_details.residential_status', 'residentialStatus'],
  ['basic_details.occupation', 'occupation'],
  ['basic_details.disability_info', 'disability'],
  ['basic_details.disability_info.differently_abled_flag', 'disability.flag'],
  ['basic_details.disability_info.impairment_type', 'disability.impairmentType'],
  ['basic_details.disability_info.impairment_percentage', 'disability.percentage'],
  ['basic_details.disability_info.udid_number', 'disability.udid'],

  ['poa', 'permanentAddress'],
  ['poa.poa_document', 'permanentAddress.poaCode'],
  // poa.poa_document_number: the identity document's number, resolved against the record (below)
  ['poa.poa_address_line_1', 'permanentAddress.line1'],
  ['poa.poa_address_line_2', 'permanentAddress.line2'],
  ['poa.poa_address_line_3', 'permanentAddress.line3'],
  ['poa.poa_vtc', 'permanentAddress.cityOrVtc'],
  ['poa.poa_district', 'permanentAddress.district'],
  ['poa.poa_state', 'permanentAddress.state'],
  ['poa.poa_country', 'permanentAddress.country'],
  ['poa.poa_pin_code', 'permanentAddress.pinCode'],

  ['current_address', 'correspondenceAddress'],
  ['current_address.current_address_same_as_poa_address', 'correspondenceAddress.sameAsPermanent'],
  ['current_address.current_address_type', 'correspondenceAddress.addressType'],
  ['current_address.current_poa_document', 'correspondenceAddress.poaCode'],
  ['current_address.current_address_line_1', 'correspondenceAddress.line1'],
  ['current_address.current_address_line_2', 'correspondenceAddress.line2'],
  ['current_address.current_address_line_3', 'correspondenceAddress.line3'],
  ['current_address.current_vtc', 'correspondenceAddress.cityOrVtc'],
  ['current_address.current_district', 'correspondenceAddress.district'],
  ['current_address.current_state', 'correspondenceAddress.state'],
  ['current_address.current_country', 'correspondenceAddress.country'],
  ['current_address.current_pin_code', 'correspondenceAddress.pinCode'],

  ['contact_details', 'contact'],
  ['contact_details.mobile_isd', 'contact.mobileIsd'],
  ['contact_details.mobile_number', 'contact.mobile'],
  ['contact_details.email', 'contact.email'],

  ['tax_residency', 'taxResidency'],
  ['tax_residency.tax_resident_outside_india', 'taxResidency.taxResidentOutsideIndia'],
  ['tax_residency.tax_residences', 'taxResidency.countries'],
  ['tax_residency.tax_residences.#', 'taxResidency.countries.#'],
  ['tax_residency.tax_residences.#.tax_residence_country', 'taxResidency.countries.#.country'],
  ['tax_residency.tax_residences.#.tax_residence_tin', 'taxResidency.countries.#.tin'],

  ['related_persons', 'relatedPersons'],
  ['related_persons.#', 'relatedPersons.#'],
  ['related_persons.#.related_person_type', 'relatedPersons.#.type'],
  ['related_persons.#.related_person_name_title', 'relatedPersons.#.prefix'],
  ['related_persons.#.related_person_name', 'relatedPersons.#.name'],
  ['related_persons.#.related_person_relation', 'relatedPersons.#.relation'],
  ['related_persons.#.related_person_id_type', 'relatedPersons.#.identity.code'],
  ['related_persons.#.related_person_id_number', 'relatedPersons.#.identity.number'],

  ['images', 'images'],
  ['images.#', 'images.#'],
  ['images.#.image_type', 'images.#.code'],
  ['images.#.image_file_name', 'images.#.documentHash'],

  ['remarks', 'remarks'],

  ['kyc_verification_details.kyc_declaration_date', 'declaration.date'],
  ['kyc_verification_details.kyc_declaration_place', 'declaration.place'],
  ['kyc_verification_details.kyc_verification_date', 'verification.date'],
  ['kyc_verification_details.kyc_type', 'accountType'],
  ['kyc_verification_details.kyc_type_of_document_submitted', 'verification.kycMode'],
];

/**
 * Wire fields filled from the verifier (the signed-in operator's profile, not the record): an error
 * on one is about the record as a whole, named so that an admin knows where to fix it.
 */
const VERIFIER_FIELDS: Readonly<Record<string, string>> = {
  'kyc_verification_details.kyc_verifier_name': 'the verifier’s name',
  'kyc_verification_details.kyc_verifier_designation': 'the verifier’s designation',
  'kyc_verification_details.kyc_verifier_branch': 'the verifier’s branch',
  'kyc_verification_details.kyc_verifier_employee_code': 'the verifier’s employee code',
  'kyc_verification_details.kyc_verifier_organisation_name': 'the verifier’s organisation',
  'kyc_verification_details.kyc_verifier_organisation_code': 'the institution’s CERSAI code',
};

const POA_DOCUMENT_NUMBER = 'poa.poa_document_number';

/** The record-level key of KycErrors (shared/validation: a problem with the record as a whole). */
export const RECORD_LEVEL = 'record';

const WIRE_TO_RECORD = new Map(PATHS.map(([wire, record]) => [wire, record]));
const RECORD_TO_WIRE = new Map(PATHS.map(([wire, record]) => [record, wire]));

/** Every wire path pattern this table knows (for tests), including the ones not mapped to a record field. */
export function knownWirePatterns(): string[] {
  return [...WIRE_TO_RECORD.keys(), POA_DOCUMENT_NUMBER, ...Object.keys(VERIFIER_FIELDS)];
}

/** `a.b[0].c`, `a/b/0/c` or `a.b.0.c` → parts. */
function splitPath(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((part) => part !== '');
}

/** Parts → the pattern (`#` for positions) and the positions, in order. */
function toPattern(parts: readonly string[]): { pattern: string; positions: string[] } {
  const positions: string[] = [];
  const pattern = parts
    .map((part) => {
      if (!/^\d+$/.test(part)) return part;
      positions.push(String(Number(part)));
      return '#';
    })
    .join('.');
  return { pattern, positions };
}

function fill(pattern: string, positions: readonly string[]): string {
  let next = 0;
  return pattern.replace(/#/g, () => positions[next++] ?? '0');
}

/** The index of the identity document whose number goes with the permanent address's proof. */
function poaIdentityIndex(record: KycRecord): number {
  const code = addressProofFlags(record.permanentAddress.poaCode).identityCode;
  return code === undefined ? -1 : record.identityDocuments.findIndex((doc) => doc.code === code);
}

/**
 * The record path a wire path stands for (`basic_details.dob` → `dateOfBirth`,
 * `identity_documents.1.identity_number` → `identityDocuments.1.number`), or undefined when the
 * wire path names no field of the record. `record` resolves `poa.poa_document_number` to its
 * identity document; without it that number's errors go to the proof-of-address choice.
 */
export function recordPathForWire(wirePath: string, record?: KycRecord): string | undefined {
  const { pattern, positions } = toPattern(splitPath(wirePath));
  if (pattern === POA_DOCUMENT_NUMBER) {
    const index = record ? poaIdentityIndex(record) : -1;
    return index >= 0 ? `identityDocuments.${index}.number` : 'permanentAddress.poaCode';
  }
  const found = WIRE_TO_RECORD.get(pattern);
  return found === undefined ? undefined : fill(found, positions);
}

/**
 * The wire path for a record path — for the sandbox, which judges the record with the shared
 * rules and answers by wire path. A record path with no wire field of its own goes to its nearest
 * parent that has one, and to `""` (the record as a whole) when none has.
 */
export function wirePathForRecord(recordPath: string): string {
  let parts = splitPath(recordPath);
  while (parts.length > 0) {
    const { pattern, positions } = toPattern(parts);
    const found = RECORD_TO_WIRE.get(pattern);
    if (found !== undefined) return fill(found, positions);
    parts = parts.slice(0, -1);
  }
  return '';
}

const MAX_MESSAGE = 500;

/**
 * A 400's errors for one record, keyed by wire path, as the capture form's errors (KycErrors, keyed
 * by record path; each message starts with the form's label, then the registry's words verbatim).
 * Nothing is dropped: a wire path that names no field of the record (an unknown one, the record as
 * a whole, the verifier's fields) becomes part of the record-level message (`record`), with the
 * wire path it came with. Two messages for one field are joined.
 */
export function wireErrorsToRecordFields(errors: Readonly<Record<string, string>>, record?: KycRecord): KycErrors {
  const out: KycErrors = {};
  const add = (path: string, message: string) => {
    out[path] = out[path] === undefined ? message : `${out[path]} ${message}`;
  };
  for (const [wirePath, raw] of Object.entries(errors)) {
    const message = String(raw).slice(0, MAX_MESSAGE);
    const recordPath = wirePath.trim() === '' ? undefined : recordPathForWire(wirePath, record);
    if (recordPath !== undefined) {
      add(recordPath, `${fieldLabel(recordPath)}: ${message}`);
      continue;
    }
    const verifier = VERIFIER_FIELDS[toPattern(splitPath(wirePath)).pattern];
    if (wirePath.trim() === '') add(RECORD_LEVEL, `${fieldLabel(RECORD_LEVEL)}: ${message}`);
    else if (verifier !== undefined) add(RECORD_LEVEL, `The registry refused ${verifier} (from the signed-in operator’s profile): ${message}`);
    else add(RECORD_LEVEL, `${fieldLabel(RECORD_LEVEL)} (${wirePath}): ${message}`);
  }
  return out;
}
