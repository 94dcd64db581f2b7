import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { readAllowList, scan, stageBuiltApp, staleEntries, unlistedFindings, type ScanResult } from './electronegativity-gate';

/**
 * The security gate of `npm test`: Electronegativity over the built app; any finding of medium
 * severity or above that the allow-list does not name, with its reason, fails the run. The built
 * output is scanned, not the sources: it is what ships, main's bundle holds every module main
 * imports, and the scanner's own TypeScript parser (4.2) cannot read today's sources.
 */
const repoRoot = path.resolve(import.meta.dirname, '../..');
const allowListFile = path.join(import.meta.dirname, 'electronegativity-allowlist.json');
const SCAN_TIMEOUT_MS = 120_000;

let temp: ReturnType<typeof makeTempDir>;
let builtApp: ScanResult;

beforeAll(async () => {
  for (const file of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
    if (!fs.existsSync(path.join(repoRoot, file))) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
  }
  temp = makeTempDir('kyc-desk-electronegativity-');
  stageBuiltApp(repoRoot, path.join(temp.dir, 'app'));
  builtApp = await scan(path.join(temp.dir, 'app'));
}, SCAN_TIMEOUT_MS);

afterAll(() => temp?.remove());

describe('electronegativity over the built app', () => {
  it('reads every file it was given (an unparsed file would be an unchecked one)', () => {
    expect(builtApp.parseErrors).toEqual([]);
    // The app-wide checks that only pass once main's bundle was read: navigation limits and the permission handler.
    const checks = builtApp.findings.map((finding) => finding.check);
    expect(checks).not.toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(checks).not.toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
  });

  it('finds nothing of medium severity or above beyond the allow-list', () => {
    const unlisted = unlistedFindings(builtApp.findings, readAllowList(allowListFile));
    const described = unlisted.map((f) => `${f.severity} ${f.check} at ${f.file}:${f.line} — ${f.description} — ${f.sample}`);
    expect(described).toEqual([]);
  });

  it('keeps the allow-list short and current: every entry still matches a finding', () => {
    const allowList = readAllowList(allowListFile);
    expect(allowList.length).toBeLessThanOrEqual(5);
    expect(staleEntries(builtApp.findings, allowList)).toEqual([]);
  });

  it('fails on an insecure window (the gate has teeth)', async () => {
    const canary = path.join(temp.dir, 'canary');
    fs.mkdirSync(canary);
    fs.writeFileSync(path.join(canary, 'package.json'), JSON.stringify({ name: 'canary', devDependencies: { electron: '45.6.1' } }));
    fs.writeFileSync(
      path.join(canary, 'main.js'),
      `const { app, BrowserWindow } = require('electron');
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });
  win.loadURL('http://example.com/');
});
`,
    );
    const result = await scan(canary);
    expect(result.parseErrors).toEqual([]);
    const unlisted = unlistedFindings(result.findings, readAllowList(allowListFile)).map((finding) => finding.check);
    expect(unlisted).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK']));
  }, SCAN_TIMEOUT_MS);
});
