import type { Individual, IndividualInput } from '../../../shared/record/individual';
import type { WireIndividual } from './wire';

/** Canonical record → seed 000 individual. Dates stay ISO: the JSON APIs use YYYY-MM-DD. */
export function toWireIndividual(reference: string, individual: Individual): WireIndividual {
  return {
    kyc_ref_no: reference,
    first_name: individual.firstName,
    last_name: individual.lastName,
    gender: individual.gender,
    dob: individual.dateOfBirth,
    pan: individual.pan,
    mobile_isd: '91',
    mobile_number: individual.mobile,
    permanent_address: {
      address_line_1: individual.addressLine1,
      city: individual.city,
      state: individual.state,
      country: 'IN',
      pin_code: individual.pinCode,
    },
    correspondence_same_as_permanent: 'Y',
  };
}

/** The reverse, so the sandbox can judge what it receives with the very rules the form uses. */
export function fromWireIndividual(wire: WireIndividual): IndividualInput {
  return {
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
}
