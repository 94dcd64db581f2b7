import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { launchStart } from '../support/launcher-process';
import { makeTempDir } from '../support/temp-dir';

/**
 * A fresh machine with Node only: no libsecret headers, so keytar cannot be built. `npm ci` must
 * still succeed (keytar is an optional dependency), and `npm start` must still open Training mode,
 * with a throwaway key in memory, saying so in one line; Live mode must refuse and say what to
 * install. Both halves are run for real:
 *
 * 1. `npm ci` of keytar exactly as this project's package.json and package-lock.json declare it,
 *    with libsecret hidden from pkg-config (an empty PKG_CONFIG_LIBDIR): keytar's build fails, and
 *    npm must still succeed, leaving keytar out.
 * 2. The real launcher (`electron/launcher/start.mjs`) from a copy of the built app whose
 *    node_modules is this project's without keytar — what that `npm ci` leaves.
 */
const root = path.resolve(import.meta.dirname, '../..');

let temp: ReturnType<typeof makeTempDir>;
let app: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist/preview/cli.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  temp = makeTempDir('kyc-no-keytar-');
  app = copyBuiltAppWithoutKeytar(path.join(temp.dir, 'app'));
});
afterAll(() => temp?.remove());

/** keytar and everything it pulls in, copied from this project's lock file as they are. */
function keytarOnlyProject(dir: string): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const section = (['dependencies', 'optionalDependencies'] as const).find((name) => pkg[name]?.keytar);
  if (!section) throw new Error('package.json does not name keytar');
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string> }> };
  const entries: Record<string, unknown> = {};
  const resolve = (from: string, name: string): string => {
    // Node's lookup: the nearest node_modules up from the dependent package.
    for (let base = from; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
      const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (lock.packages[candidate]) return candidate;
      if (!base) throw new Error(`package-lock.json has no ${name} for ${from}`);
    }
  };
  const pending = ['node_modules/keytar'];
  for (let guard = 0; pending.length > 0 && guard < 500; guard++) {
    const at = pending.pop()!;
    if (entries[at]) continue;
    entries[at] = lock.packages[at];
    for (const name of Object.keys(lock.packages[at]?.dependencies ?? {})) pending.push(resolve(at, name));
  }
  const manifest = { name: 'keytar-check', version: '1.0.0', private: true, [section]: { keytar: pkg[section]!.keytar } };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  const lockfile = { name: 'keytar-check', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': manifest, ...entries } };
  fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lockfile, null, 2));
}

/** The launcher, the built app and package.json, with every installed package except keytar. */
function copyBuiltAppWithoutKeytar(dir: string): string {
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  for (const name of fs.readdirSync(path.join(root, 'node_modules'))) {
    if (name === 'keytar' || name.startsWith('.')) continue;
    fs.symlinkSync(path.join(root, 'node_modules', name), path.join(dir, 'node_modules', name));
  }
  fs.cpSync(path.join(root, 'electron/launcher'), path.join(dir, 'electron/launcher'), { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  fs.cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), { recursive: true });
  // The copy has no sources; its build must count as current so the launcher never rebuilds it.
  const later = new Date(Date.now() + 60_000);
  for (const output of ['dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/preview/cli.js']) fs.utimesSync(path.join(dir, output), later, later);
  return dir;
}

/** One call over the preview's socket, as the page makes it. */
async function callOverSocket(url: string, calls: Array<[string, unknown]>): Promise<unknown[]> {
  const { port, hash } = new URL(url);
  const token = hash.replace('#token=', '');
  const origin = `http://127.0.0.1:${port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ipc?token=${token}`, { origin });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const answers: unknown[] = [];
    for (const [index, [channel, payload]] of calls.entries()) {
      answers.push(
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${channel}: no answer within 10 s`)), 10_000);
          const onMessage = (data: WebSocket.RawData) => {
            const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
            if (message.id !== index + 1) return;
            clearTimeout(timer);
            ws.off('message', onMessage);
            resolve(message.result);
          };
          ws.on('message', onMessage);
          ws.send(JSON.stringify({ id: index + 1, channel, payload }));
        }),
      );
    }
    return answers;
  } finally {
    ws.close();
  }
}

describe('a fresh machine without the keychain library', () => {
  it('npm ci succeeds although keytar cannot be built without libsecret, and leaves keytar out', () => {
    const project = path.join(temp.dir, 'npm-ci');
    keytarOnlyProject(project);
    const npm = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--foreground-scripts'], {
      cwd: project,
      // libsecret hidden from pkg-config, and no prebuilt binary fetched: keytar's own build must fail.
      env: { ...process.env, PKG_CONFIG_LIBDIR: '', PKG_CONFIG_PATH: '', npm_config_build_from_source: 'true' },
      encoding: 'utf8',
      timeout: 90_000,
    });
    const output = `${npm.stdout}\n${npm.stderr}`;
    expect(output).toMatch(/libsecret-1.*not found/);
    expect(npm.status, output).toBe(0);
    expect(fs.existsSync(path.join(project, 'node_modules/keytar'))).toBe(false);
  }, 100_000);

  it('npm start opens Training mode with a throwaway key in memory, says so in one line, and starts afresh next time', async () => {
    const dataDir = path.join(temp.dir, 'data');
    const first = launchStart(app, { KYC_DESK_DATA_DIR: dataDir });
    try {
      const url = await first.url;
      expect(first.lines).toContain('The Electron runtime is not installed and could not be fetched (closed network?), so KYC Desk opens as a browser preview instead.');
      // The explicit data folder is the one used, and the one line says what the run keeps.
      expect(first.lines).toContain(`KYC Desk browser preview — Training mode; data in ${dataDir}`);
      const said = first.lines.filter((line) => line.startsWith('Training mode without a keychain ('));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/the keytar package is not installed.*gone once KYC Desk stops\. Live mode needs a keychain\.$/);
      expect(first.lines.some((line) => line.startsWith('No desktop keychain is running here'))).toBe(false);

      const page = await fetch(url.split('#')[0]!, { signal: AbortSignal.timeout(10_000) });
      expect(page.status).toBe(200);
      const [info, state] = (await callOverSocket(url, [
        ['app.info', {}],
        ['session.state', {}],
      ])) as Array<{ ok: boolean; value: { mode?: string; notices?: string[]; trainingOperators?: Array<{ role: string; id: string }> } }>;
      expect(info).toMatchObject({ ok: true, value: { mode: 'training' } });
      expect(info!.value.notices).toContain(said[0]); // on screen too
      expect(state!.value.trainingOperators?.map((operator) => operator.role).sort()).toEqual(['admin', 'checker', 'maker']);
      expect(fs.existsSync(path.join(dataDir, 'training/store'))).toBe(true);
      expect(await first.stop()).toBe(0);
    } finally {
      await first.stop();
    }

    // Its key died with the run: the next start says so and begins Training afresh.
    const second = launchStart(app, { KYC_DESK_DATA_DIR: dataDir });
    try {
      await second.url;
      expect(second.lines).toContain('The Training data of an earlier run was locked with a key that ended with that run, so it cannot be opened again; Training mode starts afresh.');
      expect(second.lines.filter((line) => line.startsWith('Training mode without a keychain ('))).toHaveLength(1);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 60_000);

  it('Live mode refuses to start and says what to install', async () => {
    const dataDir = path.join(temp.dir, 'live-data');
    const live = launchStart(app, { KYC_DESK_DATA_DIR: dataDir, KYC_DESK_MODE: 'live' });
    try {
      await expect(live.url).rejects.toThrow(/exited/);
      expect(await live.exited).toBe(1);
      const refusal = live.lines.find((line) => line.startsWith('KYC Desk preview could not start: '));
      expect(refusal).toMatch(/Live mode needs this computer's keychain, and it is not usable here \(.*the keytar package is not installed/);
      expect(refusal).toContain('sudo apt install libsecret-1-0 libsecret-1-dev gnome-keyring');
      expect(fs.existsSync(path.join(dataDir, 'live/folder-id'))).toBe(false);
    } finally {
      await live.stop();
    }
  }, 40_000);
});
