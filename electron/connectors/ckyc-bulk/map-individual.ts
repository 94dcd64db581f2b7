import { FIELD_LABELS, type IndividualField, type IndividualInput } from '../../../shared/record/individual';
import type { KycRecord } from '../../../shared/record/kyc-record';
import { validateIndividual } from '../../../shared/validation';
import type { CalendarDate } from '../../../shared/validation/dates';
import type { WireIndividual } from './wire';

const yesNo = (flag: boolean) => (flag ? 'Y' : 'N');

/** Canonical record → seed 000 individual. Dates stay ISO: the JSON APIs use YYYY-MM-DD. */
export function toWireIndividual(reference: string, record: KycRecord): WireIndividual {
  const address = record.permanentAddress;
  return {
    kyc_ref_no: reference,
    first_name: record.firstName,
    middle_name: record.middleName,
    last_name: record.lastName,
    gender: record.gender,
    dob: record.dateOfBirth,
    pan: record.pan,
    form_60: yesNo(record.form60),
    mobile_isd: record.contact.mobileIsd,
    mobile_number: record.contact.mobile,
    email: record.contact.email,
    permanent_address: {
      address_line_1: address.line1,
      city: address.cityOrVtc,
      state: address.state,
      country: address.country,
      pin_code: address.pinCode,
    },
    correspondence_same_as_permanent: yesNo(record.correspondenceAddress.sameAsPermanent),
    ...(record.correspondenceAddress.sameAsPermanent ? {} : { correspondence_address: correspondenceOf(record) }),
    ...(record.identityDocuments.length === 0
      ? {}
      : { identity_documents: record.identityDocuments.map((document) => ({ code: document.code, number: document.number, ...(document.expiry ? { expiry: document.expiry } : {}) })) }),
  };
}

function correspondenceOf(record: KycRecord): NonNullable<WireIndividual['correspondence_address']> {
  const address = record.correspondenceAddress;
  return {
    address_type: address.addressType,
    address_line_1: address.line1,
    address_line_2: address.line2,
    address_line_3: address.line3,
    city: address.cityOrVtc,
    district: address.district,
    state: address.state,
    country: address.country,
    pin_code: address.pinCode,
  };
}

/**
 * How the sandbox judges an individual it receives: the very rules the form uses, for the fields
 * the wire carries. A PAN is not asked for with Form 60, nor an Indian mobile or PIN abroad.
 */
export function wireIndividualProblems(wire: WireIndividual, today: CalendarDate): string[] {
  const input: IndividualInput = {
    firstName: wire.first_name,
    lastName: wire.last_name,
    gender: wire.gender,
    dateOfBirth: wire.dob,
    pan: wire.pan,
    mobile: wire.mobile_number,
    addressLine1: wire.permanent_address.address_line_1,
    city: wire.permanent_address.city,
    state: wire.permanent_address.state,
    pinCode: wire.permanent_address.pin_code,
  };
  const check = validateIndividual(input, today);
  if (check.ok) return [];
  const waived = new Set<IndividualField>();
  if (wire.form_60 === 'Y' && wire.pan === '') waived.add('pan');
  if (wire.mobile_isd !== '91') waived.add('mobile');
  if (wire.permanent_address.country !== 'IN') {
    waived.add('state');
    waived.add('pinCode');
  }
  return Object.entries(check.fields)
    .filter(([field]) => !waived.has(field as IndividualField))
    .map(([field, reason]) => `${FIELD_LABELS[field as IndividualField]}: ${reason}`);
}
