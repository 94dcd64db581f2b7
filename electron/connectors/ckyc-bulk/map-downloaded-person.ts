import { GENDER_CODES } from '../../../shared/codes/ckyc-codes';
import { emptyKycRecord, type KycRecord, type PersonName } from '../../../shared/record/kyc-record';
import { containsFullAadhaar } from '../../../shared/validation/free-text';
import type { DownloadedPerson } from './download-wire';

/** Identity codes whose number is an Aadhaar number (as the canonical record's rule): only the last 4 digits are kept. */
const AADHAAR_BASED = new Set(['E', 'H', 'I']);
const AADHAAR_REMOVED = '[removed: it held a full Aadhaar number, which KYC Desk never keeps]';

/** What KYC Desk keeps of one fetched person. */
export interface FetchedPersonData {
  /** The registry's copy in the capture form's shape: application type Update, with its CKYC number; what was not sent stays blank. */
  record: KycRecord;
  /** The fields as the registry sent them, Aadhaar cut, without the photograph's bytes. */
  raw: Record<string, unknown>;
  /** The photograph's bytes (Base64 decoded), when the registry sent one. */
  photograph: Buffer | null;
}

/**
 * The registry's "parsed CKYC personal data" (download-wire.ts) as a canonical record. Everything
 * an Aadhaar-based number could be in is cut before this returns, so nothing downstream (store,
 * log, answer kept on a batch) ever holds the full number.
 */
export function mapDownloadedPerson(person: DownloadedPerson): FetchedPersonData {
  const { photograph_base64: photo, ...fields } = person;
  const safe = scrubAadhaar(fields) as Omit<DownloadedPerson, 'photograph_base64'>;
  const record = emptyKycRecord();
  const upper = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim().toUpperCase();
  record.applicationType = '03'; // Update: a fetched record is the start of a change to the registry's copy
  record.ckycNumber = safe.ckyc_number.trim();
  record.prefix = upper(safe.prefix);
  record.firstName = upper(safe.first_name);
  record.middleName = upper(safe.middle_name);
  record.lastName = upper(safe.last_name);
  record.fatherOrSpouse = { ...splitName(upper(safe.father_or_spouse_name)), relation: record.fatherOrSpouse.relation };
  record.mother = splitName(upper(safe.mother_name));
  const gender = upper(safe.gender);
  record.gender = GENDER_CODES.some(([codeOf]) => codeOf === gender) ? gender : '';
  record.dateOfBirth = isoDateOf(safe.dob);
  record.pan = upper(safe.pan);
  record.contact = { mobileIsd: (safe.mobile_isd ?? '').replace(/\D/g, '') || '91', mobile: (safe.mobile_number ?? '').replace(/\s/g, ''), email: (safe.email ?? '').trim() };
  if (safe.permanent_address) record.permanentAddress = { ...record.permanentAddress, ...addressOf(safe.permanent_address) };
  if (safe.correspondence_address) {
    const correspondence = addressOf(safe.correspondence_address);
    const same = JSON.stringify(correspondence) === JSON.stringify(addressOf(safe.permanent_address ?? {}));
    record.correspondenceAddress = same ? { ...record.correspondenceAddress, sameAsPermanent: true } : { ...record.correspondenceAddress, ...correspondence, sameAsPermanent: false };
  }
  record.identityDocuments = (safe.identity_documents ?? []).slice(0, 10).map((document) => ({ code: upper(document.code), number: document.number.trim().slice(0, 60) }));
  const aadhaar = record.identityDocuments.find((document) => document.code === 'E' && /^\d{4}$/.test(document.number));
  if (aadhaar) record.aadhaarLast4 = aadhaar.number;
  return { record, raw: safe, photograph: photo ? decodePhoto(photo) : null };
}

/** Copies `value` with every Aadhaar-based document number cut to its last 4 digits and any text holding a full Aadhaar replaced. */
function scrubAadhaar(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return key !== 'ckyc_number' && containsFullAadhaar(value) ? AADHAAR_REMOVED : value;
  if (Array.isArray(value)) return value.map((item) => scrubAadhaar(item));
  if (value === null || typeof value !== 'object') return value;
  const object = { ...(value as Record<string, unknown>) };
  // An Aadhaar-based document's number is cut to its last 4 digits first, so the digits that stay are the right ones.
  if (typeof object.code === 'string' && typeof object.number === 'string' && AADHAAR_BASED.has(object.code.trim().toUpperCase())) {
    object.number = object.number.replace(/\D/g, '').slice(-4);
  }
  return Object.fromEntries(Object.entries(object).map(([name, inner]) => [name, scrubAadhaar(inner, name)]));
}

/** One name as the registry writes it ("RAVI KUMAR SHARMA"): first word, middle words, last word. */
function splitName(full: string): PersonName {
  const words = full.split(' ').filter((word) => word !== '');
  if (words.length === 0) return { prefix: '', firstName: '', middleName: '', lastName: '' };
  if (words.length === 1) return { prefix: '', firstName: words[0]!, middleName: '', lastName: '' };
  return { prefix: '', firstName: words[0]!, middleName: words.slice(1, -1).join(' '), lastName: words[words.length - 1]! };
}

/** YYYY-MM-DD from YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY; anything else is left blank for the operator (the raw field shows it). */
function isoDateOf(value: string | undefined): string {
  const text = (value ?? '').trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const indian = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(text);
  return indian ? `${indian[3]}-${indian[2]}-${indian[1]}` : '';
}

type WireAddress = NonNullable<DownloadedPerson['permanent_address']>;

function addressOf(address: WireAddress) {
  const t = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim().toUpperCase();
  return {
    line1: t(address.address_line_1),
    line2: t(address.address_line_2),
    line3: t(address.address_line_3),
    cityOrVtc: t(address.city),
    district: t(address.district),
    state: t(address.state),
    country: t(address.country) || 'IN',
    pinCode: (address.pin_code ?? '').replace(/\s/g, ''),
  };
}

/** The photograph's bytes, or null when the text is not Base64 (the person is kept without it). */
function decodePhoto(base64: string): Buffer | null {
  const text = base64.replace(/\s/g, '');
  if (text === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length > 0 ? bytes : null;
}
