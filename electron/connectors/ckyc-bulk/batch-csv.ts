import { stringify } from 'csv-stringify/sync';
import type { KycImage, KycRecord, KycVerifier } from '../../../shared/record/kyc-record';
import type { Verifier } from '../../../shared/sync/verifier';

/**
 * The two CSVs of seed 000's batch ZIP (`batch-details.csv`, `individuals.csv`) and the names of
 * its `documents/` entries. The seed shows the layout but no columns; the columns follow the
 * vocabulary of wire.ts / map-individual.ts and seed 001 (kyc_ref_no, first_name, dob, pan,
 * mobile_number, poa_*, current_*, kyc_declaration_*), and are written down here once, for the
 * connector and the sandbox alike. Dates stay YYYY-MM-DD as in the vendor's JSON (the vendor builds
 * the CERSAI file, whose DD-MM-YYYY is its business); flags are Y/N as in wire.ts.
 *
 * Repeating parts are flattened into numbered column groups — identity_1_type, identity_1_number,
 * identity_1_expiry, identity_2_… — as many groups as the record that has the most in this batch
 * (at least one, so every header names every kind). `image_files` lists each image as
 * `<file name>:<CKYC image code>`, separated by `;` (names are [A-Za-z0-9_.] only, see below).
 *
 * CSV by csv-stringify: CRLF rows; a cell holding a line break is quoted. Unlike the audit export
 * (electron/audit/audit-log.ts, opened by people in a spreadsheet) cells are NOT formula-escaped:
 * these files are read by the registry's machine, and a quote put before "- NEAR TEMPLE" would
 * change the customer's address as filed. No byte-order mark either: a BOM would glue itself to the
 * first column's name.
 */

export type BatchKind = 'upload' | 'update';

/** The verifier as the record's type has it (KycVerifier) or as the sync engine's (verifierFor). */
export type BatchVerifier = KycVerifier | Verifier;

/** The institution's CERSAI codes, from the connection's settings; each may be absent. */
export interface InstitutionCodes {
  fiCode?: string;
  regionCode?: string;
  branchCode?: string;
  username?: string;
  version?: string;
}

export interface BatchRecord {
  /** The customer reference number (kyc_ref_no): 1–14 letters and digits. */
  reference: string;
  record: KycRecord;
}

export interface BatchHeader {
  batchFileName: string;
  kind: BatchKind;
  verifier: BatchVerifier;
  createdAt: Date;
  purpose?: string;
  institution?: InstitutionCodes;
}

const CSV_OPTIONS = { record_delimiter: 'windows', quote_record_delimiter: true } as const;

function toCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], { ...CSV_OPTIONS, header: true, columns: [...columns] });
}

// ---------------------------------------------------------------------------------------------
// documents/ file names: docs/record-rules.md §4, `<reference>_<any>.<ext>`, at most 50 characters
// ---------------------------------------------------------------------------------------------

export const MAX_IMAGE_FILE_NAME = 50;
export const REFERENCE_PATTERN = /^[A-Za-z0-9]{1,14}$/;

const EXTENSION_BY_MIME: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'application/pdf': 'pdf',
  'image/tiff': 'tif',
};

/** The file extension the registry accepts for `mime`, or an error naming it. */
export function extensionForMime(mime: string): string {
  const ext = EXTENSION_BY_MIME[mime.trim().toLowerCase()];
  if (ext === undefined) throw new Error(`An image of type "${mime}" cannot go to the registry: only JPEG, PDF and TIFF can.`);
  return ext;
}

/**
 * `<reference>_<image code>_<position>.<ext>`, e.g. `KD4T7Q2M9X1B0C_02_1.jpg` (23 characters):
 * the position (from 1, in the record's image order) keeps two images of one code apart.
 */
export function imageFileName(reference: string, image: Pick<KycImage, 'code' | 'mime'>, index: number): string {
  if (!REFERENCE_PATTERN.test(reference)) throw new Error(`The customer reference "${reference}" is not 1 to 14 letters and digits.`);
  const code = image.code.replace(/[^A-Za-z0-9]/g, '');
  const name = `${reference}_${code}_${index + 1}.${extensionForMime(image.mime)}`;
  if (name.length > MAX_IMAGE_FILE_NAME) throw new Error(`The image file name ${name} is longer than ${MAX_IMAGE_FILE_NAME} characters.`);
  return name;
}

/** Does `name` (without `documents/`) follow the registry's rule for `reference`? */
export function isImageFileNameFor(name: string, reference: string): boolean {
  return name.length <= MAX_IMAGE_FILE_NAME && name.startsWith(`${reference}_`) && /^[A-Za-z0-9_]+\.(jpg|jpeg|pdf|tif|tiff)$/i.test(name);
}

// ---------------------------------------------------------------------------------------------
// batch-details.csv
// ---------------------------------------------------------------------------------------------

export const BATCH_DETAILS_COLUMNS = [
  'batch_file_name',
  'batch_type',
  'purpose',
  'record_count',
  'created_at',
  'verifier_name',
  'verifier_designation',
  'verifier_branch',
  'verifier_employment_code',
  'verifier_organization',
  'verifier_organization_code',
  'fi_code',
  'region_code',
  'branch_code',
  'username',
  'version',
] as const;

function verifierFields(verifier: BatchVerifier): { employmentCode: string; organization: string; organizationCode: string } {
  if ('employmentCode' in verifier) return { employmentCode: verifier.employmentCode, organization: verifier.organization, organizationCode: '' };
  return { employmentCode: verifier.employeeCode, organization: verifier.organisation, organizationCode: verifier.organisationCode ?? '' };
}

export function batchDetailsCsv(header: BatchHeader, recordCount: number): string {
  const verifier = verifierFields(header.verifier);
  const codes = header.institution ?? {};
  const row = [
    header.batchFileName,
    header.kind,
    header.purpose ?? '',
    String(recordCount),
    header.createdAt.toISOString(),
    header.verifier.name,
    header.verifier.designation,
    header.verifier.branch,
    verifier.employmentCode,
    verifier.organization,
    verifier.organizationCode,
    codes.fiCode ?? '',
    codes.regionCode ?? '',
    codes.branchCode ?? '',
    codes.username ?? '',
    codes.version ?? '',
  ];
  return toCsv(BATCH_DETAILS_COLUMNS, [row]);
}

// ---------------------------------------------------------------------------------------------
// individuals.csv
// ---------------------------------------------------------------------------------------------

const yesNo = (flag: boolean) => (flag ? 'Y' : 'N');

type Field = readonly [column: string, value: (record: KycRecord) => string];

const name = (prefix: string, pick: (record: KycRecord) => { prefix: string; firstName: string; middleName: string; lastName: string }): Field[] => [
  [`${prefix}name_title`, (r) => pick(r).prefix],
  [`${prefix}first_name`, (r) => pick(r).firstName],
  [`${prefix}middle_name`, (r) => pick(r).middleName],
  [`${prefix}last_name`, (r) => pick(r).lastName],
];

/** Correspondence fields are blank when it is the permanent address (the flag says so). */
const current = (pick: (a: KycRecord['correspondenceAddress']) => string) => (r: KycRecord) =>
  r.correspondenceAddress.sameAsPermanent ? '' : pick(r.correspondenceAddress);

const SINGLE_FIELDS: readonly Field[] = [
  ['application_type', (r) => r.applicationType],
  ['ckyc_number', (r) => r.ckycNumber],
  ['account_type', (r) => r.accountType],
  ['constitution_type', (r) => r.constitution],
  ...name('', (r) => r),
  ...name('maiden_', (r) => r.maidenName),
  ['rel_details_flag', (r) => r.fatherOrSpouse.relation],
  ...name('rel_', (r) => r.fatherOrSpouse),
  ...name('mother_', (r) => r.mother),
  ['gender', (r) => r.gender],
  ['marital_status', (r) => r.maritalStatus],
  ['dob', (r) => r.dateOfBirth],
  ['citizenship', (r) => r.citizenship],
  ['nationality', (r) => r.nationality],
  ['residential_status', (r) => r.residentialStatus],
  ['occupation', (r) => r.occupation],
  ['pan', (r) => r.pan],
  ['form_60', (r) => yesNo(r.form60)],
  ['aadhaar_last_4', (r) => r.aadhaarLast4 ?? ''],
  ['poa_document', (r) => r.permanentAddress.poaCode],
  ['poa_address_line_1', (r) => r.permanentAddress.line1],
  ['poa_address_line_2', (r) => r.permanentAddress.line2],
  ['poa_address_line_3', (r) => r.permanentAddress.line3],
  ['poa_vtc', (r) => r.permanentAddress.cityOrVtc],
  ['poa_district', (r) => r.permanentAddress.district],
  ['poa_state', (r) => r.permanentAddress.state],
  ['poa_country', (r) => r.permanentAddress.country],
  ['poa_pin_code', (r) => r.permanentAddress.pinCode],
  ['current_address_same_as_poa_address', (r) => yesNo(r.correspondenceAddress.sameAsPermanent)],
  ['current_address_type', current((a) => a.addressType)],
  ['current_poa_document', current((a) => a.poaCode)],
  ['current_address_line_1', current((a) => a.line1)],
  ['current_address_line_2', current((a) => a.line2)],
  ['current_address_line_3', current((a) => a.line3)],
  ['current_vtc', current((a) => a.cityOrVtc)],
  ['current_district', current((a) => a.district)],
  ['current_state', current((a) => a.state)],
  ['current_country', current((a) => a.country)],
  ['current_pin_code', current((a) => a.pinCode)],
  ['mobile_isd', (r) => r.contact.mobileIsd],
  ['mobile_number', (r) => r.contact.mobile],
  ['email', (r) => r.contact.email],
  ['differently_abled_flag', (r) => yesNo(r.disability.flag)],
  ['impairment_type', (r) => (r.disability.flag ? r.disability.impairmentType : '')],
  ['impairment_percentage', (r) => (r.disability.flag ? r.disability.percentage : '')],
  ['udid_number', (r) => (r.disability.flag ? r.disability.udid : '')],
  ['tax_resident_outside_india', (r) => yesNo(r.taxResidency.taxResidentOutsideIndia)],
  ['kyc_declaration_date', (r) => r.declaration.date],
  ['kyc_declaration_place', (r) => r.declaration.place],
  ['kyc_verification_date', (r) => r.verification.date],
  ['kyc_type_of_document_submitted', (r) => r.verification.kycMode],
  ['remarks', (r) => r.remarks],
];

interface Group<T> {
  prefix: string;
  items: (record: KycRecord) => readonly T[];
  fields: readonly (readonly [suffix: string, value: (item: T) => string])[];
}

const IDENTITY: Group<KycRecord['identityDocuments'][number]> = {
  prefix: 'identity',
  items: (r) => r.identityDocuments,
  fields: [
    ['type', (d) => d.code],
    ['number', (d) => d.number],
    ['expiry', (d) => d.expiry ?? ''],
  ],
};

const RELATED: Group<KycRecord['relatedPersons'][number]> = {
  prefix: 'related_person',
  items: (r) => r.relatedPersons,
  fields: [
    ['type', (p) => p.type],
    ['name_title', (p) => p.prefix],
    ['name', (p) => p.name],
    ['relation', (p) => p.relation],
    ['id_type', (p) => p.identity.code],
    ['id_number', (p) => p.identity.number],
  ],
};

const TAX: Group<KycRecord['taxResidency']['countries'][number]> = {
  prefix: 'tax_residence',
  items: (r) => (r.taxResidency.taxResidentOutsideIndia ? r.taxResidency.countries : []),
  fields: [
    ['country', (c) => c.country],
    ['tin', (c) => c.tin],
  ],
};

function groupColumns<T>(group: Group<T>, count: number): string[] {
  const columns: string[] = [];
  for (let i = 1; i <= count; i++) for (const [suffix] of group.fields) columns.push(`${group.prefix}_${i}_${suffix}`);
  return columns;
}

function groupValues<T>(group: Group<T>, record: KycRecord, count: number): string[] {
  const items = group.items(record);
  const values: string[] = [];
  for (let i = 0; i < count; i++) {
    const item = items[i];
    for (const [, value] of group.fields) values.push(item === undefined ? '' : value(item));
  }
  return values;
}

/** `<file>:<code>;…` for every image of the record, in its order. */
export function imageFilesCell(reference: string, record: KycRecord): string {
  return record.images.map((image, index) => `${imageFileName(reference, image, index)}:${image.code}`).join(';');
}

interface GroupCounts {
  identity: number;
  related: number;
  tax: number;
}

function groupCounts(records: readonly BatchRecord[]): GroupCounts {
  const most = <T>(group: Group<T>) => records.reduce((n, { record }) => Math.max(n, group.items(record).length), 1);
  return { identity: most(IDENTITY), related: most(RELATED), tax: most(TAX) };
}

function columnsFor(counts: GroupCounts): string[] {
  return [
    'kyc_ref_no',
    ...SINGLE_FIELDS.map(([column]) => column),
    ...groupColumns(IDENTITY, counts.identity),
    ...groupColumns(RELATED, counts.related),
    ...groupColumns(TAX, counts.tax),
    'image_files',
  ];
}

/** The header of individuals.csv for these records. */
export function individualsColumns(records: readonly BatchRecord[]): string[] {
  return columnsFor(groupCounts(records));
}

export function individualsCsv(records: readonly BatchRecord[]): string {
  const counts = groupCounts(records);
  const rows = records.map(({ reference, record }) => [
    reference,
    ...SINGLE_FIELDS.map(([, value]) => value(record)),
    ...groupValues(IDENTITY, record, counts.identity),
    ...groupValues(RELATED, record, counts.related),
    ...groupValues(TAX, record, counts.tax),
    imageFilesCell(reference, record),
  ]);
  return toCsv(columnsFor(counts), rows);
}
