import { CDP_ONBOARDING_REQUIRED } from '../../connectors/cdp/wire';
import { CDP_SANDBOX_ADDRESS_TYPES, CDP_SANDBOX_COUNTRIES, CDP_SANDBOX_GENDERS, CDP_SANDBOX_ID_TYPES } from './master-data';
import { luhnDigit } from './people';

/**
 * How the Training CDP judges an onboarding request before taking it: first the form of each field
 * (a 40002 with `details`, keyed in camelCase as the seed's `firstName`), then the master data (a
 * 45053 naming the first code not on its lists, in the seed's words: "Invalid Nationality INN!").
 * Nothing here looks at whom the customer is: routes.ts does that after.
 */
export type Judgement = { ok: true; idType: number; idNumber: string; idExpiry: string | null } | { ok: false; code: 40002; details: Record<string, string> } | { ok: false; code: 45053; message: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const NAME = /^[A-Za-z][A-Za-z .'-]{0,99}$/;
const E164 = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[A-Za-z]{2,}$/;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'application/pdf']);

/** A real calendar date written YYYY-MM-DD. */
export function isWireDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function validEmiratesId(value: string): boolean {
  return /^784\d{12}$/.test(value) && luhnDigit(value.slice(0, 14)) === value[14];
}

function checkImage(value: unknown, at: string, details: Record<string, string>): void {
  if (value === undefined || value === null) return;
  if (!isObj(value) || !IMAGE_TYPES.has(text(value.content_type)) || !/^[A-Za-z0-9+/]+={0,2}$/.test(text(value.base64_data))) {
    details[at] = 'Invalid document: base64_data must be Base64 and content_type image/jpeg, image/png or application/pdf';
  }
}

function checkId(id: unknown, i: number, today: string, details: Record<string, string>): void {
  const at = `idDetails[${i}]`;
  if (!isObj(id)) {
    details[at] = 'Invalid id details';
    return;
  }
  const type = Number(id.id_type);
  const number = text(id.id_number);
  if (number === '' || number.length > 30) details[`${at}.idNumber`] = 'Invalid id number';
  else if (type === 4 && !validEmiratesId(number)) details[`${at}.idNumber`] = 'Invalid Emirates ID number';
  if (text(id.name_as_per_id) === '') details[`${at}.nameAsPerId`] = 'Name as per id is mandatory';
  const expiry = text(id.date_of_expiry);
  if (!isWireDate(expiry)) details[`${at}.dateOfExpiry`] = 'Invalid date of expiry';
  else if (expiry < today) details[`${at}.dateOfExpiry`] = `The id expired on ${expiry}`;
  if (id.issued_on !== undefined && !isWireDate(text(id.issued_on))) details[`${at}.issuedOn`] = 'Invalid issued on date';
  if (id.visa_expiry_date !== undefined && !isWireDate(text(id.visa_expiry_date))) details[`${at}.visaExpiryDate`] = 'Invalid visa expiry date';
  checkImage(id.id_front, `${at}.idFront`, details);
  checkImage(id.id_back, `${at}.idBack`, details);
}

function formDetails(body: Obj, today: string): Record<string, string> {
  const details: Record<string, string> = {};
  for (const field of CDP_ONBOARDING_REQUIRED) {
    const value = body[field];
    if (value === undefined || value === null || (text(value) === '' && !Array.isArray(value))) details[camel(field)] = `${camel(field)} is mandatory`;
  }
  for (const field of ['first_name', 'last_name'] as const) {
    if (!details[camel(field)] && !NAME.test(text(body[field]))) details[camel(field)] = `Invalid ${field.replace('_', ' ')}`;
  }
  if (!details.dateOfBirth && !(isWireDate(text(body.date_of_birth)) && text(body.date_of_birth) < today)) details.dateOfBirth = 'Invalid date of birth';
  for (const field of ['primary_mobile_number', 'secondary_mobile_number', 'phone_number'] as const) {
    if (body[field] !== undefined && body[field] !== '' && !details[camel(field)] && !E164.test(text(body[field]))) details[camel(field)] = 'Invalid mobile number: use the international form, like +971501234567';
  }
  if (body.email_id !== undefined && body.email_id !== '' && !EMAIL.test(text(body.email_id))) details.emailId = 'Invalid email id';
  if (!details.addressList && (!Array.isArray(body.address_list) || body.address_list.length === 0)) details.addressList = 'At least one address is mandatory';
  if (!details.idDetails && (!Array.isArray(body.id_details) || body.id_details.length === 0)) details.idDetails = 'At least one id is mandatory';
  if (Array.isArray(body.id_details)) body.id_details.slice(0, 10).forEach((id, i) => checkId(id, i, today, details));
  if (Array.isArray(body.additional_docs)) body.additional_docs.slice(0, 20).forEach((doc, i) => checkImage(doc, `additionalDocs[${i}]`, details));
  const classification = body.customer_classification;
  if (isObj(classification)) checkImage(classification.profile_photo, 'customerClassification.profilePhoto', details);
  return details;
}

/** The first code not on the sandbox's lists, in the seed's words, or null. */
function masterDataProblem(body: Obj): string | null {
  const country = (label: string, value: unknown, optional: boolean): string | null => {
    const code = text(value);
    if (optional && code === '') return null;
    return CDP_SANDBOX_COUNTRIES.has(code) ? null : `Invalid ${label} ${code.slice(0, 20) || '(blank)'}!`;
  };
  const checks: (() => string | null)[] = [
    () => country('Nationality', body.nationality, false),
    () => country('Second Nationality', body.second_nationality, true),
    () => country('Country Of Birth', body.country_of_birth, true),
    () => country('Country Of Residence', body.country_of_residence, false),
    () => (CDP_SANDBOX_GENDERS.has(text(body.gender)) ? null : `Invalid Gender ${text(body.gender).slice(0, 20)}!`),
    ...(Array.isArray(body.address_list) ? body.address_list.slice(0, 10) : []).flatMap((address) => {
      const a = isObj(address) ? address : {};
      return [() => (CDP_SANDBOX_ADDRESS_TYPES.has(text(a.address_type_id)) ? null : `Invalid Address Type Id ${text(a.address_type_id).slice(0, 20)}!`), () => country('Country', a.country, false)];
    }),
    ...(Array.isArray(body.id_details) ? body.id_details.slice(0, 10) : []).flatMap((id) => {
      const d = isObj(id) ? id : {};
      return [() => (CDP_SANDBOX_ID_TYPES.has(Number(d.id_type)) ? null : `Invalid Id Type ${text(d.id_type).slice(0, 20)}!`), () => country('Issued Country', d.issued_country, false)];
    }),
  ];
  for (const check of checks) {
    const problem = check();
    if (problem !== null) return problem;
  }
  return null;
}

/** The customer's id the CDP knows them by: the default Emirates ID, else the first Emirates ID, else the first id. */
function customerId(ids: Obj[]): Obj {
  const eid = ids.filter((id) => Number(id.id_type) === 4);
  return eid.find((id) => id.default_status === true) ?? eid[0] ?? ids.find((id) => id.default_status === true) ?? ids[0]!;
}

/** `today` is YYYY-MM-DD (the sandbox's clock, in the UAE's calendar). */
export function judgeOnboarding(body: unknown, today: string): Judgement {
  if (!isObj(body)) return { ok: false, code: 40002, details: { request: 'The request body must be a JSON object' } };
  const details = formDetails(body, today);
  if (Object.keys(details).length > 0) return { ok: false, code: 40002, details };
  const problem = masterDataProblem(body);
  if (problem !== null) return { ok: false, code: 45053, message: problem };
  const id = customerId((body.id_details as unknown[]).filter(isObj));
  return { ok: true, idType: Number(id.id_type), idNumber: text(id.id_number).toUpperCase(), idExpiry: text(id.date_of_expiry) || null };
}
