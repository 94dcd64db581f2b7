import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { headerProblems, UPDATE_COLUMN_NAMES, UPDATE_MAX_BYTES, UPDATE_MAX_ROWS, type UpdateRow } from '../../../shared/bulk-update/update-columns';

/**
 * The bulk update file as bytes: written from rows with csv-stringify (a header row of the update
 * columns, RFC 4180 quoting, CRLF, UTF-8 without a byte-order mark), and read back with csv-parse
 * (docs/apis/bulk-customer-update.md § The update file). Reading judges the file as a whole —
 * size, what its bytes are, the CSV itself, the header — and gives the rows; judging each row is
 * the caller's (the app refuses a file with a bad row before sending, the Training platform fails
 * that row alone).
 */
export function writeUpdateFile(rows: readonly UpdateRow[]): Buffer {
  return Buffer.from(stringify([...rows], { header: true, columns: [...UPDATE_COLUMN_NAMES], record_delimiter: '\r\n' }), 'utf8');
}

export type ParsedUpdateFile = { ok: true; rows: UpdateRow[] } | { ok: false; problem: string };

/** What a file that is not text is, from its first bytes — never from its name. */
function binaryKind(bytes: Uint8Array): string | null {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x4d, 0x5a)) return 'a Windows program';
  if (starts(0x7f, 0x45, 0x4c, 0x46)) return 'a Linux program';
  if (starts(0xcf, 0xfa, 0xed, 0xfe) || starts(0xfe, 0xed, 0xfa, 0xcf)) return 'a macOS program';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive or an Excel workbook (save it as “CSV UTF-8” first)';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an old Excel or Office file (save it as “CSV UTF-8” first)';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF';
  if (starts(0xff, 0xd8, 0xff) || starts(0x89, 0x50, 0x4e, 0x47)) return 'an image';
  if (bytes.subarray(0, 8192).includes(0)) return 'not a text file';
  return null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function parseUpdateFile(bytes: Uint8Array): ParsedUpdateFile {
  if (bytes.length === 0) return { ok: false, problem: 'The file is empty.' };
  if (bytes.length > UPDATE_MAX_BYTES) return { ok: false, problem: `The file is ${megabytes(bytes.length)}; an update file may be at most ${megabytes(UPDATE_MAX_BYTES)}. Split it in two.` };
  const binary = binaryKind(bytes);
  if (binary) return { ok: false, problem: `This file is ${binary}, whatever its name says. An update file is a CSV file.` };
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ok: false, problem: 'The file is not UTF-8 text. Save it as “CSV UTF-8”.' };
  }
  let table: string[][];
  try {
    table = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, max_record_size: 64 * 1024 }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, problem: `The file is not a well-formed CSV file${line ? ` (at line ${line})` : ''}: a quote left open or a row with a different number of cells.` };
  }
  const [header, ...body] = table;
  if (!header) return { ok: false, problem: 'The file has no header row.' };
  const headerProblem = headerProblems(header);
  if (headerProblem.length > 0) return { ok: false, problem: headerProblem.join(' ') };
  if (body.length === 0) return { ok: false, problem: 'The file has a header row but no customers.' };
  if (body.length > UPDATE_MAX_ROWS) return { ok: false, problem: `The file has ${body.length} rows; an update may hold at most ${UPDATE_MAX_ROWS}. Split it.` };
  const at = header.map((name) => name.trim());
  const rows = body.map((cells) => Object.fromEntries(UPDATE_COLUMN_NAMES.map((name) => [name, cells[at.indexOf(name)] ?? ''])) as UpdateRow);
  return { ok: true, rows };
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
