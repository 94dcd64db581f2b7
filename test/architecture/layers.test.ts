import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rules (.dependency-cruiser.cjs, run by `npm run lint`) pass on the real tree and refuse
 * a deliberate violation of each rule and a deliberate cycle through type imports, written into a
 * temporary copy of the source tree so the real one is never touched.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
// Its script run by this Node, as `npm run lint:layers` runs it, whatever the platform's shims.
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const SOURCE_DIRS = ['electron', 'shared', 'renderer/src'];
const RUN_TIMEOUT_MS = 90_000;

interface CruiseResult {
  code: number;
  /** The findings as `npm run lint` prints them, each on one line, white space squeezed. */
  errors: string[];
}

/** Runs the very command of `npm run lint:layers` in `cwd`. */
function cruise(cwd: string): Promise<CruiseResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [DEPCRUISE, ...SOURCE_DIRS, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
      { cwd, timeout: RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error?.killed) return reject(new Error(`depcruise timed out after ${RUN_TIMEOUT_MS} ms`));
        if (error && typeof error.code !== 'number') return reject(new Error(`depcruise did not run: ${error.message} ${stderr}`));
        resolve({ code: error ? Number(error.code) : 0, errors: findings(stdout) });
      },
    );
  });
}

/** One entry per `error …` line, with a cycle's continuation lines joined onto it. */
function findings(stdout: string): string[] {
  const entries: string[] = [];
  for (const line of stdout.split('\n')) {
    if (/^\s*error /.test(line)) entries.push(line.trim());
    else if (/^\s+\S/.test(line) && entries.length > 0) entries[entries.length - 1] += ` ${line.trim()}`;
  }
  return entries.map((entry) => entry.replace(/\s+/g, ' '));
}

function write(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** One existing module of the sandbox, whatever its current file names. */
function someSandboxModule(root: string): string {
  const found = fs
    .readdirSync(path.join(root, 'electron/sandbox'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .sort();
  if (found.length === 0) throw new Error('electron/sandbox has no .ts file to import');
  return `electron/sandbox/${found[0]!.split(path.sep).join('/')}`;
}

describe('layers and cycles (dependency-cruiser)', () => {
  let copy: string;

  beforeAll(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-layers-'));
    for (const dir of SOURCE_DIRS) fs.cpSync(path.join(ROOT, dir), path.join(copy, dir), { recursive: true });
    for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json', 'tsconfig.base.json']) fs.copyFileSync(path.join(ROOT, file), path.join(copy, file));
  });

  afterAll(() => {
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  });

  it('passes on the real tree', { timeout: RUN_TIMEOUT_MS + 10_000 }, async () => {
    const result = await cruise(ROOT);
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('places every folder of electron/ in a layer, so no new capability escapes the rules', () => {
    const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: Array<{ name: string; from: { path?: string; pathNot?: string } }> };
    const rule = (name: string) => config.forbidden.find((entry) => entry.name === name)?.from ?? {};
    const layers = [
      rule('capabilities-never-import-the-composition-root').path, // capabilities and services/
      rule('foundation-reads-downwards-only').path,
      rule('connectors-never-import-the-engine').path,
      rule('sandbox-plays-the-other-side').path,
      rule('only-hosts-import-the-composition-root').pathNot, // app/ and the hosts
    ].map((pattern) => new RegExp(pattern ?? '^$'));
    const folders = fs
      .readdirSync(path.join(ROOT, 'electron'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.length).toBeGreaterThan(20);
    const unplaced = folders.filter((folder) => !layers.some((layer) => layer.test(`electron/${folder}/index.ts`)));
    expect(unplaced).toEqual([]);
    // and the check can fail: a folder nobody named is unplaced
    expect(layers.some((layer) => layer.test('electron/not-a-layer/index.ts'))).toBe(false);
  });

  it('refuses a cycle through type imports and each layering violation', { timeout: RUN_TIMEOUT_MS + 10_000 }, async () => {
    const sandboxModule = someSandboxModule(copy);
    // A cycle made only of type imports: invisible at run time, still refused.
    write(copy, 'electron/records/probe-cycle-a.ts', "import type { B } from './probe-cycle-b';\nexport type A = { b?: B };\n");
    write(copy, 'electron/records/probe-cycle-b.ts', "import type { A } from './probe-cycle-a';\nexport type B = { a?: A };\n");
    write(copy, 'shared/probe-up.ts', "import type { Store } from '../electron/store/database';\nexport type S = Store;\n");
    write(copy, 'electron/store/probe-up.ts', "import type { RecordRepository } from '../records/record-repository';\nexport type R = RecordRepository;\n");
    write(copy, 'electron/connectors/probe-engine.ts', "import type { SyncEngine } from '../sync/sync-engine';\nexport type E = SyncEngine;\n");
    write(copy, 'electron/sync/probe-service.ts', "import type { CkycEndpoints } from '../services/ckyc';\nexport type C = CkycEndpoints;\n");
    write(copy, 'electron/sync/probe-wire.ts', "import type { CkycBulkClient } from '../connectors/ckyc-bulk/client';\nexport type W = CkycBulkClient;\n");
    write(copy, 'electron/sync/probe-sandbox.ts', `import * as sandbox from '../../${sandboxModule}';\nexport const s = sandbox;\n`);
    write(copy, 'electron/records/probe-app.ts', "import type { AppServices } from '../app/services';\nexport type X = AppServices;\n");
    write(copy, 'electron/uae-onboarding/probe-app.ts', "import type { AppServices } from '../app/services';\nexport type X = AppServices;\n");
    write(copy, 'renderer/src/probe-main.ts', "import type { Store } from '../../electron/store/database';\nexport type S = Store;\n");

    const result = await cruise(copy);
    const found = result.errors;

    expect(result.code).not.toBe(0);
    const cycle = ['electron/records/probe-cycle-a.ts', 'electron/records/probe-cycle-b.ts'];
    expect(found).toContainEqual(
      expect.stringMatching(new RegExp(`^error no-cycles: (${cycle[0]} → ${cycle[1]} → ${cycle[0]}|${cycle[1]} → ${cycle[0]} → ${cycle[1]})$`)),
    );
    expect(found).toContain('error shared-imports-nothing-of-the-app: shared/probe-up.ts → electron/store/database.ts');
    expect(found).toContain('error store-imports-nothing-above-it: electron/store/probe-up.ts → electron/records/record-repository.ts');
    expect(found).toContain('error connectors-never-import-the-engine: electron/connectors/probe-engine.ts → electron/sync/sync-engine.ts');
    expect(found).toContain('error the-engine-knows-no-service: electron/sync/probe-service.ts → electron/services/ckyc/index.ts');
    expect(found).toContain('error the-engine-knows-no-service: electron/sync/probe-wire.ts → electron/connectors/ckyc-bulk/client.ts');
    expect(found).toContain(`error only-the-training-wiring-imports-the-sandbox: electron/sync/probe-sandbox.ts → ${sandboxModule}`);
    expect(found).toContain('error capabilities-never-import-the-composition-root: electron/records/probe-app.ts → electron/app/services.ts');
    expect(found).toContain('error capabilities-never-import-the-composition-root: electron/uae-onboarding/probe-app.ts → electron/app/services.ts');
    expect(found).toContain('error renderer-never-imports-electron: renderer/src/probe-main.ts → electron/store/database.ts');
    // Nothing but the probes is refused: the copy is otherwise the real, clean tree.
    expect(found.filter((entry) => !entry.includes('probe-'))).toEqual([]);
  });
});
