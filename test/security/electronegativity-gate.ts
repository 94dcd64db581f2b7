import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Electronegativity (Doyensec's Electron security scanner) as a gate: it exits 0 whatever it
 * finds, and its CSV writer garbles rows, so it is run through its own programmatic entry and its
 * findings are judged here against a short allow-list, each entry with its reason.
 */
export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';

export interface Finding {
  check: string;
  severity: Severity;
  confidence: string;
  /** Relative to the scanned folder, 'N/A' for an app-wide check. */
  file: string;
  line: number;
  sample: string;
  description: string;
}

export interface ScanResult {
  findings: Finding[];
  /** Files the scanner could not parse: a file it cannot read is a file it did not check. */
  parseErrors: Array<{ file: string; message: string }>;
}

export interface AllowListEntry {
  check: string;
  file: string;
  /** When given, only the finding on exactly this (trimmed) source line is allowed. */
  sample?: string;
  reason: string;
}

const SEVERITY_ORDER: Severity[] = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
export const atLeastMedium = (finding: Finding): boolean => SEVERITY_ORDER.indexOf(finding.severity) >= SEVERITY_ORDER.indexOf('MEDIUM');

/**
 * Checks left out of every scan. The releases check asks GitHub for Electron's release list and
 * waits out its timeouts offline; Electron's version is held to the newest 45.x patch by the
 * packaging test instead.
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

interface RawIssue {
  id: string;
  severity: { name: Severity };
  confidence: { name: string };
  file: string;
  location?: { line?: number };
  sample?: string;
  description: string;
}
type Run = (options: Record<string, unknown>) => Promise<{ issues: RawIssue[]; errors: Array<{ file: string; message: string; tolerable: boolean }> }>;

export async function scan(folder: string): Promise<ScanResult> {
  const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
  const result = await run({ input: folder, isRelative: true, excludeFromScan: EXCLUDED_CHECKS });
  return {
    findings: result.issues.map((issue) => ({
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file.split(path.sep).join('/'),
      line: issue.location?.line ?? 0,
      sample: (issue.sample ?? '').trim(),
      description: issue.description,
    })),
    parseErrors: result.errors.filter((error) => !error.tolerable).map(({ file, message }) => ({ file, message })),
  };
}

const matches = (entry: AllowListEntry, finding: Finding): boolean =>
  entry.check === finding.check && entry.file === finding.file && (entry.sample === undefined || entry.sample === finding.sample);

/** Findings of medium severity or above that no allow-list entry covers. */
export function unlistedFindings(findings: readonly Finding[], allowList: readonly AllowListEntry[]): Finding[] {
  return findings.filter((finding) => atLeastMedium(finding) && !allowList.some((entry) => matches(entry, finding)));
}

/** Entries that no longer match any finding: kept, they would let a future finding through unseen. */
export function staleEntries(findings: readonly Finding[], allowList: readonly AllowListEntry[]): AllowListEntry[] {
  return allowList.filter((entry) => !findings.some((finding) => matches(entry, finding)));
}

export function readAllowList(file: string): AllowListEntry[] {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file} must hold a list of entries`);
  return parsed.map((entry: Partial<AllowListEntry>, index) => {
    if (typeof entry.check !== 'string' || typeof entry.file !== 'string' || typeof entry.reason !== 'string' || entry.reason.trim().length < 20) {
      throw new Error(`${file} entry ${index} needs a check, a file and a reason of at least a sentence`);
    }
    return entry as AllowListEntry;
  });
}

/**
 * What ships, laid out for the scanner: the main and preload bundles (renamed .js — it reads no
 * .cjs), the renderer's HTML and bundle, and package.json for the Electron version. The preview
 * host is left out: it is never packaged.
 */
export function stageBuiltApp(repoRoot: string, into: string): void {
  const dist = path.join(repoRoot, 'dist');
  fs.mkdirSync(path.join(into, 'dist/electron'), { recursive: true });
  for (const name of ['main', 'preload']) {
    fs.copyFileSync(path.join(dist, 'electron', `${name}.cjs`), path.join(into, 'dist/electron', `${name}.js`));
  }
  fs.cpSync(path.join(dist, 'renderer'), path.join(into, 'dist/renderer'), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(into, 'package.json'));
}
