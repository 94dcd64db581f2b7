/**
 * The UAE customer (docs/decisions/0050): a customer of a Gulf branch enrolled on the partner's
 * customer data platform (CDP). Its fields are those of the CDP's onboarding request, named for
 * people; the connector maps them to the wire. Codes are kept as text, as the code lists
 * (shared/master-data/) hold them; dates as ISO calendar dates, typed and shown DD/MM/YYYY.
 * This file holds the shape and its bounds; the rules are in rules.ts.
 */
import { z } from 'zod';
import { imageSchema } from '../../record/kyc-record';

const text = (max: number) => z.string().max(max);
const code = z.string().max(20);
/** A date as the form keeps it: ISO once it is a real date, else what was typed (storedDate). */
const day = z.string().max(20);

export const UAE_LIMITS = {
  name: 100,
  preferredName: 100,
  place: 60,
  addressPart: 100,
  zip: 10,
  poBox: 10,
  idNumber: 30,
  visaNumber: 30,
  issuer: 60,
  email: 255,
  remarks: 500,
  employer: 100,
  taxNumber: 30,
  establishmentId: 40,
  accountReason: 100,
  socialLink: 200,
  /** Monthly transactions: a count and an amount no person types beyond this. */
  monthlyFigure: 999_999_999,
  addresses: 4,
  ids: 4,
  socialLinks: 5,
} as const;

export const uaeAddressSchema = z.object({
  /** address-types: '1' home in the UAE, '2' home country. */
  type: code,
  building: text(UAE_LIMITS.addressPart),
  street: text(UAE_LIMITS.addressPart),
  landmark: text(UAE_LIMITS.addressPart),
  city: text(UAE_LIMITS.place),
  district: text(UAE_LIMITS.place),
  state: text(UAE_LIMITS.place),
  country: code,
  zip: text(UAE_LIMITS.zip),
  poBox: text(UAE_LIMITS.poBox),
  mobile: text(20),
});
export type UaeAddress = z.infer<typeof uaeAddressSchema>;

export const uaeIdSchema = z.object({
  /** id-types: '4' Emirates ID, '2' passport. */
  type: code,
  number: text(UAE_LIMITS.idNumber),
  /** Passport only: the UAE residence visa in it. */
  visaNumber: text(UAE_LIMITS.visaNumber),
  visaExpiry: day,
  nameAsPerId: text(UAE_LIMITS.name),
  issuedCountry: code,
  issuedBy: text(UAE_LIMITS.issuer),
  issuedAt: text(UAE_LIMITS.issuer),
  issuedOn: day,
  expiry: day,
  isDefault: z.boolean(),
  active: z.boolean(),
  front: imageSchema.optional(),
  back: imageSchema.optional(),
});
export type UaeId = z.infer<typeof uaeIdSchema>;

export const uaeSocialLinkSchema = z.object({ type: code, text: text(UAE_LIMITS.socialLink) });

export const uaeClassificationSchema = z.object({
  customerType: code,
  incomeRange: code,
  incomeCurrency: code,
  taxNumber: text(UAE_LIMITS.taxNumber),
  socialSecurityNumber: text(UAE_LIMITS.taxNumber),
  employerName: text(UAE_LIMITS.employer),
  employerAddress: text(UAE_LIMITS.employer),
  employerPhone: text(20),
  establishmentId: text(UAE_LIMITS.establishmentId),
  riskRating: code,
  pepCategory: code,
  incomeType: code,
  professionCategory: code,
  accountReason: text(UAE_LIMITS.accountReason),
  /** Typed as digits; '' when not given. */
  monthlyVolume: text(12),
  monthlyCount: text(12),
  remarks: text(UAE_LIMITS.remarks),
  socialLinks: z.array(uaeSocialLinkSchema).max(UAE_LIMITS.socialLinks),
  firstLanguage: code,
  maritalStatus: code,
  dnfbp: z.boolean(),
  dpms: z.boolean(),
  profileCategory: code,
  profilePhoto: imageSchema.optional(),
});
export type UaeClassification = z.infer<typeof uaeClassificationSchema>;

export const uaeCustomerSchema = z.object({
  salutation: code,
  firstName: text(UAE_LIMITS.name),
  middleName: text(UAE_LIMITS.name),
  lastName: text(UAE_LIMITS.name),
  preferredName: text(UAE_LIMITS.preferredName),
  nationality: code,
  secondNationality: code,
  countryOfBirth: code,
  placeOfBirth: text(UAE_LIMITS.place),
  nativeRegion: code,
  dateOfBirth: day,
  residentType: code,
  countryOfResidence: code,
  gender: code,
  mothersMaidenName: text(UAE_LIMITS.name),
  primaryMobile: text(24),
  secondaryMobile: text(24),
  email: text(UAE_LIMITS.email),
  phone: text(24),
  occupation: code,
  pep: z.boolean(),
  addresses: z.array(uaeAddressSchema).min(1).max(UAE_LIMITS.addresses),
  ids: z.array(uaeIdSchema).min(1).max(UAE_LIMITS.ids),
  classification: uaeClassificationSchema,
  /** Given by main when the record is first saved. */
  customerReference: z.string().max(30).optional(),
});
export type UaeCustomer = z.infer<typeof uaeCustomerSchema>;

export function blankUaeAddress(type: string, country: string): UaeAddress {
  return { type, building: '', street: '', landmark: '', city: '', district: '', state: '', country, zip: '', poBox: '', mobile: '' };
}

export function blankUaeId(type: string, issuedCountry: string): UaeId {
  return { type, number: '', visaNumber: '', visaExpiry: '', nameAsPerId: '', issuedCountry, issuedBy: '', issuedAt: '', issuedOn: '', expiry: '', isDefault: false, active: true };
}

/** The form starts with the usual counter case: a resident with a UAE home, a home country, an Emirates ID and a passport. */
export function blankUaeCustomer(): UaeCustomer {
  return {
    salutation: '',
    firstName: '',
    middleName: '',
    lastName: '',
    preferredName: '',
    nationality: '',
    secondNationality: '',
    countryOfBirth: '',
    placeOfBirth: '',
    nativeRegion: '',
    dateOfBirth: '',
    residentType: '',
    countryOfResidence: 'AE',
    gender: '',
    mothersMaidenName: '',
    primaryMobile: '',
    secondaryMobile: '',
    email: '',
    phone: '',
    occupation: '',
    pep: false,
    addresses: [blankUaeAddress('1', 'AE'), blankUaeAddress('2', '')],
    ids: [{ ...blankUaeId('4', 'AE'), isDefault: true }, blankUaeId('2', '')],
    classification: {
      customerType: '',
      incomeRange: '',
      incomeCurrency: 'AED',
      taxNumber: '',
      socialSecurityNumber: '',
      employerName: '',
      employerAddress: '',
      employerPhone: '',
      establishmentId: '',
      riskRating: '',
      pepCategory: '',
      incomeType: '',
      professionCategory: '',
      accountReason: '',
      monthlyVolume: '',
      monthlyCount: '',
      remarks: '',
      socialLinks: [],
      firstLanguage: '',
      maritalStatus: '',
      dnfbp: false,
      dpms: false,
      profileCategory: '',
    },
  };
}
