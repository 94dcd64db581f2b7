import { parse } from 'csv-parse/sync';
import { UAE_LIST_TITLES, type UaeListName } from '../../shared/master-data/uae-lists';

/**
 * A code list exported as a spreadsheet (CSV) read as the JSON list file the import checks: a header
 * row naming a `code` and a `label` column (case and spaces ignored; `alpha3` too for countries),
 * then one row per entry. A UTF-8 byte-order mark and blank lines are ignored. Anything else (no
 * such header, a row with too few cells) is refused in words for the admin, nothing changed.
 */
export function listFileFromCsv(text: string, list: UaeListName): { ok: true; json: string } | { ok: false; reason: string } {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch {
    return { ok: false, reason: 'This file is not a code list KYC Desk can read: it is not JSON, and not a CSV either. Export the list again and try once more.' };
  }
  const header = (rows[0] ?? []).map((cell) => cell.toLowerCase().replace(/\s+/g, ''));
  const codeAt = header.indexOf('code');
  const labelAt = header.indexOf('label');
  const alpha3At = header.indexOf('alpha3');
  if (codeAt < 0 || labelAt < 0) {
    return { ok: false, reason: `This file is not a code list KYC Desk can read: it is not JSON, nor a CSV whose first row names a “code” and a “label” column. Pick the ${UAE_LIST_TITLES[list]} file exported from the CDP.` };
  }
  const entries: Array<{ code: string; label: string; alpha3?: string }> = [];
  for (const [i, row] of rows.slice(1).entries()) {
    const code = row[codeAt];
    const label = row[labelAt];
    if (code === undefined || label === undefined) return { ok: false, reason: `Row ${i + 2} of this file has no ${code === undefined ? 'code' : 'label'}. Correct the file and try again.` };
    const alpha3 = alpha3At >= 0 ? row[alpha3At] : undefined;
    entries.push({ code, label, ...(alpha3 ? { alpha3 } : {}) });
  }
  return { ok: true, json: JSON.stringify({ list, entries }) };
}
