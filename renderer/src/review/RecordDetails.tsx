import {
  ACCOUNT_TYPES,
  ADDRESS_PROOF_TYPES,
  APPLICATION_TYPES,
  GENDER_CODES,
  IDENTITY_DOCUMENT_TYPES,
  IMAGE_TYPES,
  KYC_VERIFICATION_MODES,
  RESIDENTIAL_STATUSES,
  codeLabel,
  type CodeList,
} from '../../../shared/codes/ckyc-codes';
import { stateName } from '../../../shared/codes/states';
import { shownDate } from '../../../shared/dates/typed-date';
import { megabytes } from '../../../shared/documents/in-person-video';
import type { Address, KycRecord } from '../../../shared/record/kyc-record';

const NOT_GIVEN = '—';

function show(value: string): string {
  return value.trim() === '' ? NOT_GIVEN : value.trim();
}

function label(list: CodeList, code: string): string {
  return code === '' ? NOT_GIVEN : (codeLabel(list, code) ?? code);
}

function fullName(parts: { prefix?: string; firstName: string; middleName: string; lastName: string }): string {
  return show([parts.prefix, parts.firstName, parts.middleName, parts.lastName].filter(Boolean).join(' ').toUpperCase());
}

function addressText(address: Address): string {
  const state = stateName(address.state.trim().toUpperCase()) ?? address.state;
  return show([address.line1, address.line2, address.line3, address.cityOrVtc, address.district, state, address.pinCode, address.country].map((p) => p.trim()).filter(Boolean).join(', '));
}

function identityText(doc: KycRecord['identityDocuments'][number]): string {
  const text = `${label(IDENTITY_DOCUMENT_TYPES, doc.code)} ${doc.number}`.trim();
  return doc.expiry ? `${text}, valid to ${shownDate(doc.expiry)}` : text;
}

/** The record in plain words, as the maker checks it before saving and the checker before approving. */
export function RecordDetails({ record }: { record: KycRecord }) {
  const parentName = record.fatherOrSpouse.firstName.trim() !== '' ? fullName(record.fatherOrSpouse) : NOT_GIVEN;
  const rows: Array<[string, string]> = [
    ['Application', `${label(APPLICATION_TYPES, record.applicationType)}, ${label(ACCOUNT_TYPES, record.accountType)} account${record.applicationType === '03' ? `, CKYC number ${show(record.ckycNumber)}` : ''}`],
    ['Name', fullName(record)],
    [record.fatherOrSpouse.relation === '02' ? 'Spouse' : 'Father', parentName],
    ['Mother', record.mother.firstName.trim() !== '' ? fullName(record.mother) : NOT_GIVEN],
    ['Gender', label(GENDER_CODES, record.gender)],
    ['Date of birth', show(shownDate(record.dateOfBirth))],
    ['Residential status', label(RESIDENTIAL_STATUSES, record.residentialStatus)],
    ['PAN', record.form60 ? 'Form 60 instead of PAN' : show(record.pan.toUpperCase())],
    ['Aadhaar', record.aadhaarLast4 ? `XXXX XXXX ${record.aadhaarLast4}` : NOT_GIVEN],
    ['Identity documents', record.identityDocuments.length === 0 ? NOT_GIVEN : record.identityDocuments.map(identityText).join('; ')],
    ['Permanent address', `${addressText(record.permanentAddress)} (proof: ${label(ADDRESS_PROOF_TYPES, record.permanentAddress.poaCode)})`],
    ['Correspondence address', record.correspondenceAddress.sameAsPermanent ? 'Same as permanent address' : addressText(record.correspondenceAddress)],
    ['Mobile', record.contact.mobile.trim() === '' ? NOT_GIVEN : `+${record.contact.mobileIsd} ${record.contact.mobile.trim()}`],
    ['Email', show(record.contact.email)],
    ['Images', record.images.length === 0 ? NOT_GIVEN : record.images.map((image) => label(IMAGE_TYPES, image.code)).join(', ')],
    ['In-person video', record.inPersonVideo ? `Recorded, ${megabytes(record.inPersonVideo.bytes)}` : 'Not recorded'],
    ['Related persons', record.relatedPersons.length === 0 ? NOT_GIVEN : record.relatedPersons.map((person) => show(person.name.toUpperCase())).join(', ')],
    ['Declaration', `${show(shownDate(record.declaration.date))} at ${show(record.declaration.place.toUpperCase())}`],
    ['Verification', `${show(shownDate(record.verification.date))}, ${label(KYC_VERIFICATION_MODES, record.verification.kycMode)}`],
  ];
  return (
    <dl className="summary">
      {rows.map(([term, value]) => (
        <div key={term} className="summary__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
