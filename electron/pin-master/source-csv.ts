/**
 * Adapter for India Post's "All India Pincode Directory" as a CSV (data.gov.in), or any CSV with
 * a header row naming a PIN, a district and a state column. Known headers:
 *   2023+: circlename,regionname,divisionname,officename,pincode,officetype,delivery,district,statename,latitude,longitude
 *   older: officename,pincode,officeType,Deliverystatus,divisionname,regionname,circlename,Taluk,Districtname,statename
 * Quoted fields ("…", with "" for a quote) and CRLF are handled; a UTF-8 BOM is ignored.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { PinMasterRow, PinMasterSource } from './types';

const PIN_HEADERS = ['pincode', 'pin', 'pin code', 'pin_code'];
const DISTRICT_HEADERS = ['district', 'districtname', 'district name', 'district_name'];
const STATE_HEADERS = ['statename', 'state', 'state name', 'state_name'];

/** Splits CSV text into records of fields (RFC 4180). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          quoted = false;
        }
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((fields) => !(fields.length === 1 && fields[0]?.trim() === ''));
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
