import {
  ACCOUNT_TYPES, ADDRESS_PROOF_TYPES, ADDRESS_TYPES, APPLICATION_TYPES, codeLabel, FATHER_OR_SPOUSE_FLAGS, GENDER_CODES, IDENTITY_DOCUMENT_TYPES,
  identityDocumentFlags, IMPAIRMENT_TYPES, KYC_VERIFICATION_MODES, MARITAL_STATUSES, NAME_PREFIXES, OCCUPATIONS, RELATED_PERSON_TYPES, RESIDENTIAL_STATUSES,
  type CodeList,
} from '../../shared/codes/ckyc-codes';
import { stateName } from '../../shared/codes/states';
import { shownDate } from '../../shared/dates/typed-date';
import type { Address, KycRecord, PersonName, RelatedPerson } from '../../shared/record/kyc-record';

/**
 * The application form's sections as label–value lines, in the capture form's order. Codes are
 * written with their words; dates DD/MM/YYYY; an Aadhaar-based number only as the record holds it
 * (its last 4 digits), shown masked.
 */
export type FormSection = [title: string, rows: Array<[label: string, value: string]>];

const code = (list: CodeList, value: string): string => (value === '' ? '' : `${codeLabel(list, value) ?? value} (${value})`);
const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');
const date = (iso: string): string => shownDate(iso);

export function nameText(name: PersonName): string {
  return [codeLabel(NAME_PREFIXES, name.prefix) ?? name.prefix, name.firstName, name.middleName, name.lastName].filter((part) => part !== '').join(' ');
}

export function addressText(address: Address): string {
  const state = address.country === 'IN' ? (stateName(address.state) ?? address.state) : address.state;
  return [address.line1, address.line2, address.line3, address.cityOrVtc, address.district, state, address.pinCode, address.country].filter((part) => part !== '').join(', ');
}

/** An identity number as the form shows it: an Aadhaar-based one masked to its last 4 digits. */
function identityNumber(documentCode: string, number: string): string {
  return identityDocumentFlags(documentCode).last4Only ? `XXXX XXXX ${number.replace(/\D/g, '').slice(-4)}` : number;
}

function relatedPersonText(person: RelatedPerson): string {
  const name = [codeLabel(NAME_PREFIXES, person.prefix) ?? person.prefix, person.name].filter((part) => part !== '').join(' ');
  const identity = person.identity.code === '' ? '' : `; ${code(IDENTITY_DOCUMENT_TYPES, person.identity.code)}: ${identityNumber(person.identity.code, person.identity.number)}`;
  return `${code(RELATED_PERSON_TYPES, person.type)}: ${name} (${person.relation})${identity}`;
}

function personal(record: KycRecord): FormSection {
  return ['Personal details', [
    ['Application type', code(APPLICATION_TYPES, record.applicationType)],
    ['CKYC number (KIN)', record.ckycNumber],
    ['Account type', code(ACCOUNT_TYPES, record.accountType)],
    ['Name', nameText(record)],
    ['Maiden name', nameText(record.maidenName)],
    [codeLabel(FATHER_OR_SPOUSE_FLAGS, record.fatherOrSpouse.relation) === 'Spouse' ? 'Spouse’s name' : 'Father’s name', nameText(record.fatherOrSpouse)],
    ['Mother’s name', nameText(record.mother)],
    ['Gender', code(GENDER_CODES, record.gender)],
    ['Marital status', code(MARITAL_STATUSES, record.maritalStatus)],
    ['Date of birth', date(record.dateOfBirth)],
    ['Citizenship / nationality', `${record.citizenship} / ${record.nationality}`],
    ['Residential status', code(RESIDENTIAL_STATUSES, record.residentialStatus)],
    ['Occupation', code(OCCUPATIONS, record.occupation)],
    ['Differently abled', record.disability.flag ? `${code(IMPAIRMENT_TYPES, record.disability.impairmentType)}, ${record.disability.percentage}%, UDID ${record.disability.udid}` : 'No'],
  ]];
}

function identity(record: KycRecord): FormSection {
  const rows: FormSection[1] = [
    ['PAN', record.form60 ? 'Form 60 given' : record.pan],
    ['Aadhaar', record.aadhaarLast4 ? `XXXX XXXX ${record.aadhaarLast4}` : ''],
  ];
  record.identityDocuments.forEach((document, index) => {
    const expiry = document.expiry ? `, valid until ${date(document.expiry)}` : '';
    rows.push([`Identity document ${index + 1}`, `${code(IDENTITY_DOCUMENT_TYPES, document.code)}: ${identityNumber(document.code, document.number)}${expiry}`]);
  });
  return ['Identity', rows];
}

function addresses(record: KycRecord): FormSection {
  const correspondence = record.correspondenceAddress;
  return ['Addresses', [
    ['Permanent address', addressText(record.permanentAddress)],
    ['Proof of permanent address', code(ADDRESS_PROOF_TYPES, record.permanentAddress.poaCode)],
    ['Correspondence address', correspondence.sameAsPermanent ? 'Same as the permanent address' : addressText(correspondence)],
    ...(correspondence.sameAsPermanent ? [] : ([
      ['Correspondence address type', code(ADDRESS_TYPES, correspondence.addressType)],
      ['Proof of correspondence address', code(ADDRESS_PROOF_TYPES, correspondence.poaCode)],
    ] as FormSection[1])),
  ]];
}

function contact(record: KycRecord): FormSection {
  return ['Contact', [
    ['Mobile', record.contact.mobile === '' ? '' : `+${record.contact.mobileIsd} ${record.contact.mobile}`],
    ['Email', record.contact.email],
  ]];
}

function declaration(record: KycRecord): FormSection {
  const tax = record.taxResidency;
  return ['Declaration and verification', [
    ['Tax resident outside India', tax.taxResidentOutsideIndia ? tax.countries.map((entry) => `${entry.country} (TIN ${entry.tin})`).join('; ') : 'No'],
    ...record.relatedPersons.map((person, index): [string, string] => [`Related person ${index + 1}`, relatedPersonText(person)]),
    ['Declared on', `${date(record.declaration.date)} at ${record.declaration.place}`],
    ['Verified on', date(record.verification.date)],
    ['KYC verification mode', code(KYC_VERIFICATION_MODES, record.verification.kycMode)],
    ['Remarks', record.remarks],
    ['In-person verification video', record.inPersonVideo ? 'Recorded at the counter' : 'Not recorded'],
    ['Differently abled declared', yesNo(record.disability.flag)],
  ]];
}

export function formLines(record: KycRecord): FormSection[] {
  return [personal(record), identity(record), addresses(record), contact(record), declaration(record)];
}
