import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UPDATE_COLUMN_NAMES, type UpdateRow } from '../../../shared/bulk-update/update-columns';
import { appendJsonLines, readJsonLines } from '../shell/ledger';

/**
 * The Training platform's customer master and its ledger (`<sandbox state>/bulk-update/`):
 * `master.json` holds each customer's values as last applied; `ledger.jsonl` gets one line for every
 * row applied — appended and fsynced before the answer goes out — with a digest of the row's values,
 * never the values, so a test can count how often each row's values were applied against what the
 * app's history says it sent. `changed` is false when the master already held those values: a
 * repeated update changes nothing.
 */
export interface AppliedRow {
  at: string;
  request_id: string;
  file_sha256: string;
  customer_reference: string;
  values_sha256: string;
  changed: boolean;
}

export const BULK_UPDATE_LEDGER_FILE = 'ledger.jsonl';

export function readBulkUpdateLedger(serviceStateDir: string): AppliedRow[] {
  return readJsonLines<AppliedRow>(path.join(serviceStateDir, BULK_UPDATE_LEDGER_FILE));
}

export function valuesDigest(row: UpdateRow): string {
  return createHash('sha256')
    .update(JSON.stringify(UPDATE_COLUMN_NAMES.map((name) => row[name])))
    .digest('hex');
}

export class CustomerMaster {
  private readonly masterFile: string;
  private readonly ledgerFile: string;
  private readonly held: Map<string, string>;

  constructor(stateDir: string) {
    this.masterFile = path.join(stateDir, 'master.json');
    this.ledgerFile = path.join(stateDir, BULK_UPDATE_LEDGER_FILE);
    this.held = new Map(fs.existsSync(this.masterFile) ? (Object.entries(JSON.parse(fs.readFileSync(this.masterFile, 'utf8')) as Record<string, string>)) : []);
  }

  /** Apply the rows that passed: their ledger lines first (one write, one fsync), then the master is written whole. */
  apply(rows: readonly UpdateRow[], context: { requestId: string; fileSha256: string; at: string }): { unchangedReferences: Set<string> } {
    const unchangedReferences = new Set<string>();
    const lines: AppliedRow[] = [];
    for (const row of rows) {
      const digest = valuesDigest(row);
      const changed = this.held.get(row.customer_reference) !== digest;
      if (!changed) unchangedReferences.add(row.customer_reference);
      lines.push({ at: context.at, request_id: context.requestId, file_sha256: context.fileSha256, customer_reference: row.customer_reference, values_sha256: digest, changed });
      this.held.set(row.customer_reference, digest);
    }
    appendJsonLines(this.ledgerFile, lines);
    const temporary = `${this.masterFile}.part`;
    fs.writeFileSync(temporary, JSON.stringify(Object.fromEntries(this.held)));
    fs.renameSync(temporary, this.masterFile);
    return { unchangedReferences };
  }
}

