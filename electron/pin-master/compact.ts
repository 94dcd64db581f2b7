/**
 * The compact PIN master file the app ships (resources/pin-master/pin-master.json), made by
 * generate.ts. Already normalised: ISO state codes, upper-case districts. No post-office names
 * (smaller, and nothing the check needs).
 *
 *   {
 *     "format": "kyc-desk/pin-master@1",
 *     "sourceName": "India Post", "sourceDate": "about 2015", "sourceDetail": "…",
 *     "places": [["AN", "CAR NICOBAR"], …],          ← a state code and one of its districts
 *     "pins":   ["110001 115*21 117*0", …]           ← PIN, then place index[*offices, if not 1]
 *   }
 *
 * Offices are counted per PIN and state: the state's first district carries the count, its other
 * districts have *0.
 *
 * One place and one PIN per line, PINs ascending, so a regenerated file diffs line by line.
 */
import { readFileSync } from 'node:fs';
import type { PinMaster, PinMasterRow, PinMasterSource } from './types';

export const COMPACT_FORMAT = 'kyc-desk/pin-master@1';

export interface CompactPinMasterFile {
  readonly format: string;
  readonly sourceName: string;
  readonly sourceDate: string;
  readonly sourceDetail: string;
  readonly places: ReadonlyArray<readonly string[]>;
  readonly pins: readonly string[];
}

export class PinMasterFileError extends Error {
  override readonly name = 'PinMasterFileError';
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Checks the shape of a parsed compact file; throws PinMasterFileError saying what is wrong. */
export function asCompactFile(data: unknown, origin = 'the PIN master file'): CompactPinMasterFile {
  const fail = (what: string): never => {
    throw new PinMasterFileError(`${origin} is not a KYC Desk PIN master (${COMPACT_FORMAT}): ${what}.`);
  };
  if (typeof data !== 'object' || data === null) return fail('not a JSON object');
  const file = data as Record<string, unknown>;
  if (file.format !== COMPACT_FORMAT) return fail(`format is ${JSON.stringify(file.format)}`);
  for (const field of ['sourceName', 'sourceDate', 'sourceDetail'] as const) {
    if (typeof file[field] !== 'string' || file[field] === '') return fail(`${field} is missing`);
  }
  const places = file.places;
  if (!Array.isArray(places) || !places.every((place) => isStringArray(place) && place.length === 2)) {
    return fail('places must be [state, district] pairs');
  }
  if (!isStringArray(file.pins)) return fail('pins must be strings');
  return file as unknown as CompactPinMasterFile;
}

const COMPACT_FILE = Symbol('compact PIN master file');

/** The parsed file behind a compactSource, for loadPinMaster's fast path. */
export function compactFileOf(source: PinMasterSource): CompactPinMasterFile | undefined {
  return (source as { [COMPACT_FILE]?: CompactPinMasterFile })[COMPACT_FILE];
}

/** A parsed compact file as a source. Rows with a bad place index make it throw while loading. */
export function compactSource(data: unknown, origin?: string): PinMasterSource {
  const file = asCompactFile(data, origin);
  const source: PinMasterSource & { [COMPACT_FILE]: CompactPinMasterFile } = {
    [COMPACT_FILE]: file,
    name: file.sourceName,
    date: file.sourceDate,
    detail: file.sourceDetail,
    *rows(): Iterable<PinMasterRow> {
      for (const line of file.pins) {
        const [pin = '', ...refs] = line.split(' ');
        for (const ref of refs) {
          const [index, count] = ref.split('*');
          const place = file.places[Number(index)];
          const offices = count === undefined ? 1 : Number(count);
          if (place === undefined || !Number.isInteger(offices) || offices < 0) {
            throw new PinMasterFileError(`${origin ?? 'The PIN master file'}: bad entry "${line}".`);
          }
          yield { pin, state: place[0] ?? '', district: place[1] ?? '', offices };
        }
      }
    },
  };
  return source;
}

/** A compact file on disk (e.g. a newer list IT dropped next to the app) as a source. */
export function readCompactFile(path: string): PinMasterSource {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PinMasterFileError(`Cannot read the PIN master file ${path}: ${(error as Error).message}`);
  }
  return compactSource(data, path);
}

/** The compact file's text for a loaded master (generate.ts writes it). */
export function serialiseCompact(master: PinMaster): string {
  const placeIndex = new Map<string, number>();
  const places: Array<[string, string]> = [];
  const placeOf = (state: string, district: string): number => {
    const key = `${state}\u0000${district}`;
    let index = placeIndex.get(key);
    if (index === undefined) {
      index = places.length;
      places.push([state, district]);
      placeIndex.set(key, index);
    }
    return index;
  };
  // Places sorted by state then district, so the table itself is stable and readable.
  const all: Array<[string, string]> = [];
  for (const entry of master.entries()) {
    for (const part of [entry, ...(entry.otherStates ?? [])]) {
      for (const district of part.districts.length > 0 ? part.districts : ['']) all.push([part.state, district]);
    }
  }
  all.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1));
  for (const [state, district] of all) placeOf(state, district);

  const pins: string[] = [];
  for (const entry of master.entries()) {
    const refs: string[] = [];
    for (const part of [entry, ...(entry.otherStates ?? [])]) {
      const districts = part.districts.length > 0 ? part.districts : [''];
      // Offices are kept per state, not per district: the first district carries the count.
      districts.forEach((district, i) => {
        const offices = i === 0 ? (part.offices ?? 1) : 0;
        const index = placeOf(part.state, district);
        refs.push(offices === 1 ? String(index) : offices === 0 ? `${index}*0` : `${index}*${offices}`);
      });
    }
    pins.push(`${entry.pin} ${refs.join(' ')}`);
  }

  const header = {
    format: COMPACT_FORMAT,
    sourceName: master.sourceName,
    sourceDate: master.sourceDate,
    sourceDetail: master.sourceDetail,
  };
  const lines = Object.entries(header).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  lines.push('  "places": [');
  lines.push(places.map((place) => `    ${JSON.stringify(place)}`).join(',\n'));
  lines.push('  ],');
  lines.push('  "pins": [');
  lines.push(pins.map((pin) => `    ${JSON.stringify(pin)}`).join(',\n'));
  lines.push('  ]');
  return `{\n${lines.join('\n')}\n}\n`;
}
