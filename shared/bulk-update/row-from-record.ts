import type { KycRecord } from '../record/kyc-record';
import type { KycStatus, UpdateRow } from './update-columns';

/** Where the customer stands at the registry, as KYC Desk last heard it. */
export interface RegistryStanding {
  status: KycStatus;
  /** The CKYC number the registry gave or confirmed (empty when none yet). */
  ckycNumber: string;
  /** YYYY-MM-DD: the day the registry said so (empty when not verified). */
  kycDate: string;
}

/**
 * One update row from a canonical record: the customer's reference, name, standing at the registry,
 * PAN, verified mobile and email, and permanent address. Values as the record holds them after
 * validation (PAN upper case, the 10 mobile digits, the state's code), so a row made here passes
 * rowProblems whenever the record passed its own checks.
 */
export function updateRowFromRecord(record: KycRecord, reference: string, standing: RegistryStanding): UpdateRow {
  const name = [record.firstName, record.middleName, record.lastName].map((part) => part.trim()).filter((part) => part !== '').join(' ');
  const address = record.permanentAddress;
  return {
    customer_reference: reference,
    customer_name: name,
    ckyc_number: standing.ckycNumber,
    kyc_status: standing.status,
    kyc_date: standing.kycDate,
    pan: record.pan.trim(),
    mobile: record.contact.mobileIsd.trim() === '91' || record.contact.mobileIsd.trim() === '' ? record.contact.mobile.trim() : '',
    email: record.contact.email.trim(),
    address_line1: address.line1.trim(),
    address_line2: address.line2.trim(),
    address_line3: address.line3.trim(),
    city: address.cityOrVtc.trim(),
    district: address.district.trim(),
    state: address.state.trim(),
    pincode: address.pinCode.trim(),
    country: address.country.trim(),
  };
}
