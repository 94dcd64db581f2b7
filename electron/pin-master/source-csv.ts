/**
 * Adapter for India Post's "All India Pincode Directory" as a CSV (data.gov.in), or any CSV with
 * a header row naming a PIN, a district and a state column. Known headers:
 *   2023+: circlename,regionname,divisionname,officename,pincode,officetype,delivery,district,statename,latitude,longitude
 *   older: officename,pincode,officeType,Deliverystatus,divisionname,regionname,circlename,Taluk,Districtname,statename
 * Read with csv-parse: quoted fields ("…", with "" for a quote), CRLF and a UTF-8 BOM are handled.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { PinMasterRow, PinMasterSource } from './types';

const PIN_HEADERS = ['pincode', 'pin', 'pin code', 'pin_code'];
const DISTRICT_HEADERS = ['district', 'districtname', 'district name', 'district_name'];
const STATE_HEADERS = ['statename', 'state', 'state name', 'state_name'];

/** Splits CSV text into records of fields (RFC 4180, by csv-parse); blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true }) as string[][];
}

export interface CsvSourceOptions {
  /** Shown to operators, e.g. "India Post". */
  name: string;
  /** Shown to operators: the directory's date, e.g. "2026-03-01". */
  date: string;
  detail?: string;
}

export function csvPinMasterSource(path: string, options: CsvSourceOptions): PinMasterSource {
  return {
    name: options.name,
    date: options.date,
    detail: options.detail ?? `${options.name} directory (${options.date}), from ${basename(path)}`,
    *rows(): Iterable<PinMasterRow> {
      const [header, ...records] = parseCsv(readFileSync(path, 'utf8'));
      const names = (header ?? []).map((name) => name.trim().toLowerCase());
      const column = (candidates: string[], what: string): number => {
        const index = names.findIndex((name) => candidates.includes(name));
        if (index < 0) throw new Error(`${path}: no ${what} column (looked for ${candidates.join(', ')}).`);
        return index;
      };
      const pinColumn = column(PIN_HEADERS, 'PIN');
      const districtColumn = column(DISTRICT_HEADERS, 'district');
      const stateColumn = column(STATE_HEADERS, 'state');
      for (const fields of records) {
        yield {
          pin: (fields[pinColumn] ?? '').trim(),
          state: (fields[stateColumn] ?? '').trim(),
          district: (fields[districtColumn] ?? '').trim(),
        };
      }
    },
  };
}
