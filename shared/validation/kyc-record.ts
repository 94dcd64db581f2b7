/**
 * The registry's rules for the canonical record (record/kyc-record.ts), from the CKYC reference
 * §2–§4. validateKycRecord normalises what the operator typed or pasted (stray spaces, lower case,
 * separators inside numbers) and judges it, field by field and across fields. Errors are keyed by
 * the record's dotted field paths ('permanentAddress.pinCode', 'identityDocuments.1.number') and
 * each message names its field by the form's label, then says in plain words what to do. A message
 * never repeats an identifier that was typed.
 *
 * The rules live in kyc/, one file per step of the form; this file runs them in a fixed order (the
 * first error on a path wins, and later rules look at what earlier ones found). Identifiers go
 * through validateIdentifier (validation/identifiers.ts); dates through dates.ts. Where the
 * reference is [V] or [U], the limit or list is data (KYC_FIELD_LIMITS, codes/ckyc-codes.ts).
 */
import { kycRecordSchema, type KycRecord } from '../record/kyc-record';
import { localToday, type CalendarDate } from './dates';
import { checkAddresses, checkUnlistedPinReason } from './kyc/addresses';
import { checkContact } from './kyc/contact';
import { checkCustomerReference, checkDeclarationDates, checkRemarks, checkTaxResidency } from './kyc/declaration';
import { checkImages, checkInPersonVideo } from './kyc/documents';
import { Findings, type Context, type KycRecordCheck } from './kyc/findings';
import { checkIdentityDocuments, checkPan } from './kyc/identity';
import { checkApplication, checkDisability, checkMinor, checkPerson, checkRelatedPersons, recordDay } from './kyc/personal';
import { shapeErrors } from './kyc/shape-errors';

export { KYC_FIELD_LIMITS } from './kyc/field-limits';
export type { KycErrors, KycRecordCheck } from './kyc/findings';
export { FIELD_STEPS, KYC_STEPS, countErrorsByStep, stepOf, type KycStep } from './kyc/steps';

/**
 * Validates and normalises a whole record. `input` may come from anywhere (the form, IPC, the
 * store): its shape is checked first with kycRecordSchema. `today` is the operator's local date
 * (pass it in tests). Returns the normalised record, or every field's first error by field path.
 */
export function validateKycRecord(input: unknown, today: CalendarDate = localToday()): KycRecordCheck {
  const parsed = kycRecordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: shapeErrors(parsed.error.issues) };
  const r = parsed.data;
  const f = new Findings();
  const c: Context = { f, today };

  const application = checkApplication(c, r);
  const person = checkPerson(c, r);
  // The declaration date comes early: the customer's age, and whether a document is still valid, are taken on it.
  const { declared, declarationPlace, verified, kycMode } = checkDeclarationDates(c, r, person.birth);
  const onDay = recordDay(declared.date, today);
  const minor = checkMinor(c, application.accountType, person.birth, onDay);
  const { citizenship, residentialStatus } = person.fields;
  const pan = checkPan(c, r);
  const identity = checkIdentityDocuments(c, r, { accountType: application.accountType, citizenship, residentialStatus, minor, onDay });
  const addresses = checkAddresses(c, r, identity.seen);
  const contact = checkContact(c, r);
  const disability = checkDisability(c, r);
  const taxResidency = checkTaxResidency(c, r);
  const relatedPersons = checkRelatedPersons(c, r, minor);
  const images = checkImages(c, r);
  const inPersonVideo = checkInPersonVideo(c, r);
  const remarks = checkRemarks(c, r);
  const unlistedPinReason = checkUnlistedPinReason(c, r);
  const customerReference = checkCustomerReference(c, r);

  if (f.count > 0) return { ok: false, errors: f.errors };
  const { aadhaarLast4 } = identity;
  // Built in the record's own field order, as before the rules were split.
  const value: KycRecord = {
    ...application,
    ...person.fields,
    pan: r.form60 ? '' : pan,
    form60: r.form60,
    ...(aadhaarLast4 === undefined ? {} : { aadhaarLast4 }),
    identityDocuments: identity.identityDocuments,
    ...addresses,
    contact,
    disability,
    taxResidency,
    relatedPersons,
    images,
    ...(inPersonVideo === undefined ? {} : { inPersonVideo }),
    declaration: { date: declared.text, place: declarationPlace },
    verification: { date: verified.text, kycMode },
    remarks,
    ...(unlistedPinReason === '' ? {} : { unlistedPinReason }),
    ...(customerReference === undefined ? {} : { customerReference }),
  };
  return { ok: true, value };
}
