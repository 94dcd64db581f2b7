import { z } from 'zod';

/**
 * The UAE Customer Data Platform (CDP) of seed 003 on the wire, written down once for the client
 * (client.ts), the token provider (token.ts), the Training sandbox (sandbox/cdp/) and the service
 * that maps a UAE customer record into an onboarding request. docs/apis/uae-partner-onboarding.md
 * says what the seed promises and what is our inference.
 *
 * Answers are read tolerantly (decision 0041): fields the seed does not promise are optional,
 * unknown fields are dropped, codes may come as numbers or strings, and the look-up's camelCase
 * `statusCode` / `errorCode` and the onboarding's snake_case `status_code` / `error_code` are
 * each read under either spelling.
 */

export const CDP_PATHS = {
  token: '/auth/realms/cdp/protocol/openid-connect/token',
  /** The seed prints no path for the look-up; its 401 example names this one. */
  lookUp: '/api/v2/customer/validate',
  onboard: '/caas-lcm/api/v1/CAAS/onBoarding/customer',
} as const;

/** The seed's example scope; the vendor gives each partner its own (an admin types it). */
export const CDP_EXAMPLE_SCOPE = 'api://3a3f52a1-1b64-4c27-81f0-50a6ca01324d/customer';

/** Each token field's maximum length (seed: 60 for all but grant_type, 10). */
export const CDP_TOKEN_FIELD_MAX = 60;

/**
 * `idType` / `id_type` codes. The seed shows 4 with an Emirates ID number and 2 with a passport;
 * it lists no others. Our inference, to confirm with the vendor.
 */
export const CDP_ID_TYPES = { passport: 2, emiratesId: 4 } as const;

/** The business codes the seed documents, by what they mean. */
export const CDP_CODES = {
  notFound: 45001,
  notSubscribed: 45003,
  invalidInput: 40001,
  searchError: 45006,
  underInvestigation: 45013,
  blocked: 45051,
  invalidMasterData: 45053,
  invalidFields: 40002,
  updateFailed: 45032,
  /** Onboarding's 502 reuses 40001 for "Backend Technical Problem". */
  backendProblem: 40001,
} as const;

// ---------------------------------------------------------------------------------------------
// Shared readers
// ---------------------------------------------------------------------------------------------

const MAX_TEXT = 4096;
/** Text or a number read as its decimal text; empty, null or absent → null. */
const looseText = z
  .union([z.string().max(MAX_TEXT), z.number().transform((n) => String(n))])
  .nullish()
  .transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v.trim()));
/** An integer that may come as a string ("7199"); unreadable → null. */
export const looseInt = z.unknown().transform((v): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? Math.round(n) : null;
});
const looseBool = z.unknown().transform((v): boolean | null => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : null));

/** A date the CDP wrote as `YYYY-MM-DD` or an ISO time starting with one: the calendar date, or null. */
export function wireDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value);
  if (!match) return null;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : null;
}

// ---------------------------------------------------------------------------------------------
// Access token (OpenID Connect: password and refresh grants, form-urlencoded)
// ---------------------------------------------------------------------------------------------

export interface CdpPasswordGrant {
  grant_type: 'password';
  scope: string;
  client_id: string;
  client_secret: string;
  username: string;
  password: string;
}

/** The seed's refresh payload repeats grant_type (password, then refresh_token); we send it once. */
export interface CdpRefreshGrant {
  grant_type: 'refresh_token';
  client_id: string;
  client_secret: string;
  refresh_token: string;
}

export const tokenAnswerSchema = z.object({
  access_token: z.string().min(1).max(8192),
  token_type: z.string().max(100).optional(),
  /** Seconds; absent or unreadable → the token is kept until a 401 refuses it. */
  expires_in: looseInt.optional(),
  refresh_token: z.string().min(1).max(8192).nullish(),
  refresh_expires_in: looseInt.optional(),
  scope: z.string().max(MAX_TEXT).nullish(),
});
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

/** An OpenID Connect error (`{ error, error_description }`), read for its words only. */
export const tokenErrorSchema = z.object({ error: z.string().max(200).optional(), error_description: z.string().max(500).optional() });

// ---------------------------------------------------------------------------------------------
// Customer look-up (HTTP 200 for every business outcome)
// ---------------------------------------------------------------------------------------------

export interface CdpLookUpRequest {
  /** Up to 3 characters (a code of CDP_ID_TYPES, as text). */
  idType: string;
  /** Up to 30 characters. */
  idNumber: string;
}

const lookUpCustomerSchema = z.object({
  ecrn: looseText,
  customer_status: looseText,
  aml_scan_status: looseText,
  id_status: looseText,
  id_date_of_expiry: z.unknown().transform(wireDate),
});

/** Any look-up answer: the found customer's `data`, or a failure's codes, under either spelling. */
export const lookUpAnswerSchema = z
  .object({
    status: looseText,
    statusCode: looseInt.optional(),
    status_code: looseInt.optional(),
    errorCode: looseInt.optional(),
    error_code: looseInt.optional(),
    message: looseText,
    data: z.unknown().optional(),
  })
  .transform((a) => ({
    status: a.status?.toLowerCase() ?? null,
    statusCode: a.statusCode ?? a.status_code ?? null,
    errorCode: a.errorCode ?? a.error_code ?? null,
    message: a.message,
    customer: a.data && typeof a.data === 'object' ? lookUpCustomerSchema.safeParse(a.data).data ?? null : null,
  }));
export type LookUpAnswer = z.infer<typeof lookUpAnswerSchema>;

// ---------------------------------------------------------------------------------------------
// Individual onboarding: the request as the seed prints it
// ---------------------------------------------------------------------------------------------

export interface CdpImage {
  /** Base64 of the file, without a data: prefix. */
  base64_data: string;
  content_type: string;
}

export interface CdpAdditionalDoc extends CdpImage {
  document_id: string;
}

export interface CdpAddress {
  /** "1" home in the UAE, "2" home country, in the seed's example. */
  address_type_id: string;
  building_name?: string;
  street_name?: string;
  landmark?: string;
  city?: string;
  district?: string;
  state?: string;
  /** ISO 3166 alpha-2. */
  country: string;
  zip?: number | null;
  po_box?: string | null;
  /** E.164. */
  mobile_number?: string;
}

export interface CdpIdDetail {
  id_type: number;
  id_number: string;
  visa_number?: string;
  /** YYYY-MM-DD. */
  visa_expiry_date?: string;
  name_as_per_id: string;
  issued_country: string;
  issued_by?: string;
  issued_at?: string;
  issued_on?: string;
  date_of_expiry: string;
  default_status: boolean;
  active_status: boolean;
  id_front?: CdpImage;
  id_back?: CdpImage;
}

export interface CdpSocialLink {
  social_links_id: number;
  text_field: string;
}

export interface CdpCustomerClassification {
  customer_type_id?: number;
  annual_income_range_id?: number;
  annual_income_currency_code?: string;
  social_security_number?: string;
  tax_registration_number?: string | number;
  txn_issued_country?: string;
  employer_name?: string;
  employer_address?: string;
  employer_phone?: string;
  employer_ecrn?: string;
  employer_establishment_id?: string;
  risk_rating_id?: number;
  pep_category?: number;
  personal_mohre_id?: string;
  income_type?: number;
  profession_category?: string;
  reason_for_acc?: string;
  txn_vol_month?: number;
  txn_count_month?: number;
  show_remarks_on_txn?: boolean;
  customer_remarks?: string;
  agent_ref_no?: string;
  social_links?: CdpSocialLink[];
  first_language?: string;
  marital_status?: number;
  dnfbp?: boolean;
  dpms?: boolean;
  profile_category?: number;
  profile_photo?: CdpImage;
}

export interface CdpOnboardingRequest {
  /** "WEB" in the seed's example. */
  channel: string;
  salutation?: string;
  first_name: string;
  middle_name?: string;
  last_name: string;
  preferred_name?: string;
  /** ISO 3166 alpha-2, as every country below. */
  nationality: string;
  second_nationality?: string;
  native_region?: number;
  /** YYYY-MM-DD. */
  date_of_birth: string;
  country_of_birth?: string;
  place_of_birth?: string;
  resident_type_id?: number;
  country_of_residence: string;
  gender: string;
  mothers_maiden_name?: string;
  /** E.164 (`+9715…`). */
  primary_mobile_number: string;
  secondary_mobile_number?: string;
  email_id?: string;
  phone_number?: string;
  occupation_id?: number;
  political_exposed_person?: boolean;
  updated_by?: string;
  additional_docs?: CdpAdditionalDoc[];
  address_list: CdpAddress[];
  id_details: CdpIdDetail[];
  customer_classification?: CdpCustomerClassification;
}

/**
 * What the seed's example sends in every onboarding and we treat as mandatory (the seed prints
 * no field table for this call): the sandbox refuses a request without them with 40002, as the
 * seed's example refusal does. Top-level names, in the request's spelling.
 */
export const CDP_ONBOARDING_REQUIRED = ['first_name', 'last_name', 'nationality', 'date_of_birth', 'country_of_residence', 'gender', 'primary_mobile_number', 'address_list', 'id_details'] as const;

// ---------------------------------------------------------------------------------------------
// Individual onboarding: the answers
// ---------------------------------------------------------------------------------------------

export const onboardAnswerSchema = z
  .object({
    status: looseText,
    status_code: looseInt.optional(),
    statusCode: looseInt.optional(),
    error_code: looseInt.optional(),
    errorCode: looseInt.optional(),
    request_id: looseText,
    message: looseText,
    details: z.unknown().optional(),
    data: z.unknown().optional(),
  })
  .transform((a) => {
    const data = a.data && typeof a.data === 'object' ? (a.data as Record<string, unknown>) : null;
    const text = (v: unknown) => looseText.safeParse(v).data ?? null;
    return {
      status: a.status?.toLowerCase() ?? null,
      statusCode: a.status_code ?? a.statusCode ?? null,
      errorCode: a.error_code ?? a.errorCode ?? null,
      requestId: a.request_id,
      message: a.message,
      details: a.details,
      customer: data
        ? {
            ecrn: text(data.ecrn),
            customerStatus: text(data.customer_status),
            amlScanStatus: text(data.aml_scan_status),
            pep: looseBool.parse(data.pep),
            amlCategory: looseInt.parse(data.aml_category),
          }
        : null,
    };
  });
export type OnboardAnswer = z.infer<typeof onboardAnswerSchema>;

/** The gateway's own 401 (`{ timestamp, status, error, message, path }`), read for its words. */
export const gatewayErrorSchema = z.object({ error: z.string().max(200).optional(), message: z.string().max(500).optional(), path: z.string().max(500).optional() });

/** The most fields one refusal is read into. */
const MAX_DETAIL_FIELDS = 100;

/**
 * A request field's name as the CDP writes it in `details` (the seed's `firstName`) turned into
 * the request's own spelling (`first_name`); dotted and indexed paths keep their shape
 * (`idDetails[0].idNumber` → `id_details.0.id_number`).
 */
export function wireFieldPath(name: string): string {
  return name
    .trim()
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())
    .join('.');
}

/** `details` of a 40002 read into request field paths and their words; anything unreadable is left out. */
export function detailsToFieldPaths(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!details || typeof details !== 'object') return out;
  const entries = Array.isArray(details)
    ? details.flatMap((item): [string, unknown][] => (item && typeof item === 'object' ? [[String((item as Record<string, unknown>).field ?? ''), (item as Record<string, unknown>).message]] : []))
    : Object.entries(details as Record<string, unknown>);
  for (const [key, value] of entries.slice(0, MAX_DETAIL_FIELDS)) {
    const path = wireFieldPath(key);
    const words = typeof value === 'string' ? value : Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('; ') : null;
    if (path === '' || !words) continue;
    out[path] = out[path] ? `${out[path]}; ${words.slice(0, 500)}` : words.slice(0, 500);
  }
  return out;
}

/**
 * The field a 45053 ("Invalid Nationality INN!") names, in the request's spelling, when its words
 * name one the request has; null otherwise (the message is then shown as it came).
 */
export function masterDataField(message: string | null): string | null {
  const said = /invalid\s+([a-z][a-z _]*?)\s+\S+!?\s*$/i.exec(message ?? '')?.[1];
  if (!said) return null;
  const path = said.trim().replace(/\s+/g, '_').toLowerCase();
  return MASTER_DATA_FIELDS.includes(path) ? path : null;
}

/** The request's fields that carry master data (codes from the CDP's lists), in its spelling. */
export const MASTER_DATA_FIELDS: readonly string[] = [
  'nationality',
  'second_nationality',
  'native_region',
  'country_of_birth',
  'resident_type_id',
  'country_of_residence',
  'occupation_id',
  'gender',
  'salutation',
  'address_type_id',
  'country',
  'id_type',
  'issued_country',
  'customer_type_id',
  'annual_income_range_id',
  'annual_income_currency_code',
  'txn_issued_country',
  'risk_rating_id',
  'pep_category',
  'income_type',
  'profession_category',
  'social_links_id',
  'marital_status',
  'profile_category',
];
