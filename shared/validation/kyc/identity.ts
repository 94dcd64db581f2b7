/** The identity step: PAN or Form 60, the last 4 digits of Aadhaar and the identity documents. */
import {
  ACCOUNT_TYPE_OTP_EKYC,
  IDENTITY_CODE_EKYC,
  IDENTITY_DOCUMENT_TYPES,
  RESIDENTIAL_STATUS_FOREIGN_NATIONAL,
  codeLabel,
  identityDocumentFlags,
} from '../../codes/ckyc-codes';
import type { IdentityDocument, KycRecord } from '../../record/kyc-record';
import { compareDates, type CalendarDate } from '../dates';
import { choice, date, identifier } from './field-rules';
import type { Context } from './findings';
import { identityNumber } from './identity-numbers';

/** What the identity documents are judged against, from the personal step. */
export interface Holder {
  readonly accountType: string;
  readonly citizenship: string;
  readonly residentialStatus: string;
  readonly minor: boolean;
  /** The day the record speaks for: a document must still be valid then. */
  readonly onDay: CalendarDate;
}

export interface IdentityCheck {
  readonly identityDocuments: IdentityDocument[];
  readonly aadhaarLast4: string | undefined;
  /** Each listed document's code, with its position in the list. */
  readonly seen: ReadonlyMap<string, number>;
}

export function checkPan(c: Context, r: KycRecord): string {
  let pan = r.pan.trim();
  if (r.form60) {
    if (pan !== '') c.f.fail('pan', 'Either enter the PAN or tick Form 60, not both.');
  } else if (pan === '') {
    c.f.fail('pan', 'Enter the PAN, or tick Form 60 if the customer has no PAN.');
  } else {
    pan = identifier(c, 'pan', 'PAN', r.pan);
  }
  return pan;
}

/** Each document once, allowed for this holder, its number by its kind, valid on the declaration date. */
export function checkIdentityDocuments(c: Context, r: KycRecord, holder: Holder): IdentityCheck {
  const { f } = c;
  const { minor, residentialStatus, citizenship, onDay } = holder;
  let aadhaarLast4 = r.aadhaarLast4;
  if (r.identityDocuments.length === 0) f.fail('identityDocuments', 'Add at least one identity document.');
  const seen = new Map<string, number>();
  const identityDocuments = r.identityDocuments.map((doc: IdentityDocument, i): IdentityDocument => {
    const path = `identityDocuments.${i}`;
    const code = choice(c, `${path}.code`, doc.code, IDENTITY_DOCUMENT_TYPES, true);
    const flags = identityDocumentFlags(code);
    const label = codeLabel(IDENTITY_DOCUMENT_TYPES, code);
    if (code !== '' && seen.has(code)) {
      f.fail(`${path}.code`, `The ${label?.toLowerCase()} is already listed as identity document ${seen.get(code)! + 1}.`);
    } else if (code !== '') {
      seen.set(code, i);
    }
    if (flags.notForMinors && minor) {
      f.fail(`${path}.code`, `A ${label?.toLowerCase()} cannot be used for a minor. Choose another document.`);
    }
    if (flags.requiresResidentialStatus03 && residentialStatus !== RESIDENTIAL_STATUS_FOREIGN_NATIONAL) {
      f.fail(`${path}.code`, 'A foreign government document can be used only when the residential status is Foreign national.');
    }
    const number = identityNumber(c, `${path}.number`, code, doc.number, citizenship === 'IN' || citizenship === '');
    if (flags.last4Only && !f.has(`${path}.number`)) {
      if (aadhaarLast4 === undefined) aadhaarLast4 = number;
      else if (aadhaarLast4 !== number) f.fail(`${path}.number`, 'These 4 digits differ from the last 4 digits of Aadhaar entered on this step.');
    }
    const out: IdentityDocument = { code, number };
    const expiry = date(c, `${path}.expiry`, doc.expiry ?? '', false);
    if (expiry.text !== '') out.expiry = expiry.text;
    if (expiry.date && compareDates(expiry.date, onDay) < 0) {
      f.fail(`${path}.expiry`, 'This document had expired by the declaration date. Ask for a document that is still valid.');
    }
    return out;
  });
  if (holder.accountType === ACCOUNT_TYPE_OTP_EKYC && !seen.has(IDENTITY_CODE_EKYC)) {
    f.fail('identityDocuments', 'An OTP-based e-KYC account needs the identity document e-KYC authentication.');
  }
  return { identityDocuments, aadhaarLast4, seen };
}
