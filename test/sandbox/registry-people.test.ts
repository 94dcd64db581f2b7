import * as jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { downloadedPersonSchema } from '../../electron/connectors/ckyc-bulk/download-wire';
import { seededPeople, SEEDED_PEOPLE_COUNT, withPhotograph } from '../../electron/sandbox/ckyc/registry-people';
import { checkPinAgainstMaster } from '../../electron/pin-master/pin-master';
import { loadShippedPinMaster } from '../../electron/pin-master/bundled';
import { DEFAULT_SANDBOX_SEED } from '../../electron/sandbox/shell/faults';
import { isIndianStateCode } from '../../shared/codes/states';

describe('the seeded registry', () => {
  const people = seededPeople(DEFAULT_SANDBOX_SEED);

  it('has at least 50 people with distinct 14-digit CKYC numbers, each a valid download person', () => {
    expect(SEEDED_PEOPLE_COUNT).toBeGreaterThanOrEqual(50);
    expect(people).toHaveLength(SEEDED_PEOPLE_COUNT);
    expect(new Set(people.map((p) => p.ckyc_number)).size).toBe(people.length);
    for (const person of people) {
      expect(person.ckyc_number).toMatch(/^[1-9]\d{13}$/);
      expect(downloadedPersonSchema.parse(person)).toBeTruthy();
    }
  });

  it('is the same for the same seed and different for another', () => {
    expect(seededPeople(DEFAULT_SANDBOX_SEED)).toEqual(people);
    const other = seededPeople('another-seed');
    expect(other.map((p) => p.ckyc_number)).not.toEqual(people.map((p) => p.ckyc_number));
  });

  it('gives each person a well-formed PAN, dob, mobile, Aadhaar as its last 4 digits only, and a real PIN of the state named', () => {
    const master = loadShippedPinMaster();
    for (const person of people) {
      expect(person.pan).toMatch(/^[A-Z]{3}P[A-Z]\d{4}[A-Z]$/);
      expect(person.pan![4]).toBe(person.last_name![0]);
      expect(person.dob).toMatch(/^(19[5-9]\d|200[0-4])-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/);
      expect(person.mobile_number).toMatch(/^[6-9]\d{9}$/);
      expect(['M', 'F']).toContain(person.gender);
      const aadhaar = person.identity_documents!.find((d) => d.code === 'E');
      expect(aadhaar?.number).toMatch(/^\d{4}$/);
      const address = person.permanent_address!;
      expect(isIndianStateCode(address.state!)).toBe(true);
      expect(checkPinAgainstMaster(address.pin_code!, address.state!, address.district!, master).status, `${address.pin_code} ${address.state}`).toBe('ok');
    }
  });

  it('has a small JPEG photograph for some people and none for others', () => {
    const withPhoto = people.map((p) => withPhotograph(DEFAULT_SANDBOX_SEED, p)).filter((p) => p.photograph_base64 !== undefined);
    expect(people.every((p) => p.photograph_base64 === undefined)).toBe(true);
    expect(withPhoto.length).toBeGreaterThan(10);
    expect(withPhoto.length).toBeLessThan(people.length);
    for (const person of withPhoto) {
      const bytes = Buffer.from(person.photograph_base64!, 'base64');
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(bytes.length).toBeLessThan(20_000);
      expect(downloadedPersonSchema.parse(person).photograph_base64).toBe(person.photograph_base64);
      const image = jpeg.decode(bytes);
      expect([image.width, image.height]).toEqual([48, 60]);
    }
  });
});
