import { z } from 'zod';
import { AGENT_API_PATHS } from '../agent-api/wire';

/**
 * Seed 001 (CKYC records upload API) as JSON on the wire (seed 002 §1, the token, is in agent-api/wire.ts), written
 * down once for the connector (client.ts) and the Training sandbox (sandbox/ckyc/records-api.ts).
 *
 * Where the fields come from:
 * - **seed** — printed in seed 001's example: the envelope (fi_code, version, region_code, username,
 *   branch_code, records), and in a record kyc_ref_no, pan, basic_details (applicant_name_title,
 *   applicant_first_name, applicant_middle_name, applicant_rel_details_flag FATHER | SPOUSE,
 *   applicant_rel_name_title, applicant_rel_first_name, applicant_rel_middle_name, gender, dob,
 *   disability_info{differently_abled_flag, impairment_type, impairment_percentage, udid_number}),
 *   poa{poa_document, poa_document_number, poa_address_line_1, poa_vtc, poa_state, poa_country,
 *   poa_pin_code}, current_address{current_address_same_as_poa_address, current_address_line_1,
 *   current_vtc, current_state, current_country, current_pin_code}, contact_details{mobile_isd,
 *   mobile_number}, kyc_verification_details{kyc_declaration_date, kyc_declaration_place,
 *   kyc_verification_date, kyc_type, kyc_verifier_name, kyc_verifier_designation,
 *   kyc_verifier_branch, kyc_verifier_employee_code, kyc_type_of_document_submitted};
 * - **ours** — the seed says "and other objects per OpenAPI" without printing them. The fields the
 *   canonical record (shared/record/kyc-record.ts) has beyond the seed's are added in the seed's
 *   naming style (snake_case, the section's prefix) and marked `ours` below. They are our best
 *   reading of V1.3, not the vendor's published names: when the vendor's OpenAPI is at hand, rename
 *   them here and in field-paths.ts only.
 *
 * Values: dates YYYY-MM-DD (the seed's example), flags Y/N where the seed shows Y/N (and for our own
 * flags), codes as the CKYC code lists have them (shared/codes/ckyc-codes.ts), state as the ISO
 * 3166-2:IN code the record keeps. Fields that do not apply are sent as empty strings (0 for the
 * disability percentage), never dropped, so every record has the same shape: the correspondence
 * address when it is the permanent one, the disability details without a disability. One exception:
 * `applicant_rel_details_flag` is left out when there is no father's or spouse's name (the mother's
 * is enough), since the seed's enum FATHER | SPOUSE has no empty value.
 */

export const RECORDS_API_PATHS = {
  /** Seed 001. The trailing slash is the seed's; the sandbox accepts it without too. */
  upload: '/ckycportalapi/ckyc-upload/',
  /** Seed 002 §1: the agent API's token (connectors/agent-api/). */
  generateToken: AGENT_API_PATHS.generateToken,
} as const;

/** Records in one request: the seed gives no limit; ours, to bound a request's size. */
export const MAX_RECORDS_PER_REQUEST = 500;

const s = z.string().max(500);
const yesNo = z.enum(['Y', 'N']);

export const REL_DETAILS_FLAGS = ['FATHER', 'SPOUSE'] as const;

export const wireBasicDetailsSchema = z.object({
  // seed
  applicant_name_title: s,
  applicant_first_name: s,
  applicant_middle_name: s,
  // ours: the last name is mandatory for individuals (docs/record-rules.md §2), the seed's example stops at the middle name
  applicant_last_name: s,
  // seed; absent when the record has no father's or spouse's name (the mother's is enough)
  applicant_rel_details_flag: z.enum(REL_DETAILS_FLAGS).optional(),
  applicant_rel_name_title: s,
  applicant_rel_first_name: s,
  applicant_rel_middle_name: s,
  // ours
  applicant_rel_last_name: s,
  applicant_maiden_name_title: s,
  applicant_maiden_first_name: s,
  applicant_maiden_middle_name: s,
  applicant_maiden_last_name: s,
  applicant_mother_name_title: s,
  applicant_mother_first_name: s,
  applicant_mother_middle_name: s,
  applicant_mother_last_name: s,
  // seed (the example shows "M"; the CKYC list is M / F / T)
  gender: s,
  dob: s,
  // ours
  marital_status: s,
  citizenship: s,
  nationality: s,
  residential_status: s,
  occupation: s,
  // seed
  disability_info: z.object({
    differently_abled_flag: z.boolean(),
    impairment_type: s,
    /** A number in the seed; 0 without a disability. */
    impairment_percentage: z.number().int().min(0).max(100),
    udid_number: s,
  }),
});

export const wirePoaSchema = z.object({
  // seed
  poa_document: s,
  /** The number of the identity document that proves the address (its last 4 digits for Aadhaar). */
  poa_document_number: s,
  poa_address_line_1: s,
  // ours
  poa_address_line_2: s,
  poa_address_line_3: s,
  // seed
  poa_vtc: s,
  // ours
  poa_district: s,
  // seed
  poa_state: s,
  poa_country: s,
  poa_pin_code: s,
});

export const wireCurrentAddressSchema = z.object({
  // seed
  current_address_same_as_poa_address: yesNo,
  // ours
  current_address_type: s,
  current_poa_document: s,
  // seed
  current_address_line_1: s,
  // ours
  current_address_line_2: s,
  current_address_line_3: s,
  // seed
  current_vtc: s,
  // ours
  current_district: s,
  // seed
  current_state: s,
  current_country: s,
  current_pin_code: s,
});

export const wireContactDetailsSchema = z.object({
  // seed
  mobile_isd: s,
  mobile_number: s,
  // ours
  email: s,
});

export const wireVerificationDetailsSchema = z.object({
  // seed
  kyc_declaration_date: s,
  kyc_declaration_place: s,
  kyc_verification_date: s,
  /** Our reading [U]: V1.3's account type (01 normal, 04 OTP e-KYC, 05 minor), "KYC type" on the form. */
  kyc_type: s,
  kyc_verifier_name: s,
  kyc_verifier_designation: s,
  kyc_verifier_branch: s,
  kyc_verifier_employee_code: s,
  /** The KYC verification mode (docs/record-rules.md §2: "type of document submitted", 01–06). */
  kyc_type_of_document_submitted: s,
  // ours
  kyc_verifier_organisation_name: s,
  kyc_verifier_organisation_code: s,
});

/** ours: every identity document (V1.3 record type 30). */
export const wireIdentityDocumentSchema = z.object({
  identity_type: s,
  identity_number: s,
  identity_expiry_date: s,
});

/** ours: V1.3 record type 40. */
export const wireRelatedPersonSchema = z.object({
  related_person_type: s,
  related_person_name_title: s,
  related_person_name: s,
  related_person_relation: s,
  related_person_id_type: s,
  related_person_id_number: s,
});

/** ours: FATCA / CRS. */
export const wireTaxResidencySchema = z.object({
  tax_resident_outside_india: yesNo,
  tax_residences: z.array(z.object({ tax_residence_country: s, tax_residence_tin: s })).max(10),
});

/**
 * ours: images by reference — the file name the batch ZIP would give the image
 * (`<kyc_ref_no>_<image code>_<position>.<ext>`, connectors/ckyc-bulk/batch-csv.ts imageFileName),
 * with its CKYC image code. The bytes do not travel in this JSON.
 */
export const wireImageSchema = z.object({
  image_type: s,
  image_file_name: s,
});

export const wireRecordSchema = z.object({
  // seed
  kyc_ref_no: z.string().min(1).max(14),
  pan: s,
  // ours
  application_type: s,
  ckyc_number: s,
  constitution_type: s,
  form_60: yesNo,
  aadhaar_last_4: s,
  identity_documents: z.array(wireIdentityDocumentSchema).max(10),
  // seed
  basic_details: wireBasicDetailsSchema,
  poa: wirePoaSchema,
  current_address: wireCurrentAddressSchema,
  contact_details: wireContactDetailsSchema,
  // ours
  tax_residency: wireTaxResidencySchema,
  related_persons: z.array(wireRelatedPersonSchema).max(15),
  images: z.array(wireImageSchema).max(20),
  remarks: z.string().max(2000),
  // seed
  kyc_verification_details: wireVerificationDetailsSchema,
});
export type WireRecord = z.infer<typeof wireRecordSchema>;

/** The institution's CERSAI codes, from the connection's settings (seed 001's envelope). */
export const uploadRequestSchema = z.object({
  fi_code: z.string().min(1).max(50),
  version: z.string().min(1).max(20),
  region_code: z.string().min(1).max(50),
  username: z.string().min(1).max(100),
  branch_code: z.string().min(1).max(50),
  records: z.array(wireRecordSchema).min(1).max(MAX_RECORDS_PER_REQUEST),
});
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

/** 200 (seed 001). `status` and `message` are the registry's words, kept verbatim. */
export const uploadResponseSchema = z.object({ message: z.string(), status: z.string() });
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

/** 400 / 401 (seed 001): `detail` is `{}` in the seed, so anything is accepted here. */
export const errorResponseSchema = z.object({ detail: z.unknown(), message: z.string() });

/**
 * What `detail` holds on a 400 from our sandbox — our decision, since the seed prints `{}`:
 *
 *     { "records": [ { "index": 0, "kyc_ref_no": "KD…", "errors": { "poa.poa_pin_code": "…" } } ],
 *       "request": { "fi_code": "…" } }
 *
 * - `records[]`: one entry per refused record, with its position in the request's `records` and its
 *   kyc_ref_no; `errors` keys are **wire field paths relative to the record** (dotted, array
 *   positions as numbers: `identity_documents.0.identity_number`), values the message. A key `""`
 *   is about the record as a whole.
 * - `request`: problems with the envelope, keyed by its field names.
 *
 * A 400 refuses the whole request: nothing in it was accepted, records without errors may be sent
 * again as they are. The client also reads FastAPI's `detail: [{ loc: [...], msg }]`, which the
 * `detail` / `message` names suggest the vendor may use.
 */
export const recordErrorsDetailSchema = z.object({
  records: z
    .array(
      z.object({
        index: z.number().int().nonnegative().optional(),
        kyc_ref_no: z.string().optional(),
        errors: z.record(z.string(), z.string()),
      }),
    )
    .optional(),
  request: z.record(z.string(), z.string()).optional(),
});
export type RecordErrorsDetail = z.infer<typeof recordErrorsDetailSchema>;

/** FastAPI's validation error list, e.g. `{ loc: ['body', 'records', 0, 'pan'], msg: '…' }`. */
export const fastApiDetailSchema = z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])), msg: z.string() }).passthrough());
