import { z } from 'zod';

/**
 * The individual as the capture form holds it. Every field is the operator's raw text; the
 * validator normalises it. Lengths are capped generously here only to bound what crosses the
 * bridge — the real limits are the registry's, enforced in validation/individual.ts.
 */
export const GENDERS = [
  ['M', 'Male'],
  ['F', 'Female'],
  ['T', 'Transgender'],
] as const;
export type Gender = (typeof GENDERS)[number][0];

const text = z.string().max(200);

export const individualInputSchema = z.object({
  firstName: text,
  lastName: text,
  gender: text,
  dateOfBirth: text,
  pan: text,
  mobile: text,
  addressLine1: text,
  city: text,
  state: text,
  pinCode: text,
});
export type IndividualInput = z.infer<typeof individualInputSchema>;
export type IndividualField = keyof IndividualInput;

/** What a record holds once validated: normalised, upper-cased where the registry wants it. */
export interface Individual {
  firstName: string;
  lastName: string;
  gender: Gender;
  dateOfBirth: string; // YYYY-MM-DD
  pan: string;
  mobile: string; // 10 digits, ISD 91 implied
  addressLine1: string;
  city: string;
  state: string; // ISO 3166-2:IN code
  pinCode: string;
}

export const EMPTY_INDIVIDUAL_INPUT: IndividualInput = {
  firstName: '',
  lastName: '',
  gender: '',
  dateOfBirth: '',
  pan: '',
  mobile: '',
  addressLine1: '',
  city: '',
  state: '',
  pinCode: '',
};

/** Labels exactly as the form shows them; messages refer to fields by these names. */
export const FIELD_LABELS: Record<IndividualField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  gender: 'Gender',
  dateOfBirth: 'Date of birth',
  pan: 'PAN',
  mobile: 'Mobile number',
  addressLine1: 'Address line 1',
  city: 'City',
  state: 'State',
  pinCode: 'PIN code',
};
