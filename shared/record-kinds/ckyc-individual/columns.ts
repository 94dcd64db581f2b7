import type { KycRecord } from '../../record/kyc-record';
import { maskMobile, maskPan } from '../../record/masking';
import type { RecordColumns } from '../record-kind';

/** What the queue shows of an individual: the name, and PAN and mobile masked. */
export function individualColumns(record: KycRecord): RecordColumns {
  return {
    name: [record.firstName, record.middleName, record.lastName].filter((part) => part !== '').join(' '),
    panMasked: record.pan === '' ? (record.form60 ? 'Form 60' : '') : maskPan(record.pan),
    mobileMasked: maskMobile(record.contact.mobile),
  };
}

/** The individual's fields where a person types free text or a number of their choosing, by field path. */
export function individualFreeTextFields(record: KycRecord): Array<[path: string, text: string]> {
  const address = (key: 'permanentAddress' | 'correspondenceAddress') =>
    (['line1', 'line2', 'line3'] as const).map((line): [string, string] => [`${key}.${line}`, record[key][line]]);
  return [
    ['remarks', record.remarks],
    ['unlistedPinReason', record.unlistedPinReason ?? ''],
    ...address('permanentAddress'),
    ...address('correspondenceAddress'),
    ...record.identityDocuments.map((document, i): [string, string] => [`identityDocuments.${i}.number`, document.number]),
    ...record.relatedPersons.map((person, i): [string, string] => [`relatedPersons.${i}.identity.number`, person.identity.number]),
  ];
}
