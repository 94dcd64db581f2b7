import { createHash } from 'node:crypto';
import { addressProofFlags, IMAGE_CODE_AADHAAR } from '../../../shared/codes/ckyc-codes';
import type { KycRecord, KycVerifier } from '../../../shared/record/kyc-record';
import { imageFileName } from '../ckyc-bulk/batch-csv';
import type { WireRecord } from './wire';

export { wireErrorsToRecordFields, recordPathForWire, wirePathForRecord, RECORD_LEVEL } from './field-paths';

/**
 * Canonical record ⇄ seed 001 record (wire.ts). The record must be validated and normalised
 * already (shared/validation validateKycRecord, as main stores it): values go out as they are, in
 * the registry's case and form. Wire names and which are the seed's: wire.ts; the same names by
 * path, for errors: field-paths.ts.
 */

const yesNo = (flag: boolean): 'Y' | 'N' => (flag ? 'Y' : 'N');

const REL_FLAG_BY_CODE: Readonly<Record<string, 'FATHER' | 'SPOUSE'>> = { '01': 'FATHER', '02': 'SPOUSE' };
const REL_CODE_BY_FLAG: Readonly<Record<string, string>> = { FATHER: '01', SPOUSE: '02' };

/** The number of the identity document that goes with the permanent address's proof, or ''. */
function poaDocumentNumber(record: KycRecord): string {
  const code = addressProofFlags(record.permanentAddress.poaCode).identityCode;
  return record.identityDocuments.find((doc) => code !== undefined && doc.code === code)?.number ?? '';
}

/**
 * Canonical record + its customer reference (kyc_ref_no, 1–14 letters and digits) + the verifier
 * (verifierFromOperator) → seed 001 record. Throws when the reference or an image's type cannot go
 * to the registry at all (imageFileName's rules): a record that was not validated first.
 */
// eslint-disable-next-line max-lines-per-function -- one line per wire field, in the registry's order, so it can be read against the API's field list
export function toWireRecord(reference: string, record: KycRecord, verifier: KycVerifier): WireRecord {
  const poa = record.permanentAddress;
  const current = record.correspondenceAddress;
  const same = current.sameAsPermanent;
  const cur = (value: string) => (same ? '' : value);
  const disabled = record.disability.flag;
  const relFlag = REL_FLAG_BY_CODE[record.fatherOrSpouse.relation];
  return {
    kyc_ref_no: reference,
    pan: record.pan,
    application_type: record.applicationType,
    ckyc_number: record.ckycNumber,
    constitution_type: record.constitution,
    form_60: yesNo(record.form60),
    aadhaar_last_4: record.aadhaarLast4 ?? '',
    identity_documents: record.identityDocuments.map((doc) => ({
      identity_type: doc.code,
      identity_number: doc.number,
      identity_expiry_date: doc.expiry ?? '',
    })),
    basic_details: {
      applicant_name_title: record.prefix,
      applicant_first_name: record.firstName,
      applicant_middle_name: record.middleName,
      applicant_last_name: record.lastName,
      ...(relFlag === undefined ? {} : { applicant_rel_details_flag: relFlag }),
      applicant_rel_name_title: record.fatherOrSpouse.prefix,
      applicant_rel_first_name: record.fatherOrSpouse.firstName,
      applicant_rel_middle_name: record.fatherOrSpouse.middleName,
      applicant_rel_last_name: record.fatherOrSpouse.lastName,
      applicant_maiden_name_title: record.maidenName.prefix,
      applicant_maiden_first_name: record.maidenName.firstName,
      applicant_maiden_middle_name: record.maidenName.middleName,
      applicant_maiden_last_name: record.maidenName.lastName,
      applicant_mother_name_title: record.mother.prefix,
      applicant_mother_first_name: record.mother.firstName,
      applicant_mother_middle_name: record.mother.middleName,
      applicant_mother_last_name: record.mother.lastName,
      gender: record.gender,
      dob: record.dateOfBirth,
      marital_status: record.maritalStatus,
      citizenship: record.citizenship,
      nationality: record.nationality,
      residential_status: record.residentialStatus,
      occupation: record.occupation,
      disability_info: {
        differently_abled_flag: disabled,
        impairment_type: disabled ? record.disability.impairmentType : '',
        impairment_percentage: disabled ? Number(record.disability.percentage) : 0,
        udid_number: disabled ? record.disability.udid : '',
      },
    },
    poa: {
      poa_document: poa.poaCode,
      poa_document_number: poaDocumentNumber(record),
      poa_address_line_1: poa.line1,
      poa_address_line_2: poa.line2,
      poa_address_line_3: poa.line3,
      poa_vtc: poa.cityOrVtc,
      poa_district: poa.district,
      poa_state: poa.state,
      poa_country: poa.country,
      poa_pin_code: poa.pinCode,
    },
    current_address: {
      current_address_same_as_poa_address: yesNo(same),
      current_address_type: cur(current.addressType),
      current_poa_document: cur(current.poaCode),
      current_address_line_1: cur(current.line1),
      current_address_line_2: cur(current.line2),
      current_address_line_3: cur(current.line3),
      current_vtc: cur(current.cityOrVtc),
      current_district: cur(current.district),
      current_state: cur(current.state),
      current_country: cur(current.country),
      current_pin_code: cur(current.pinCode),
    },
    contact_details: {
      mobile_isd: record.contact.mobileIsd,
      mobile_number: record.contact.mobile,
      email: record.contact.email,
    },
    tax_residency: {
      tax_resident_outside_india: yesNo(record.taxResidency.taxResidentOutsideIndia),
      tax_residences: (record.taxResidency.taxResidentOutsideIndia ? record.taxResidency.countries : []).map((entry) => ({
        tax_residence_country: entry.country,
        tax_residence_tin: entry.tin,
      })),
    },
    related_persons: record.relatedPersons.map((person) => ({
      related_person_type: person.type,
      related_person_name_title: person.prefix,
      related_person_name: person.name,
      related_person_relation: person.relation,
      related_person_id_type: person.identity.code,
      related_person_id_number: person.identity.number,
    })),
    images: record.images.map((image, index) => ({ image_type: image.code, image_file_name: imageFileName(reference, image, index) })),
    remarks: record.remarks,
    kyc_verification_details: {
      kyc_declaration_date: record.declaration.date,
      kyc_declaration_place: record.declaration.place,
      kyc_verification_date: record.verification.date,
      kyc_type: record.accountType,
      kyc_verifier_name: verifier.name,
      kyc_verifier_designation: verifier.designation,
      kyc_verifier_branch: verifier.branch,
      kyc_verifier_employee_code: verifier.employeeCode,
      kyc_type_of_document_submitted: record.verification.kycMode,
      kyc_verifier_organisation_name: verifier.organisation,
      kyc_verifier_organisation_code: verifier.organisationCode ?? '',
    },
  };
}

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  pdf: 'application/pdf',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

/**
 * Seed 001 record → canonical record, for the sandbox to judge with the shared rules (and for the
 * round-trip test). Images travel as file names only, so each comes back with a stand-in document
 * reference (the SHA-256 of its file name), its type from the extension, a size of 1 byte, and
 * `masked` for an Aadhaar image (the app sends no other: main refuses to keep an unmasked one).
 */
// eslint-disable-next-line max-lines-per-function -- one line per wire field, in the registry's order, so it can be read against the API's field list
export function fromWireRecord(wire: WireRecord): KycRecord {
  const b = wire.basic_details;
  const d = b.disability_info;
  const poa = wire.poa;
  const cur = wire.current_address;
  const sameAsPermanent = cur.current_address_same_as_poa_address === 'Y';
  const taxResident = wire.tax_residency.tax_resident_outside_india === 'Y';
  return {
    applicationType: wire.application_type,
    ckycNumber: wire.ckyc_number,
    accountType: wire.kyc_verification_details.kyc_type,
    constitution: wire.constitution_type,
    prefix: b.applicant_name_title,
    firstName: b.applicant_first_name,
    middleName: b.applicant_middle_name,
    lastName: b.applicant_last_name,
    maidenName: {
      prefix: b.applicant_maiden_name_title,
      firstName: b.applicant_maiden_first_name,
      middleName: b.applicant_maiden_middle_name,
      lastName: b.applicant_maiden_last_name,
    },
    fatherOrSpouse: {
      relation: b.applicant_rel_details_flag === undefined ? '' : (REL_CODE_BY_FLAG[b.applicant_rel_details_flag] ?? ''),
      prefix: b.applicant_rel_name_title,
      firstName: b.applicant_rel_first_name,
      middleName: b.applicant_rel_middle_name,
      lastName: b.applicant_rel_last_name,
    },
    mother: {
      prefix: b.applicant_mother_name_title,
      firstName: b.applicant_mother_first_name,
      middleName: b.applicant_mother_middle_name,
      lastName: b.applicant_mother_last_name,
    },
    gender: b.gender,
    maritalStatus: b.marital_status,
    dateOfBirth: b.dob,
    citizenship: b.citizenship,
    nationality: b.nationality,
    residentialStatus: b.residential_status,
    occupation: b.occupation,
    pan: wire.pan,
    form60: wire.form_60 === 'Y',
    ...(wire.aadhaar_last_4 === '' ? {} : { aadhaarLast4: wire.aadhaar_last_4 }),
    identityDocuments: wire.identity_documents.map((doc) => ({
      code: doc.identity_type,
      number: doc.identity_number,
      ...(doc.identity_expiry_date === '' ? {} : { expiry: doc.identity_expiry_date }),
    })),
    permanentAddress: {
      poaCode: poa.poa_document,
      line1: poa.poa_address_line_1,
      line2: poa.poa_address_line_2,
      line3: poa.poa_address_line_3,
      cityOrVtc: poa.poa_vtc,
      district: poa.poa_district,
      state: poa.poa_state,
      country: poa.poa_country,
      pinCode: poa.poa_pin_code,
    },
    correspondenceAddress: {
      sameAsPermanent,
      addressType: cur.current_address_type,
      poaCode: cur.current_poa_document,
      line1: cur.current_address_line_1,
      line2: cur.current_address_line_2,
      line3: cur.current_address_line_3,
      cityOrVtc: cur.current_vtc,
      district: cur.current_district,
      state: cur.current_state,
      country: cur.current_country,
      pinCode: cur.current_pin_code,
    },
    contact: { mobileIsd: wire.contact_details.mobile_isd, mobile: wire.contact_details.mobile_number, email: wire.contact_details.email },
    disability: {
      flag: d.differently_abled_flag,
      impairmentType: d.differently_abled_flag ? d.impairment_type : '',
      percentage: d.differently_abled_flag ? String(d.impairment_percentage) : '',
      udid: d.differently_abled_flag ? d.udid_number : '',
    },
    taxResidency: {
      taxResidentOutsideIndia: taxResident,
      countries: taxResident ? wire.tax_residency.tax_residences.map((entry) => ({ country: entry.tax_residence_country, tin: entry.tax_residence_tin })) : [],
    },
    relatedPersons: wire.related_persons.map((person) => ({
      type: person.related_person_type,
      prefix: person.related_person_name_title,
      name: person.related_person_name,
      relation: person.related_person_relation,
      identity: { code: person.related_person_id_type, number: person.related_person_id_number },
    })),
    images: wire.images.map((image) => {
      const extension = /\.([A-Za-z]+)$/.exec(image.image_file_name)?.[1]?.toLowerCase() ?? '';
      return {
        code: image.image_type,
        documentHash: createHash('sha256').update(image.image_file_name).digest('hex'),
        mime: MIME_BY_EXTENSION[extension] ?? 'application/octet-stream',
        bytes: 1,
        masked: image.image_type === IMAGE_CODE_AADHAAR,
      };
    }),
    declaration: { date: wire.kyc_verification_details.kyc_declaration_date, place: wire.kyc_verification_details.kyc_declaration_place },
    verification: { date: wire.kyc_verification_details.kyc_verification_date, kycMode: wire.kyc_verification_details.kyc_type_of_document_submitted },
    remarks: wire.remarks,
    customerReference: wire.kyc_ref_no,
  };
}

/** The verifier block of a seed 001 record. */
export function verifierFromWire(wire: WireRecord): KycVerifier {
  const v = wire.kyc_verification_details;
  return {
    name: v.kyc_verifier_name,
    designation: v.kyc_verifier_designation,
    branch: v.kyc_verifier_branch,
    employeeCode: v.kyc_verifier_employee_code,
    organisation: v.kyc_verifier_organisation_name,
    ...(v.kyc_verifier_organisation_code === '' ? {} : { organisationCode: v.kyc_verifier_organisation_code }),
  };
}
