import * as jpeg from 'jpeg-js';
import type { DownloadedPerson } from '../../connectors/ckyc-bulk/download-wire';
import { hash32, mulberry32 } from '../shell/faults';

/**
 * The sandbox registry's own people: synthetic individuals with 14-digit CKYC numbers, made from
 * the sandbox seed alone (KYC_DESK_SANDBOX_SEED), so the same seed gives the same people on every
 * PC and Fetch from CKYC has someone to find from the first start. Nobody here is real: names
 * are drawn from common given names and surnames, PANs have the right form (fourth letter P,
 * fifth the surname's initial) but are made up, Aadhaar is kept as its last 4 digits only, and
 * each PIN code is a real one of the state it is paired with. Photographs: withPhotograph().
 */
export const SEEDED_PEOPLE_COUNT = 60;

/** One seeded person: the download answer's person, with the dob and mobile it is verified by. */
export interface SeededPerson extends DownloadedPerson {
  dob: string;
  mobile_number: string;
}

const GIVEN = {
  M: ['AARAV', 'ARJUN', 'VIKRAM', 'RAHUL', 'SURESH', 'MOHAN', 'IMRAN', 'JOSEPH', 'KARAN', 'NITIN', 'PRAKASH', 'GURPREET', 'ANIL', 'DEEPAK', 'FARHAN'],
  F: ['ANANYA', 'PRIYA', 'LAKSHMI', 'FATIMA', 'MEERA', 'KAVYA', 'SUNITA', 'DIVYA', 'NEHA', 'POOJA', 'REKHA', 'SANA', 'GEETA', 'ISHA', 'JASLEEN'],
} as const;
const SURNAMES = ['SHARMA', 'IYER', 'NAIR', 'REDDY', 'PATEL', 'SINGH', 'KHAN', 'DAS', 'MENON', 'GUPTA', 'JOSHI', 'RAO', 'BOSE', 'KULKARNI', 'VERMA', 'DSOUZA'];
const STREETS = ['MG ROAD', 'STATION ROAD', 'GANDHI NAGAR', 'NEHRU STREET', 'TEMPLE ROAD', 'MARKET LANE', 'CHURCH STREET', 'LAKE VIEW ROAD'];

/** Real PIN codes with their city, district and state (ISO code, as the capture form keeps it). */
const PLACES = [
  { pin: '110001', city: 'NEW DELHI', district: 'NEW DELHI', state: 'DL' },
  { pin: '400001', city: 'MUMBAI', district: 'MUMBAI', state: 'MH' },
  { pin: '411001', city: 'PUNE', district: 'PUNE', state: 'MH' },
  { pin: '560001', city: 'BENGALURU', district: 'BANGALORE', state: 'KA' },
  { pin: '600001', city: 'CHENNAI', district: 'CHENNAI', state: 'TN' },
  { pin: '700001', city: 'KOLKATA', district: 'KOLKATA', state: 'WB' },
  { pin: '500001', city: 'HYDERABAD', district: 'HYDERABAD', state: 'TG' },
  { pin: '380001', city: 'AHMEDABAD', district: 'AHMEDABAD', state: 'GJ' },
  { pin: '302001', city: 'JAIPUR', district: 'JAIPUR', state: 'RJ' },
  { pin: '226001', city: 'LUCKNOW', district: 'LUCKNOW', state: 'UP' },
  { pin: '800001', city: 'PATNA', district: 'PATNA', state: 'BR' },
  { pin: '682001', city: 'KOCHI', district: 'ERNAKULAM', state: 'KL' },
  { pin: '751001', city: 'BHUBANESWAR', district: 'KHORDA', state: 'OR' },
  { pin: '160017', city: 'CHANDIGARH', district: 'CHANDIGARH', state: 'CH' },
  { pin: '141001', city: 'LUDHIANA', district: 'LUDHIANA', state: 'PB' },
  { pin: '781001', city: 'GUWAHATI', district: 'KAMRUP', state: 'AS' },
] as const;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The seeded people of `seed`, always the same ones in the same order. */
export function seededPeople(seed: string, count = SEEDED_PEOPLE_COUNT): SeededPerson[] {
  const next = mulberry32(hash32(seed, 'registry_people'));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const digits = (width: number) => pad(Math.floor(next() * 10 ** width), width);
  const taken = new Set<string>();
  const people: SeededPerson[] = [];
  for (let i = 0; i < count; i++) {
    let ckycNumber = '';
    // Distinct, 14 digits, never starting with 0; bounded: a clash is a one-in-ten-trillion event.
    for (let attempt = 0; attempt < 100 && (ckycNumber === '' || taken.has(ckycNumber)); attempt++) ckycNumber = `${1 + Math.floor(next() * 9)}${digits(13)}`;
    taken.add(ckycNumber);
    const gender = next() < 0.5 ? 'M' : 'F';
    const first = pick(GIVEN[gender]);
    const last = pick(SURNAMES);
    const father = pick(GIVEN.M);
    const place = pick(PLACES);
    const dob = `${1950 + Math.floor(next() * 55)}-${pad(1 + Math.floor(next() * 12), 2)}-${pad(1 + Math.floor(next() * 28), 2)}`;
    const pan = `${LETTERS[Math.floor(next() * 26)]}${LETTERS[Math.floor(next() * 26)]}${LETTERS[Math.floor(next() * 26)]}P${last[0]}${digits(4)}${LETTERS[Math.floor(next() * 26)]}`;
    const address = { address_line_1: `${1 + Math.floor(next() * 400)}, ${pick(STREETS)}`, city: place.city, district: place.district, state: place.state, country: 'IN', pin_code: place.pin };
    const person: SeededPerson = {
      ckyc_number: ckycNumber,
      prefix: gender === 'M' ? 'MR' : 'MS',
      first_name: first,
      middle_name: '',
      last_name: last,
      father_or_spouse_name: `${father} ${last}`,
      gender,
      dob,
      pan,
      mobile_isd: '91',
      mobile_number: `${6 + Math.floor(next() * 4)}${digits(9)}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}${i}@example.in`,
      permanent_address: address,
      correspondence_address: address,
      identity_documents: [
        { code: 'C', number: pan },
        { code: 'E', number: digits(4) },
      ],
      kyc_date: `20${pad(15 + Math.floor(next() * 10), 2)}-${pad(1 + Math.floor(next() * 12), 2)}-${pad(1 + Math.floor(next() * 28), 2)}`,
    };
    people.push(person);
  }
  return people;
}

/**
 * The person with their photograph, when they have one: one in three, chosen by the seed, so Fetch
 * shows both cases. Made on demand (encoding a JPEG takes tens of milliseconds); callers cache it.
 */
export function withPhotograph(seed: string, person: SeededPerson): SeededPerson {
  if (hash32(seed, 'has_photo', person.ckyc_number) % 3 !== 0) return person;
  return { ...person, photograph_base64: syntheticPhoto(hash32(seed, 'photo', person.ckyc_number)).toString('base64') };
}

/** A small JPEG (48 × 60): a plain background and a head-and-shoulders shape in seeded colours. */
export function syntheticPhoto(seed: number): Buffer {
  const width = 48;
  const height = 60;
  const next = mulberry32(seed);
  const background = [180 + next() * 60, 180 + next() * 60, 200 + next() * 50];
  const skin = [140 + next() * 90, 100 + next() * 70, 70 + next() * 60];
  const cloth = [next() * 200, next() * 200, next() * 200];
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const head = (x - 24) ** 2 / 110 + (y - 22) ** 2 / 170 <= 1;
      const shoulders = y > 42 && Math.abs(x - 24) < 8 + (y - 42) * 1.2;
      const colour = head ? skin : shoulders ? cloth : background;
      const offset = (y * width + x) * 4;
      data[offset] = colour[0]!;
      data[offset + 1] = colour[1]!;
      data[offset + 2] = colour[2]!;
      data[offset + 3] = 255;
    }
  }
  return jpeg.encode({ data, width, height }, 80).data;
}
