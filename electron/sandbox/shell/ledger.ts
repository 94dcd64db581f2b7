import fs from 'node:fs';
import path from 'node:path';

/**
 * The sandbox registry's ledger: `<stateDir>/ledger.jsonl`, one JSON line per individual the
 * registry accepted, appended and fsynced at the moment it is accepted (before the batch's terminal
 * answer is stored), so tests can prove nothing was accepted twice.
 *
 * A line: `{ client_id, kyc_ref_no, ckyc_number, at, kind, pan_key, name_key }` — `at` ISO time;
 * `kind` upload | update; `pan_key` / `name_key` are HMAC-SHA-256 (key in `ledger.key` beside it)
 * of the PAN and the full name, so the registry can tell "this PAN is registered under another
 * name" without keeping either in clear (README: nothing a customer gave is left readable).
 * A torn last line (power cut mid-append) is ignored on reading and repaired on the next append.
 */
export interface LedgerEntry {
  client_id: string;
  kyc_ref_no: string;
  ckyc_number: string;
  at: string;
  kind: 'upload' | 'update';
  pan_key: string | null;
  name_key: string | null;
}

export const LEDGER_FILE = 'ledger.jsonl';

/** Every whole line of the ledger in `stateDir` (or the file itself), in order. */
export function readLedger(stateDirOrFile: string): LedgerEntry[] {
  return readJsonLines<LedgerEntry>(stateDirOrFile.endsWith('.jsonl') ? stateDirOrFile : path.join(stateDirOrFile, LEDGER_FILE));
}

/**
 * Any service's ledger lines (a JSON value a line), in order: the same file discipline as the
 * registry's ledger — a torn last line is ignored here and ended by the next appendJsonLine.
 */
export function readJsonLines<T>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  const entries: T[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as T);
    } catch {
      // a torn last line: it was never acknowledged
    }
  }
  return entries;
}

/** Append one JSON line to `file` and fsync it; returns when it is on disk. */
export function appendJsonLine(file: string, value: unknown): void {
  appendJsonLines(file, [value]);
}

/** Append JSON lines to `file` with one write and one fsync; returns when they are on disk. */
export function appendJsonLines(file: string, values: readonly unknown[]): void {
  if (values.length === 0) return;
  const fd = fs.openSync(file, 'a+', 0o600);
  try {
    const size = fs.fstatSync(fd).size;
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n'; // end a torn line, so these stay whole
    }
    const bytes = Buffer.from(`${prefix}${values.map((value) => JSON.stringify(value)).join('\n')}\n`, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** kyc_ref_no accepted as a new registration more than once (should always be empty). */
export function duplicateRegistrations(entries: readonly LedgerEntry[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const entry of entries) {
    if (entry.kind !== 'upload') continue;
    if (seen.has(entry.kyc_ref_no)) twice.add(entry.kyc_ref_no);
    seen.add(entry.kyc_ref_no);
  }
  return [...twice];
}

export class Ledger {
  private readonly file: string;
  private readonly byRef = new Map<string, LedgerEntry>();
  private readonly byPan = new Map<string, LedgerEntry>();
  private readonly numbers = new Set<string>();
  /** The latest line for each CKYC number (an update after the upload): whom a download finds. */
  private readonly byNumber = new Map<string, LedgerEntry>();

  constructor(dir: string) {
    this.file = path.join(dir, LEDGER_FILE);
    for (const entry of readLedger(this.file)) this.remember(entry);
  }

  private remember(entry: LedgerEntry): void {
    if (!this.byRef.has(entry.kyc_ref_no)) this.byRef.set(entry.kyc_ref_no, entry);
    if (entry.pan_key && !this.byPan.has(entry.pan_key)) this.byPan.set(entry.pan_key, entry);
    this.numbers.add(entry.ckyc_number);
    this.byNumber.set(entry.ckyc_number, entry);
  }

  registered(kycRefNo: string): LedgerEntry | undefined {
    return this.byRef.get(kycRefNo);
  }

  panHolder(panKey: string): LedgerEntry | undefined {
    return this.byPan.get(panKey);
  }

  numberTaken(ckycNumber: string): boolean {
    return this.numbers.has(ckycNumber);
  }

  /** The latest accepted line for a CKYC number, or undefined when this registry never gave it. */
  holderOf(ckycNumber: string): LedgerEntry | undefined {
    return this.byNumber.get(ckycNumber);
  }

  /** Append one line and fsync it; returns when it is on disk. */
  append(entry: LedgerEntry): void {
    appendJsonLine(this.file, entry);
    this.remember(entry);
  }
}
