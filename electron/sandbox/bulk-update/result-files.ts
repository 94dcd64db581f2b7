import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { UPDATE_COLUMN_NAMES, type UpdateRow } from '../../../shared/bulk-update/update-columns';
import { RESULT_REASON_COLUMN, RESULT_STATUS_COLUMN } from '../../connectors/bulk-update/wire';

/**
 * The success and failure files the Training platform answers with: the rows as they came, plus
 * `status` (SUCCESS, WARNING or FAILED) and `reason`, as CSV in `<sandbox state>/bulk-update/files/`,
 * served (with the same bearer token) under RESULT_FILES_PATH.
 */
export const RESULT_FILES_PATH = '/api/v0/customer/bulk/files/';
const FILE_NAME = /^[A-Za-z0-9_-]{1,80}\.csv$/;

export interface ResultRow {
  row: UpdateRow;
  status: 'SUCCESS' | 'WARNING' | 'FAILED';
  reason: string;
}

export class ResultFiles {
  private readonly dir: string;

  constructor(stateDir: string) {
    this.dir = path.join(stateDir, 'files');
    fs.mkdirSync(this.dir, { recursive: true });
  }

  write(name: string, rows: readonly ResultRow[]): void {
    if (!FILE_NAME.test(name)) throw new Error(`not a result file name: ${name}`);
    const table = rows.map(({ row, status, reason }) => [...UPDATE_COLUMN_NAMES.map((column) => row[column]), status, reason]);
    const text = stringify(table, { header: true, columns: [...UPDATE_COLUMN_NAMES, RESULT_STATUS_COLUMN, RESULT_REASON_COLUMN], record_delimiter: '\r\n' });
    fs.writeFileSync(path.join(this.dir, name), text, { mode: 0o600 });
  }

  /** The file's bytes, or null when there is none by that name (a name that is not a plain file name included). */
  read(name: string): Buffer | null {
    if (!FILE_NAME.test(name)) return null;
    const file = path.join(this.dir, name);
    return fs.existsSync(file) ? fs.readFileSync(file) : null;
  }
}
