/** The declaration step: where and when the customer declared, the verification, tax residency, remarks and reference. */
import { KYC_VERIFICATION_MODES } from '../../codes/ckyc-codes';
import type { KycRecord } from '../../record/kyc-record';
import { compareDates, type CalendarDate } from '../dates';
import { freeTextProblem } from '../free-text';
import { tidySpaces } from '../individual';
import { KYC_FIELD_LIMITS } from './field-limits';
import { choice, country, date, NOT_IN_REMARKS, notInFuture, place } from './field-rules';
import type { Context } from './findings';

const CUSTOMER_REFERENCE = new RegExp(`^[A-Z0-9]{1,${KYC_FIELD_LIMITS.customerReference}}$`);

interface DeclarationDates {
  readonly declared: { text: string; date: CalendarDate | null };
  readonly declarationPlace: string;
  readonly verified: { text: string; date: CalendarDate | null };
  readonly kycMode: string;
}

/** The declaration and verification dates, checked early because the customer's age is taken on the declaration date. */
export function checkDeclarationDates(c: Context, r: KycRecord, birth: CalendarDate | null): DeclarationDates {
  const declared = date(c, 'declaration.date', r.declaration.date, true);
  notInFuture(c, 'declaration.date', declared.date);
  const declarationPlace = place(c, 'declaration.place', r.declaration.place, KYC_FIELD_LIMITS.declarationPlace, true);
  const verified = date(c, 'verification.date', r.verification.date, true);
  notInFuture(c, 'verification.date', verified.date);
  const kycMode = choice(c, 'verification.kycMode', r.verification.kycMode, KYC_VERIFICATION_MODES, true);
  if (birth && declared.date && compareDates(birth, declared.date) >= 0) {
    c.f.fail('dateOfBirth', 'The date of birth must be before the declaration date.');
  }
  return { declared, declarationPlace, verified, kycMode };
}

/** FATCA / CRS: each country outside India where the customer is tax resident, with the TIN there. */
export function checkTaxResidency(c: Context, r: KycRecord): KycRecord['taxResidency'] {
  const { f } = c;
  const taxResidency = { taxResidentOutsideIndia: r.taxResidency.taxResidentOutsideIndia, countries: [] as { country: string; tin: string }[] };
  if (r.taxResidency.taxResidentOutsideIndia) {
    if (r.taxResidency.countries.length === 0) {
      f.fail('taxResidency.countries', 'Add each country outside India where the customer is tax resident, with the TIN there.');
    }
    taxResidency.countries = r.taxResidency.countries.map((entry, i) => {
      const path = `taxResidency.countries.${i}`;
      const where = country(c, `${path}.country`, entry.country, true);
      if (where === 'IN') f.fail(`${path}.country`, 'Choose a country outside India.');
      const tin = entry.tin.replace(/\s+/g, '').toUpperCase();
      const max = KYC_FIELD_LIMITS.tin;
      if (tin === '') f.fail(`${path}.tin`, 'Enter the tax identification number in that country.');
      else if (tin.length > max) f.fail(`${path}.tin`, `Use at most ${max} characters; this has ${tin.length}.`);
      else if (!/^[A-Z0-9/-]+$/.test(tin)) f.fail(`${path}.tin`, 'Use letters, digits, hyphens and slashes only.');
      else if (freeTextProblem(tin) !== undefined) f.fail(`${path}.tin`, freeTextProblem(tin)!);
      return { country: where, tin };
    });
  }
  return taxResidency;
}

export function checkRemarks(c: Context, r: KycRecord): string {
  const remarks = tidySpaces(r.remarks);
  if (remarks.length > KYC_FIELD_LIMITS.remarks) {
    c.f.fail('remarks', `Use at most ${KYC_FIELD_LIMITS.remarks} characters; this has ${remarks.length}.`);
  } else if (NOT_IN_REMARKS.test(remarks)) {
    c.f.fail('remarks', 'Remarks cannot contain the | character or control characters.');
  } else {
    const problem = freeTextProblem(r.remarks);
    if (problem !== undefined) c.f.fail('remarks', problem);
  }
  return remarks;
}

/** The bank's own reference for the customer, if given: upper-case letters and digits. */
export function checkCustomerReference(c: Context, r: KycRecord): string | undefined {
  if (r.customerReference === undefined || r.customerReference.trim() === '') return undefined;
  const customerReference = r.customerReference.trim().toUpperCase();
  const max = KYC_FIELD_LIMITS.customerReference;
  if (!CUSTOMER_REFERENCE.test(customerReference)) {
    c.f.fail('customerReference', `Use at most ${max} letters and digits.`);
  }
  return customerReference;
}
