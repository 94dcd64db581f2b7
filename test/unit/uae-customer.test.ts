import { describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../../shared/record-kinds';
import { countErrorsByStep } from '../../shared/record-kinds/kind-steps';
import { UAE_CUSTOMER, validateUaeCustomer, type UaeCustomer } from '../../shared/record-kinds/uae-customer';
import { verhoeffCheckDigit } from '../../shared/validation';
import { validateE164Mobile } from '../../shared/validation/e164-mobile';
import { FREE_TEXT_MESSAGES } from '../../shared/validation/free-text';
import { completeUaeCustomer, EMIRATES_ID, fakeImage, UAE_FIXTURE_TODAY } from '../support/uae-customers';

/** The UAE customer's rules (decision 0050): what the form says beside each field, and the normalised record. */
function errorsFor(change: (record: UaeCustomer) => void): Record<string, string> {
  const record = structuredClone(completeUaeCustomer());
  change(record);
  const check = validateUaeCustomer(record, UAE_FIXTURE_TODAY);
  return check.ok ? {} : check.errors;
}

describe('the UAE customer record kind', () => {
  it('is one of this version’s kinds, with its own steps and labels', () => {
    expect(RECORD_KINDS.get('uae-customer')).toBe(UAE_CUSTOMER);
    expect(UAE_CUSTOMER.steps.map((step) => step.id)).toEqual(['person', 'contact', 'addresses', 'ids', 'classification']);
    expect(UAE_CUSTOMER.fieldLabel('ids.1.expiry')).toBe('Id 2: Expiry');
    expect(UAE_CUSTOMER.fieldLabel('addresses.0.city')).toBe('Home in the UAE: City');
    expect(UAE_CUSTOMER.stepOf('images.3')).toBe('ids');
  });

  it('takes the complete sample and normalises it: names upper case, the Emirates ID without hyphens, mobiles in E.164, an e-mail in lower case', () => {
    const check = validateUaeCustomer(completeUaeCustomer(), UAE_FIXTURE_TODAY);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.value.firstName).toBe('IRFAN');
    expect(check.value.ids[0]!.number).toBe(EMIRATES_ID);
    expect(check.value.ids[1]!.number).toBe('P4006315');
    expect(check.value.primaryMobile).toBe('+971502106707');
    expect(check.value.email).toBe('irfan@example.com');
  });

  it('a blank form names every mandatory field, each on its step', () => {
    const check = validateUaeCustomer(UAE_CUSTOMER.blank(), UAE_FIXTURE_TODAY);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(
      ['addresses.0.city', 'classification.profilePhoto', 'countryOfBirth', 'dateOfBirth', 'firstName', 'gender', 'ids.0.back', 'ids.0.expiry', 'ids.0.front', 'ids.0.number', 'lastName', 'nationality', 'occupation', 'primaryMobile', 'residentType', 'salutation'].sort(),
    );
    expect(countErrorsByStep(UAE_CUSTOMER, check.errors)).toEqual({ person: 9, contact: 1, addresses: 1, ids: 4, classification: 1 });
  });

  it('refuses an expired Emirates ID, passport or visa with the date it expired, DD/MM/YYYY', () => {
    expect(errorsFor((r) => (r.ids[0]!.expiry = '2023-08-08'))).toEqual({ 'ids.0.expiry': 'Id 1: Expiry: This Emirates ID expired on 08/08/2023. An expired Emirates ID cannot be accepted: ask for the renewed one.' });
    expect(errorsFor((r) => (r.ids[1]!.expiry = '2026-11-21'))['ids.1.expiry']).toContain('This passport expired on 21/11/2026.');
    expect(errorsFor((r) => (r.ids[1]!.visaExpiry = '2024-06-30'))['ids.1.visaExpiry']).toContain('This visa expired on 30/06/2024.');
    // An id that expires today is still valid today.
    expect(errorsFor((r) => (r.ids[1]!.expiry = '2026-11-22'))).toEqual({});
  });

  it('refuses an Emirates ID that fails Luhn, or does not start with 784, in the words of the Emirates ID rule', () => {
    expect(errorsFor((r) => (r.ids[0]!.number = '784198512345674'))['ids.0.number']).toContain('typing mistake');
    expect(errorsFor((r) => (r.ids[0]!.number = '785198512345673'))['ids.0.number']).toContain('starts with 784');
  });

  it('wants mobiles in E.164, checked by the country’s plan where it is known', () => {
    expect(errorsFor((r) => (r.primaryMobile = '0502106707'))['primaryMobile']).toContain('Start with + and the country code');
    expect(errorsFor((r) => (r.primaryMobile = '+971402106707'))['primaryMobile']).toContain('9 digits starting with 5');
    expect(errorsFor((r) => (r.secondaryMobile = '+91 98765 43210'))).toEqual({});
    expect(validateE164Mobile('00971 50 210 6707')).toEqual({ ok: true, value: '+971502106707' });
    expect(validateE164Mobile('+91 12345 67890').ok).toBe(false);
    expect(validateE164Mobile('+44 7700 900123')).toEqual({ ok: true, value: '+447700900123' });
  });

  it('refuses a code that is not on the list in force, such as an unknown nationality', () => {
    expect(errorsFor((r) => (r.nationality = 'INN'))).toEqual({ nationality: 'Nationality: INN is not on this PC’s list. Choose one from the list.' });
    expect(errorsFor((r) => (r.classification.riskRating = '9'))['classification.riskRating']).toContain('not on this PC’s list');
  });

  it('needs the front of each id and both sides of an Emirates ID, and the profile photograph', () => {
    expect(errorsFor((r) => delete r.ids[0]!.back)).toEqual({ 'ids.0.back': 'Id 1: Back image: Attach the back of the Emirates ID: both sides are needed.' });
    expect(Object.keys(errorsFor((r) => delete r.classification.profilePhoto))).toEqual(['classification.profilePhoto']);
  });

  it('drops a second address or id left blank, and checks one partly filled', () => {
    const check = validateUaeCustomer({ ...completeUaeCustomer(), addresses: [completeUaeCustomer().addresses[0], UAE_CUSTOMER.blank().addresses[1]] }, UAE_FIXTURE_TODAY);
    expect(check.ok && check.value.addresses.length).toBe(1);
    expect(Object.keys(errorsFor((r) => (r.addresses[1]!.city = '')))).toEqual(['addresses.1.city']);
  });

  it('refuses a full Aadhaar number in every free-text field, and a draft’s free-text fields name them', () => {
    const aadhaar = `23456789012${verhoeffCheckDigit('23456789012')}`;
    expect(errorsFor((r) => (r.classification.remarks = `Aadhaar ${aadhaar}`))['classification.remarks']).toContain(FREE_TEXT_MESSAGES.fullAadhaar);
    expect(errorsFor((r) => (r.addresses[1]!.landmark = aadhaar))['addresses.1.landmark']).toContain(FREE_TEXT_MESSAGES.fullAadhaar);
    const paths = UAE_CUSTOMER.freeTextFields(completeUaeCustomer()).map(([path]) => path);
    expect(paths).toEqual(expect.arrayContaining(['classification.remarks', 'addresses.0.building', 'ids.1.visaNumber', 'classification.employerName', 'placeOfBirth']));
  });

  it('lists its images in order and puts back those main knows, dropping one it does not', () => {
    const record = completeUaeCustomer();
    const images = UAE_CUSTOMER.images(record);
    expect(images.map((image) => image.code)).toEqual(['81', '82', '81', '02']);
    const known = images.filter((image) => image.documentHash !== record.ids[0]!.back!.documentHash).map((image) => ({ ...image, bytes: 7 }));
    const back = UAE_CUSTOMER.withImages(record, known);
    expect(back.ids[0]!.back).toBeUndefined();
    expect(back.ids[0]!.front).toEqual({ ...fakeImage('81', 1), bytes: 7 });
    expect(back.classification.profilePhoto?.bytes).toBe(7);
  });

  it('shows the queue the name and a masked mobile', () => {
    expect(UAE_CUSTOMER.columns(completeUaeCustomer())).toEqual({ name: 'IRFAN ISMAIL NANGARATH', panMasked: '', mobileMasked: expect.stringMatching(/^•+707$/) });
  });
});
