import { parse } from 'csv-parse/sync';
import { SftpTransport, type SftpConnectionSettings } from '../../transport/sftp';

/**
 * The SFTP route's response folder: the registry leaves `<batch>.zip.result.csv` (one row per
 * individual: kyc_ref_no, state, ckyc_number, error) and, when it refused the drop,
 * `<batch>.zip.errors.csv` (file_name, error). Once a batch has ended, its files are read, kept
 * with the batch as a summary (what each said, any disagreement with status-check), and archived
 * on the server (`<response>/archive/`), so the folder holds only what is still to be read.
 *
 * Decision: status-check stays the authority on each record (it is the registry's API answer; the
 * files are its courtesy copy). A file that does not parse, or has columns we do not know, is kept
 * with its problem said in words — never guessed at — and a result that disagrees with a record's
 * settled state is reported on the batch for the IT team.
 */
export interface ResponseFileRecord {
  name: string;
  kind: 'result' | 'errors' | 'other';
  bytes: number;
  /** Rows read (header excluded). */
  rows: number;
  /** For an errors file: the registry's reasons, verbatim (at most 20). */
  errors?: string[];
  /** References whose result in the file is not the state status-check gave them. */
  disagreements?: string[];
  /** Why the file could not be read as expected, in words. */
  problem?: string;
  archivedAs: string | null;
}

const RESULT_COLUMNS = ['kyc_ref_no', 'state', 'ckyc_number', 'error'] as const;
const ERROR_COLUMNS = ['file_name', 'error'] as const;

/** What one response file says, judged against the records' settled states. */
export function readResponseFile(name: string, bytes: Buffer, settled: ReadonlyMap<string, 'succeeded' | 'failed'>): Omit<ResponseFileRecord, 'archivedAs'> {
  const kind = name.endsWith('.result.csv') ? 'result' : name.endsWith('.errors.csv') ? 'errors' : 'other';
  const base = { name, kind, bytes: bytes.length, rows: 0 } as const;
  if (kind === 'other') return { ...base, problem: 'Not a result or errors file; kept as it is.' };
  let table: string[][];
  try {
    table = parse(bytes, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (error) {
    return { ...base, problem: `The file is not CSV KYC Desk can read (${(error as Error).message.slice(0, 200)}).` };
  }
  const [header = [], ...rows] = table;
  const expected: readonly string[] = kind === 'result' ? RESULT_COLUMNS : ERROR_COLUMNS;
  const missing = expected.filter((column) => !header.includes(column));
  const unknown = header.filter((column) => !expected.includes(column));
  if (missing.length > 0) return { ...base, rows: rows.length, problem: `The file lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; it was not read.` };
  const problem = unknown.length > 0 ? `The file has column${unknown.length === 1 ? '' : 's'} KYC Desk does not know (${unknown.join(', ')}); the known ones were read.` : undefined;
  const at = (row: string[], column: string) => row[header.indexOf(column)] ?? '';
  if (kind === 'errors') {
    return { ...base, rows: rows.length, errors: rows.slice(0, 20).map((row) => at(row, 'error')), ...(problem ? { problem } : {}) };
  }
  const disagreements = rows.filter((row) => {
    const state = settled.get(at(row, 'kyc_ref_no'));
    return state !== undefined && state !== at(row, 'state');
  });
  return { ...base, rows: rows.length, ...(disagreements.length > 0 ? { disagreements: disagreements.map((row) => at(row, 'kyc_ref_no')) } : {}), ...(problem ? { problem } : {}) };
}

/** Read and archive every response file of `zipName`; throws SftpError when the server cannot be used. */
export async function collectSftpResponses(settings: SftpConnectionSettings, zipName: string, settled: ReadonlyMap<string, 'succeeded' | 'failed'>): Promise<ResponseFileRecord[]> {
  return SftpTransport.with(settings, async (sftp) => {
    const mine = (await sftp.listResponses()).filter((file) => file.name.startsWith(`${zipName}.`));
    const records: ResponseFileRecord[] = [];
    for (const file of mine) {
      const read = readResponseFile(file.name, await sftp.readResponse(file.name), settled);
      records.push({ ...read, archivedAs: await sftp.archiveResponse(file.name) });
    }
    return records;
  });
}
