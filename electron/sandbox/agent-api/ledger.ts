import path from 'node:path';
import { appendJsonLine, readJsonLines } from '../shell/ledger';

/**
 * The agent API sandbox's ledger: `<sandbox state>/agent-api/ledger.jsonl`, one line for every link
 * it sent and every push it took, appended and fsynced before the answer goes out (the shell's
 * ledger discipline), so a test can prove that no customer got two live links or two pushes
 * because of an automatic retry. `replaced_live` names the session a new one rejected while it was
 * still open (`kyc_rejected`): under faults with nobody deciding, it must never be set. Neither
 * phone numbers nor anything of a push's data are written here.
 */
export interface AgentLedgerEntry {
  at: string;
  kind: 'link' | 'push';
  user_id: string;
  session_id: string;
  replaced_live: string | null;
}

export const AGENT_LEDGER_FILE = 'ledger.jsonl';

export function readAgentLedger(serviceStateDir: string): AgentLedgerEntry[] {
  return readJsonLines<AgentLedgerEntry>(path.join(serviceStateDir, AGENT_LEDGER_FILE));
}

/** Entries whose link or push rejected a session still open for the same user_id (should be empty without a person's say-so). */
export function replacedLiveSessions(entries: readonly AgentLedgerEntry[]): AgentLedgerEntry[] {
  return entries.filter((entry) => entry.replaced_live !== null);
}

/** user_ids that were pushed more than once. */
export function repeatedPushes(entries: readonly AgentLedgerEntry[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const entry of entries) {
    if (entry.kind !== 'push') continue;
    if (seen.has(entry.user_id)) twice.add(entry.user_id);
    seen.add(entry.user_id);
  }
  return [...twice];
}

export class AgentLedger {
  private readonly file: string;

  constructor(serviceStateDir: string) {
    this.file = path.join(serviceStateDir, AGENT_LEDGER_FILE);
  }

  append(entry: AgentLedgerEntry): void {
    appendJsonLine(this.file, entry);
  }
}
