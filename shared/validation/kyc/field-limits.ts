import { EMAIL_MAX_LENGTH } from '../identifiers';
import { FIELD_LIMITS } from '../individual';

/** Registry field lengths (V1.3, docs/record-rules.md §2) and the limits chosen here where it gives none. */
export const KYC_FIELD_LIMITS = {
  ...FIELD_LIMITS,
  prefix: 5,
  district: 50,
  /** A state or province abroad: no registry figure; as the city. [U] */
  foreignState: 50,
  /** A postal code abroad: no registry figure. [U] */
  foreignPostalCode: 10,
  declarationPlace: 50,
  email: EMAIL_MAX_LENGTH,
  remarks: 500,
  unlistedPinReason: 200,
  /** Related person's full name: first, middle and last name of 50 each. */
  relatedPersonName: 150,
  /** The relation in words (Father, Aunt …). [U] */
  relation: 50,
  /** NPR letter, foreign passport, foreign government document: free text; CERSAI field max 20. [V] */
  freeTextDocumentNumber: 20,
  /** Tax identification number abroad. [U] */
  tin: 25,
  /** A mobile number abroad, without its ISD code. [U] E.164 allows 15 digits in all. */
  foreignMobileMin: 4,
  foreignMobileMax: 14,
  customerReference: 14,
  /** Age below which a customer is a minor on the declaration date. */
  majorityAge: 18,
} as const;
