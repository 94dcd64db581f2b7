import type { KycImage } from '../../record/kyc-record';
import { maskMobile } from '../../record/masking';
import { ID_TYPE_PASSPORT } from '../../master-data/uae-lists';
import type { RecordKind, SameCustomerFields } from '../record-kind';
import { UAE_STEPS, uaeFieldLabel, uaeStepOf } from './labels';
import { blankUaeCustomer, uaeCustomerSchema, type UaeCustomer } from './record';
import { validateUaeCustomer } from './rules';

export { blankUaeAddress, blankUaeCustomer, blankUaeId, uaeCustomerSchema, UAE_LIMITS, type UaeAddress, type UaeClassification, type UaeCustomer, type UaeId } from './record';
export { validateUaeCustomer } from './rules';
export { UAE_STEPS, uaeFieldLabel, uaeStepOf } from './labels';

export const UAE_CUSTOMER_KIND_ID = 'uae-customer';

/**
 * The document store's codes for the UAE customer's images (two digits, as documents.put takes),
 * outside CKYC's image list so no CKYC connector mistakes one for its own. The photograph shares
 * CKYC's 02, and so its smaller byte limit.
 */
export const UAE_IMAGE_CODES = { idFront: '81', idBack: '82', profilePhoto: '02' } as const;

/** The fields where a person types free text or a number of their choosing (a draft refuses a full Aadhaar in them). */
function freeTextFields(r: UaeCustomer): Array<[path: string, text: string]> {
  const k = r.classification;
  return [
    ['firstName', r.firstName],
    ['middleName', r.middleName],
    ['lastName', r.lastName],
    ['preferredName', r.preferredName],
    ['placeOfBirth', r.placeOfBirth],
    ['mothersMaidenName', r.mothersMaidenName],
    ...r.addresses.flatMap((a, i) => (['building', 'street', 'landmark', 'city', 'district', 'state', 'zip', 'poBox'] as const).map((part): [string, string] => [`addresses.${i}.${part}`, a[part]])),
    ...r.ids.flatMap((id, i) => (['number', 'visaNumber', 'nameAsPerId', 'issuedBy', 'issuedAt'] as const).map((part): [string, string] => [`ids.${i}.${part}`, id[part]])),
    ...(['taxNumber', 'socialSecurityNumber', 'employerName', 'employerAddress', 'establishmentId', 'accountReason', 'remarks'] as const).map((part): [string, string] => [`classification.${part}`, k[part]]),
    ...k.socialLinks.map((link, i): [string, string] => [`classification.socialLinks.${i}.text`, link.text]),
  ];
}

/**
 * The ids that name the customer, for the look-up of the same customer twice. Their codes are the
 * UAE kind's own, apart from CKYC's identity codes; a passport's carries its issuing country, as
 * passport numbers are unique only within one country.
 */
function sameCustomerFields(r: UaeCustomer): SameCustomerFields {
  return {
    identityDocuments: r.ids.map((id, i) => ({
      code: `UAE-${id.type.trim()}${id.type.trim() === ID_TYPE_PASSPORT ? `-${id.issuedCountry.trim().toUpperCase()}` : ''}`,
      number: id.number,
      path: `ids.${i}.number`,
    })),
  };
}

/** The record's images in a fixed order: each id's front and back, then the profile photograph. */
function images(r: UaeCustomer): KycImage[] {
  const sides = r.ids.flatMap((id) => [id.front, id.back]);
  return [...sides, r.classification.profilePhoto].filter((image): image is KycImage => image !== undefined);
}

/** The images as main's document store knows them, put back where each was (matched by its document). */
function withImages(r: UaeCustomer, checked: KycImage[]): UaeCustomer {
  const known = (image: KycImage | undefined) => (image === undefined ? undefined : checked.find((c) => c.documentHash === image.documentHash));
  const place = <T extends object>(owner: T, key: keyof T & string, image: KycImage | undefined): T => {
    const { [key]: _old, ...rest } = owner;
    const found = known(image);
    return (found ? { ...rest, [key]: found } : rest) as T;
  };
  return {
    ...r,
    ids: r.ids.map((id) => place(place(id, 'front', id.front), 'back', id.back)),
    classification: place(r.classification, 'profilePhoto', r.classification.profilePhoto),
  };
}

/**
 * A UAE partner customer (docs/decisions/0050), onboarded on the customer data platform. The
 * shape is in record.ts, the rules in rules.ts, its code lists in shared/master-data/.
 */
export const UAE_CUSTOMER: RecordKind<UaeCustomer> = {
  id: UAE_CUSTOMER_KIND_ID,
  label: 'UAE customer',
  schema: uaeCustomerSchema,
  steps: UAE_STEPS,
  stepOf: uaeStepOf,
  fieldLabel: uaeFieldLabel,
  blank: blankUaeCustomer,
  validate: validateUaeCustomer,
  freeTextFields,
  columns: (r) => ({
    name: [r.firstName, r.middleName, r.lastName].map((part) => part.trim()).filter((part) => part !== '').join(' ').toUpperCase(),
    panMasked: '',
    mobileMasked: maskMobile(r.primaryMobile),
  }),
  images,
  withImages,
  withReference: (r, reference) => ({ ...r, customerReference: reference }),
  sameCustomerFields,
};
