import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { appendJsonLine, readJsonLines } from '../shell/ledger';

/**
 * The Training CDP's ledger: `<sandbox state>/cdp/ledger.jsonl`, one line for every onboarding call
 * that reached its handler, appended and fsynced before the answer goes out (the shell's ledger
 * discipline), so a test can prove exactly-once: `onboarded` gave an id its ECRN, `repeat` is the
 * same id onboarded again (answered with the ECRN it already has: the CDP never gives one id a
 * second ECRN), `refused` a coded refusal. Ids are kept as keyed hashes (`id_key`, HMAC-SHA-256
 * with `ledger.key` beside it) — nothing a customer gave is written in clear.
 */
export interface CdpLedgerEntry {
  at: string;
  kind: 'onboarded' | 'repeat' | 'refused';
  /** HMAC of `<id_type>:<id_number>` of the customer's default id (Emirates ID first). */
  id_key: string;
  ecrn: string | null;
  /** The HTTP status answered (before any injected fault replaced it). */
  status: number;
  error_code: number | null;
  request_id: string;
  /** YYYY-MM-DD: the id's expiry, which a look-up of an onboarded customer gives back. */
  id_expiry: string | null;
}

export const CDP_LEDGER_FILE = 'ledger.jsonl';
const KEY_FILE = 'ledger.key';

export function readCdpLedger(serviceStateDir: string): CdpLedgerEntry[] {
  return readJsonLines<CdpLedgerEntry>(path.join(serviceStateDir, CDP_LEDGER_FILE));
}

/** id_keys given an ECRN more than once (must always be empty). */
export function idsOnboardedTwice(entries: readonly CdpLedgerEntry[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const entry of entries) {
    if (entry.kind !== 'onboarded') continue;
    if (seen.has(entry.id_key)) twice.add(entry.id_key);
    seen.add(entry.id_key);
  }
  return [...twice];
}

/** The ledger key of an id, as the sandbox in `serviceStateDir` writes it (tests match their ids with it). */
export function cdpIdKey(serviceStateDir: string, idType: number | string, idNumber: string): string {
  return new CdpLedger(serviceStateDir).keyOf(idType, idNumber);
}

export class CdpLedger {
  private readonly file: string;
  private readonly key: Buffer;
  private readonly byId = new Map<string, CdpLedgerEntry>();
  private readonly ecrns = new Set<string>();

  constructor(serviceStateDir: string) {
    this.file = path.join(serviceStateDir, CDP_LEDGER_FILE);
    const keyFile = path.join(serviceStateDir, KEY_FILE);
    if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
    this.key = fs.readFileSync(keyFile);
    for (const entry of readJsonLines<CdpLedgerEntry>(this.file)) this.remember(entry);
  }

  keyOf(idType: number | string, idNumber: string): string {
    return createHmac('sha256', this.key).update(`${String(idType)}:${idNumber.trim().toUpperCase()}`).digest('hex');
  }

  private remember(entry: CdpLedgerEntry): void {
    if (entry.kind === 'onboarded' && !this.byId.has(entry.id_key)) this.byId.set(entry.id_key, entry);
    if (entry.ecrn) this.ecrns.add(entry.ecrn);
  }

  /** The line that gave this id its ECRN, if any. */
  onboarded(idKey: string): CdpLedgerEntry | undefined {
    return this.byId.get(idKey);
  }

  ecrnTaken(ecrn: string): boolean {
    return this.ecrns.has(ecrn);
  }

  /** Append one line and fsync it; returns when it is on disk. */
  append(entry: CdpLedgerEntry): void {
    appendJsonLine(this.file, entry);
    this.remember(entry);
  }
}
