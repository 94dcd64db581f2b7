import { errorsToFieldPaths } from './wire';

/**
 * Where each field of the digital-KYC push comes from on the capture form, by the seed's field path
 * ('BASIC_INFORMATION.pan') → the record's field path ('pan'). The mapping (dkyc-mapping.ts) names a
 * problem found before sending by the form's path; a 400's `errors`, keyed by the seed's path, are
 * turned back onto the form's fields with the same table (`formPathsOf`).
 *
 * A few paths are not fields of the record: `aadhaar` is the full number typed in the push dialog,
 * `verifier` the pushing operator's profile (name, branch, employee code), `pushSettings` the agent
 * connection's institution settings, and `record` what KYC Desk fills itself (fixed values, the
 * generated application form).
 */
const PERMANENT = 'permanentAddress';
const CORRESPONDENCE = 'correspondenceAddress';

export const SEED_TO_FORM: Readonly<Record<string, string>> = {
  'BASIC_INFORMATION.uploadType': 'record',
  'BASIC_INFORMATION.pan': 'pan',
  'BASIC_INFORMATION.dob': 'dateOfBirth',
  'BASIC_INFORMATION.amc': 'pushSettings',
  'BASIC_INFORMATION.ipvDate': 'verification.date',
  'BASIC_INFORMATION.uidNo': 'aadhaar',
  'BASIC_INFORMATION.ekycType': 'record',
  'BASIC_INFORMATION.kycType': 'verification.kycMode',
  'PERSONAL_INFORMATION.applicantTitle': 'prefix',
  'PERSONAL_INFORMATION.applicantFirstName': 'firstName',
  'PERSONAL_INFORMATION.applicantMiddleName': 'middleName',
  'PERSONAL_INFORMATION.applicantLastName': 'lastName',
  'PERSONAL_INFORMATION.gender': 'gender',
  'PERSONAL_INFORMATION.maritalStatus': 'maritalStatus',
  'PERSONAL_INFORMATION.occupation': 'occupation',
  'PERSONAL_INFORMATION.applicantCitizenship': 'citizenship',
  'PERSONAL_INFORMATION.applicantStatus': 'residentialStatus',
  'FAMILY_INFORMATION.relationship': 'fatherOrSpouse.relation',
  'FAMILY_INFORMATION.fatherTitle': 'fatherOrSpouse.prefix',
  'FAMILY_INFORMATION.fatherFirstName': 'fatherOrSpouse.firstName',
  'FAMILY_INFORMATION.fatherMiddleName': 'fatherOrSpouse.middleName',
  'FAMILY_INFORMATION.fatherLastName': 'fatherOrSpouse.lastName',
  'FAMILY_INFORMATION.motherTitle': 'mother.prefix',
  'FAMILY_INFORMATION.motherFirstName': 'mother.firstName',
  'FAMILY_INFORMATION.motherMiddleName': 'mother.middleName',
  'FAMILY_INFORMATION.motherLastName': 'mother.lastName',
  'COMMUNICATION_ADDRESS.commAddress1': `${CORRESPONDENCE}.line1`,
  'COMMUNICATION_ADDRESS.commAddress2': `${CORRESPONDENCE}.line2`,
  'COMMUNICATION_ADDRESS.commAddress3': `${CORRESPONDENCE}.line3`,
  'COMMUNICATION_ADDRESS.commpincode': `${CORRESPONDENCE}.pinCode`,
  'COMMUNICATION_ADDRESS.commCity': `${CORRESPONDENCE}.cityOrVtc`,
  'COMMUNICATION_ADDRESS.commDistrict': `${CORRESPONDENCE}.district`,
  'COMMUNICATION_ADDRESS.commState': `${CORRESPONDENCE}.state`,
  'COMMUNICATION_ADDRESS.commCountry': `${CORRESPONDENCE}.country`,
  'COMMUNICATION_ADDRESS.commMobileNoCode': 'contact.mobileIsd',
  'COMMUNICATION_ADDRESS.commMobileNo': 'contact.mobile',
  'COMMUNICATION_ADDRESS.commEmailId': 'contact.email',
  'COMMUNICATION_ADDRESS.comAddresstype': `${CORRESPONDENCE}.addressType`,
  'COMMUNICATION_ADDRESS.commAddressProof': `${CORRESPONDENCE}.poaCode`,
  'COMMUNICATION_ADDRESS.commIdentityNo': 'identityDocuments',
  'PERMANENT_ADDRESS.perAddress1': `${PERMANENT}.line1`,
  'PERMANENT_ADDRESS.perAddress2': `${PERMANENT}.line2`,
  'PERMANENT_ADDRESS.perAddress3': `${PERMANENT}.line3`,
  'PERMANENT_ADDRESS.perPincode': `${PERMANENT}.pinCode`,
  'PERMANENT_ADDRESS.perCity': `${PERMANENT}.cityOrVtc`,
  'PERMANENT_ADDRESS.perDistrict': `${PERMANENT}.district`,
  'PERMANENT_ADDRESS.perState': `${PERMANENT}.state`,
  'PERMANENT_ADDRESS.perCountry': `${PERMANENT}.country`,
  'PERMANENT_ADDRESS.perAddressProof': `${PERMANENT}.poaCode`,
  'PERMANENT_ADDRESS.peridentityNo': 'identityDocuments',
  'IDENTITY_VERIFICATION.idProof': 'identityDocuments',
  'IDENTITY_VERIFICATION.idProofIdentityNo': 'identityDocuments',
  'IDENTITY_VERIFICATION.aaplicantKycAccType': 'record',
  'INPERSON_VERIFICATION.ipvDoneBy': 'verifier',
  'INPERSON_VERIFICATION.ipvEmployeeBranch': 'verifier',
  'INPERSON_VERIFICATION.ipvEmployeeCode': 'verifier',
  'INPERSON_VERIFICATION.ipvEmployeeDesignation': 'verifier',
  'INPERSON_VERIFICATION.ipvEmployeeName': 'verifier',
  'INPERSON_VERIFICATION.ipvInstitutionCode': 'pushSettings',
  'INPERSON_VERIFICATION.ipvInstitutionName': 'verifier',
  'INPERSON_VERIFICATION.kycDate': 'verification.date',
  'FATCA_DECLARATION.fatcataxJurisdiction': 'taxResidency.taxResidentOutsideIndia',
  'FATCA_DECLARATION.fatcaRelPerson': 'record',
  'FATCA_DECLARATION.dobDeclaration': 'declaration.date',
  'FATCA_DECLARATION.placeDeclaration': 'declaration.place',
  'FATCA_DECLARATION.kraInfo': 'record',
  'FATCA_DECLARATION.panCopy': 'record',
  'FATCA_DECLARATION.exmtCat': 'record',
  'DOCUMENT_COLLECTION.docAddressProof': 'images',
  'DOCUMENT_COLLECTION.docPhoto': 'images',
  'DOCUMENT_COLLECTION.docSign': 'images',
  'DOCUMENT_COLLECTION.docPerVerVideo': 'inPersonVideo',
  'DOCUMENT_COLLECTION.appDocAddrProofCorrespondence': 'images',
  'DOCUMENT_COLLECTION.docEsignForm': 'record',
};

/** The form's path for a seed path; a correspondence field goes to the permanent address when the record uses it for both. */
export function formPathOf(seedPath: string, correspondenceIsPermanent: boolean): string | undefined {
  const path = SEED_TO_FORM[seedPath];
  if (path === undefined || !correspondenceIsPermanent || !path.startsWith(`${CORRESPONDENCE}.`) || path.endsWith('.addressType')) return path;
  return `${PERMANENT}.${path.slice(CORRESPONDENCE.length + 1)}`;
}

/** Twelve digits in a vendor's words (perhaps our uidNo echoed back) shown as the record shows an Aadhaar: its last 4 only. */
function withoutFullAadhaar(text: string): string {
  return text.replace(/\d{4}[ -]?\d{4}[ -]?(\d{4})/g, 'XXXX XXXX $1');
}

/**
 * A 400's `errors` (by the seed's field path, flat or nested by section, or the client's `fields`
 * already read into paths) → problems by the form's path, each message naming the vendor's field.
 * A path the table does not know goes on `record` with its name, so nothing the vendor said is
 * dropped; several on one field are joined. A full Aadhaar echoed in the vendor's words is masked.
 */
export function formPathsOf(vendorErrors: unknown, correspondenceIsPermanent: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [seedPath, message] of Object.entries(errorsToFieldPaths(vendorErrors))) {
    const path = formPathOf(seedPath, correspondenceIsPermanent) ?? 'record';
    const said = withoutFullAadhaar(`${message} (the vendor's ${seedPath})`);
    out[path] = out[path] === undefined ? said : `${out[path]}; ${said}`;
  }
  return out;
}
