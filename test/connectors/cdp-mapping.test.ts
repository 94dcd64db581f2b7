import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectCdp } from '../../electron/connectors/cdp/connect';
import { recordPathOf, toOnboardingRequest, toRecordFields } from '../../electron/connectors/cdp/map-uae-customer';
import { detailsToFieldPaths, type CdpImage } from '../../electron/connectors/cdp/wire';
import { readCdpLedger } from '../../electron/sandbox';
import type { KycImage } from '../../shared/record/kyc-record';
import { validateUaeCustomer, type UaeCustomer } from '../../shared/record-kinds/uae-customer';
import { cdpConnection, startCdpSandbox } from '../support/cdp';
import { makeTempDir } from '../support/temp-dir';
import { completeUaeCustomer, UAE_FIXTURE_TODAY } from '../support/uae-customers';

/**
 * A UAE customer record as the CDP's onboarding request: every field where the seed's example puts
 * it, codes as numbers where it sends numbers, blanks left out, images as Base64 read through the
 * caller; the Training CDP takes the request as it is; and the CDP's field paths come back onto
 * the record's form.
 */
let temp: ReturnType<typeof makeTempDir>;
const closers: (() => Promise<void>)[] = [];
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  temp.remove();
});

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]);
const readImage = async (image: KycImage): Promise<CdpImage | null> => ({ base64_data: JPEG.toString('base64'), content_type: image.mime });

function stored(overrides: Partial<UaeCustomer> = {}): UaeCustomer {
  const checked = validateUaeCustomer(completeUaeCustomer(overrides), UAE_FIXTURE_TODAY);
  if (!checked.ok) throw new Error(`fixture invalid: ${JSON.stringify(checked.errors)}`);
  return checked.value;
}

describe('UAE customer → CDP onboarding request', () => {
  it('maps every field the record holds, codes as the seed’s numbers, blanks left out, images as Base64', async () => {
    const mapped = await toOnboardingRequest(stored(), { readImage, updatedBy: 'EMP042' });
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    const r = mapped.request;
    expect(r).toMatchObject({
      channel: 'WEB',
      salutation: 'Mr',
      first_name: expect.stringMatching(/^irfan$/i),
      nationality: 'IN',
      date_of_birth: '1985-07-28',
      resident_type_id: 101,
      country_of_residence: 'AE',
      gender: 'Male',
      primary_mobile_number: '+971502106707',
      occupation_id: 2856,
      political_exposed_person: false,
      updated_by: 'EMP042',
    });
    expect(r).not.toHaveProperty('second_nationality');
    expect(r).not.toHaveProperty('secondary_mobile_number');
    expect(r.address_list).toHaveLength(2);
    expect(r.address_list[1]).toMatchObject({ address_type_id: '2', country: 'IN', zip: 671310, po_box: null, district: 'Kasaragod' });
    expect(r.id_details[0]).toMatchObject({ id_type: 4, id_number: '784198512345673', date_of_expiry: '2029-08-07', default_status: expect.any(Boolean), id_front: { base64_data: JPEG.toString('base64'), content_type: 'image/jpeg' } });
    expect(r.id_details[1]).toMatchObject({ id_type: 2, name_as_per_id: expect.stringMatching(/^irfan ismail nangarath$/i), visa_number: expect.stringMatching(/^visa123$/i), visa_expiry_date: '2027-06-30', issued_country: 'IN' });
    expect(r.id_details[1]).not.toHaveProperty('id_back');
    expect(r.customer_classification).toMatchObject({ annual_income_range_id: 15, risk_rating_id: 3, profile_photo: { content_type: 'image/jpeg' } });
  });

  it('sends nothing when an image cannot be read, and names it on the form', async () => {
    const mapped = await toOnboardingRequest(stored(), { readImage: async (image) => (image.documentHash.endsWith('2') ? null : readImage(image)), updatedBy: 'EMP042' });
    expect(mapped).toEqual({ ok: false, message: 'An image of this customer could not be read: nothing was sent.', fields: { 'ids.0.back': expect.stringContaining('take it again') } });
  });

  it('is taken by the Training CDP as it is (its form and master-data checks pass), and gives an ECRN', async () => {
    const started = await startCdpSandbox(path.join(temp.dir, 'sandbox'));
    closers.push(() => started.sandbox.close());
    const mapped = await toOnboardingRequest(stored(), { readImage, updatedBy: 'EMP042' });
    if (!mapped.ok) throw new Error(mapped.message);
    const answer = await connectCdp(cdpConnection(started.sandbox.url)).onboard(mapped.request);
    expect(answer.ok ? answer.body.ecrn : answer.failure.message).toMatch(/^7841\d{12}$/);
    expect(readCdpLedger(path.join(temp.dir, 'sandbox', 'cdp')).map((e) => e.kind)).toEqual(['onboarded']);
  });
});

describe('the CDP’s field paths → the record’s', () => {
  it.each([
    ['first_name', 'firstName'],
    ['primary_mobile_number', 'primaryMobile'],
    ['resident_type_id', 'residentType'],
    ['address_list.1.zip', 'addresses.1.zip'],
    ['address_list.0.country', 'addresses.0.country'],
    ['id_details.0.id_number', 'ids.0.number'],
    ['id_details.1.visa_expiry_date', 'ids.1.visaExpiry'],
    ['id_details.0.id_front', 'ids.0.front'],
    ['customer_classification.annual_income_range_id', 'classification.incomeRange'],
    ['customer_classification.profile_photo', 'classification.profilePhoto'],
  ])('%s → %s', (wire, record) => {
    expect(recordPathOf(wire)).toBe(record);
  });

  it('reads the seed’s camelCase details onto the form, and keeps what names no field in the CDP’s words', () => {
    const wire = detailsToFieldPaths({ firstName: 'Invalid first name', 'idDetails[0].idNumber': 'Invalid Emirates ID number', agentRef: 'Unknown agent' });
    expect(toRecordFields(wire)).toEqual({ fields: { firstName: 'Invalid first name', 'ids.0.number': 'Invalid Emirates ID number' }, unplaced: ['agent_ref: Unknown agent'] });
  });
});
