import type { KycImage } from '../../../shared/record/kyc-record';
import type { UaeAddress, UaeClassification, UaeCustomer, UaeId } from '../../../shared/record-kinds/uae-customer';
import type { CdpAddress, CdpCustomerClassification, CdpIdDetail, CdpImage, CdpOnboardingRequest } from './wire';

/**
 * A UAE customer record (shared/record-kinds/uae-customer/, as validated and stored) as the CDP's
 * onboarding request, and the CDP's field paths back onto the record's. Codes the record keeps as
 * text go as numbers where the seed's example sends numbers (`resident_type_id: 101`); blank
 * optional fields are left out rather than sent empty, except an id's name as per id, which the
 * CDP wants on every id: blank, it is the customer's names. Images are read through `readImage`
 * (the connector reads no document itself) and travel as Base64.
 */
export interface MapSources {
  /** The image's bytes as Base64 with its content type, or null when the document cannot be read. */
  readImage(image: KycImage): Promise<CdpImage | null>;
  /** Who sends it (the seed's `updated_by`): the authorising operator's employee code. */
  updatedBy: string;
}

export type MappedOnboarding = { ok: true; request: CdpOnboardingRequest } | { ok: false; message: string; fields: Record<string, string> };

/** A code kept as text, as the number the seed sends; undefined when blank or not a whole number. */
const num = (code: string): number | undefined => (/^\d{1,12}$/.test(code.trim()) ? Number(code.trim()) : undefined);
/** Text, or undefined when blank. */
const opt = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/** `value` without its undefined members (the wire leaves a blank field out). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

class ImageReader {
  readonly missing: Record<string, string> = {};
  constructor(private readonly sources: MapSources) {}

  async read(image: KycImage | undefined, path: string): Promise<CdpImage | undefined> {
    if (!image) return undefined;
    const read = await this.sources.readImage(image);
    if (read === null) this.missing[path] = 'This image could not be read from the document store: take it again.';
    return read ?? undefined;
  }
}

function address(a: UaeAddress): CdpAddress {
  return defined<CdpAddress>({
    address_type_id: a.type,
    building_name: opt(a.building),
    street_name: opt(a.street),
    landmark: opt(a.landmark),
    city: opt(a.city),
    district: opt(a.district),
    state: opt(a.state),
    country: a.country,
    zip: num(a.zip) ?? null,
    po_box: opt(a.poBox) ?? null,
    mobile_number: opt(a.mobile),
  });
}

/** `fullName`: the customer's names, for an id whose name as per id was left blank (the CDP wants one on every id). */
async function idDetail(id: UaeId, i: number, images: ImageReader, fullName: string): Promise<CdpIdDetail> {
  return defined<CdpIdDetail>({
    id_type: num(id.type) ?? 0,
    id_number: id.number.trim(),
    visa_number: opt(id.visaNumber),
    visa_expiry_date: opt(id.visaExpiry),
    name_as_per_id: opt(id.nameAsPerId) ?? fullName,
    issued_country: id.issuedCountry,
    issued_by: opt(id.issuedBy),
    issued_at: opt(id.issuedAt),
    issued_on: opt(id.issuedOn),
    date_of_expiry: id.expiry,
    default_status: id.isDefault,
    active_status: id.active,
    id_front: await images.read(id.front, `ids.${i}.front`),
    id_back: await images.read(id.back, `ids.${i}.back`),
  });
}

async function classification(k: UaeClassification, images: ImageReader): Promise<CdpCustomerClassification> {
  return defined<CdpCustomerClassification>({
    customer_type_id: num(k.customerType),
    annual_income_range_id: num(k.incomeRange),
    annual_income_currency_code: opt(k.incomeCurrency),
    social_security_number: opt(k.socialSecurityNumber),
    tax_registration_number: opt(k.taxNumber),
    employer_name: opt(k.employerName),
    employer_address: opt(k.employerAddress),
    employer_phone: opt(k.employerPhone),
    employer_establishment_id: opt(k.establishmentId),
    risk_rating_id: num(k.riskRating),
    pep_category: num(k.pepCategory),
    income_type: num(k.incomeType),
    profession_category: opt(k.professionCategory),
    reason_for_acc: opt(k.accountReason),
    txn_vol_month: num(k.monthlyVolume),
    txn_count_month: num(k.monthlyCount),
    customer_remarks: opt(k.remarks),
    social_links: k.socialLinks.length > 0 ? k.socialLinks.map((link) => ({ social_links_id: num(link.type) ?? 0, text_field: link.text.trim() })) : undefined,
    first_language: opt(k.firstLanguage),
    marital_status: num(k.maritalStatus),
    dnfbp: k.dnfbp,
    dpms: k.dpms,
    profile_category: num(k.profileCategory),
    profile_photo: await images.read(k.profilePhoto, 'classification.profilePhoto'),
  });
}

/** The onboarding request for a stored, validated UAE customer; refused (nothing to send) when an image cannot be read. */
export async function toOnboardingRequest(r: UaeCustomer, sources: MapSources): Promise<MappedOnboarding> {
  const images = new ImageReader(sources);
  const idDetails: CdpIdDetail[] = [];
  const fullName = [r.firstName, r.middleName, r.lastName].map((part) => part.trim()).filter((part) => part !== '').join(' ');
  for (const [i, id] of r.ids.entries()) idDetails.push(await idDetail(id, i, images, fullName));
  const request = defined<CdpOnboardingRequest>({
    channel: 'WEB',
    salutation: opt(r.salutation),
    first_name: r.firstName.trim(),
    middle_name: opt(r.middleName),
    last_name: r.lastName.trim(),
    preferred_name: opt(r.preferredName),
    nationality: r.nationality,
    second_nationality: opt(r.secondNationality),
    native_region: num(r.nativeRegion),
    date_of_birth: r.dateOfBirth,
    country_of_birth: opt(r.countryOfBirth),
    place_of_birth: opt(r.placeOfBirth),
    resident_type_id: num(r.residentType),
    country_of_residence: r.countryOfResidence,
    gender: r.gender,
    mothers_maiden_name: opt(r.mothersMaidenName),
    primary_mobile_number: r.primaryMobile.trim(),
    secondary_mobile_number: opt(r.secondaryMobile),
    email_id: opt(r.email),
    phone_number: opt(r.phone),
    occupation_id: num(r.occupation),
    political_exposed_person: r.pep,
    updated_by: opt(sources.updatedBy),
    address_list: r.addresses.map(address),
    id_details: idDetails,
    customer_classification: await classification(r.classification, images),
  });
  const missing = Object.keys(images.missing).length;
  if (missing > 0) return { ok: false, message: `${missing === 1 ? 'An image' : `${missing} images`} of this customer could not be read: nothing was sent.`, fields: images.missing };
  return { ok: true, request };
}

/** Top-level request names and the record's field each comes from. */
const TOP: Readonly<Record<string, string>> = {
  salutation: 'salutation',
  first_name: 'firstName',
  middle_name: 'middleName',
  last_name: 'lastName',
  preferred_name: 'preferredName',
  nationality: 'nationality',
  second_nationality: 'secondNationality',
  native_region: 'nativeRegion',
  date_of_birth: 'dateOfBirth',
  country_of_birth: 'countryOfBirth',
  place_of_birth: 'placeOfBirth',
  resident_type_id: 'residentType',
  country_of_residence: 'countryOfResidence',
  gender: 'gender',
  mothers_maiden_name: 'mothersMaidenName',
  primary_mobile_number: 'primaryMobile',
  secondary_mobile_number: 'secondaryMobile',
  email_id: 'email',
  phone_number: 'phone',
  occupation_id: 'occupation',
  political_exposed_person: 'pep',
  address_list: 'addresses.0.type',
  id_details: 'ids.0.number',
};

const ADDRESS: Readonly<Record<string, string>> = {
  address_type_id: 'type',
  building_name: 'building',
  street_name: 'street',
  landmark: 'landmark',
  city: 'city',
  district: 'district',
  state: 'state',
  country: 'country',
  zip: 'zip',
  po_box: 'poBox',
  mobile_number: 'mobile',
};

const ID: Readonly<Record<string, string>> = {
  id_type: 'type',
  id_number: 'number',
  visa_number: 'visaNumber',
  visa_expiry_date: 'visaExpiry',
  name_as_per_id: 'nameAsPerId',
  issued_country: 'issuedCountry',
  issued_by: 'issuedBy',
  issued_at: 'issuedAt',
  issued_on: 'issuedOn',
  date_of_expiry: 'expiry',
  default_status: 'isDefault',
  active_status: 'active',
  id_front: 'front',
  id_back: 'back',
};

const CLASSIFICATION: Readonly<Record<string, string>> = {
  customer_type_id: 'customerType',
  annual_income_range_id: 'incomeRange',
  annual_income_currency_code: 'incomeCurrency',
  social_security_number: 'socialSecurityNumber',
  tax_registration_number: 'taxNumber',
  employer_name: 'employerName',
  employer_address: 'employerAddress',
  employer_phone: 'employerPhone',
  employer_establishment_id: 'establishmentId',
  risk_rating_id: 'riskRating',
  pep_category: 'pepCategory',
  income_type: 'incomeType',
  profession_category: 'professionCategory',
  reason_for_acc: 'accountReason',
  txn_vol_month: 'monthlyVolume',
  txn_count_month: 'monthlyCount',
  customer_remarks: 'remarks',
  first_language: 'firstLanguage',
  marital_status: 'maritalStatus',
  dnfbp: 'dnfbp',
  dpms: 'dpms',
  profile_category: 'profileCategory',
  profile_photo: 'profilePhoto',
  social_links: 'socialLinks',
};

/** One request path (wire spelling, `id_details.0.id_number`) as the record's (`ids.0.number`), or null when it names no field of it. */
export function recordPathOf(wirePath: string): string | null {
  const [head = '', ...rest] = wirePath.split('.');
  if (rest.length === 0) return TOP[head] ?? null;
  const [index, field] = rest;
  if (head === 'address_list' && /^\d+$/.test(index ?? '') && field && ADDRESS[field]) return `addresses.${index}.${ADDRESS[field]}`;
  if (head === 'id_details' && /^\d+$/.test(index ?? '') && field && ID[field]) return `ids.${index}.${ID[field]}`;
  if (head === 'customer_classification' && index && CLASSIFICATION[index]) return `classification.${CLASSIFICATION[index]}`;
  return null;
}

/** The CDP's fields (wire paths) on the record's form paths; `unplaced`: those that name no field of it, in the CDP's words. */
export function toRecordFields(fields: Readonly<Record<string, string>>): { fields: Record<string, string>; unplaced: string[] } {
  const out: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [wirePath, message] of Object.entries(fields)) {
    const path = recordPathOf(wirePath);
    if (path === null) unplaced.push(`${wirePath}: ${message}`);
    else out[path] = out[path] ? `${out[path]}; ${message}` : message;
  }
  return { fields: out, unplaced };
}
