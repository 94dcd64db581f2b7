import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { launchStart } from '../support/launcher-process';
import { makeTempDir } from '../support/temp-dir';

/**
 * The README's first command, `npm start`, on a machine like CI's: no Electron runtime and no
 * desktop keychain. It must say so in one line each and still open Training mode in the preview,
 * leaving nothing behind when stopped.
 */
const root = path.resolve(import.meta.dirname, '../..');

describe('npm start on a headless machine', () => {
  it('falls back to the browser preview with a throwaway keychain, serves the app, and cleans up', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.KYC_DESK_DATA_DIR;
    const child = spawn(process.execPath, [path.join(root, 'electron/launcher/start.mjs'), '--no-open', '--port', '0'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    readline.createInterface({ input: child.stderr }).on('line', (line) => lines.push(line));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 90 s:\n${lines.join('\n')}`)), 90_000);
        readline.createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          if (/^http:\/\/127\.0\.0\.1:\d+\/#token=/.test(line)) {
            clearTimeout(timer);
            resolve(line.trim());
          }
        });
        void exited.then((code) => reject(new Error(`npm start exited (${code}):\n${lines.join('\n')}`)));
      });
      expect(lines).toContain('The Electron runtime is not installed and could not be fetched (closed network?), so KYC Desk opens as a browser preview instead.');
      expect(lines.some((line) => line.startsWith('No desktop keychain is running here'))).toBe(true);
      const page = await fetch(url.split('#')[0]!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>KYC Desk</title>');
      const dataDir = /data in (\S+)/.exec(lines.find((line) => line.includes('data in')) ?? '')?.[1];
      expect(dataDir).toBeDefined();
      expect(fs.existsSync(dataDir!)).toBe(true);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.dirname(dataDir!))).toBe(false); // the throwaway keychain and data are gone
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);

  it('honours an explicit KYC_DESK_DATA_DIR with the throwaway keychain, keeps that folder, and says its Training data will not open again', async () => {
    const temp = makeTempDir('kyc-newcomer-dir-');
    const dataDir = path.join(temp.dir, 'my data');
    try {
      const first = launchStart(root, { KYC_DESK_DATA_DIR: dataDir }, 90_000);
      try {
        const url = await first.url;
        expect(first.lines).toContain(
          `No desktop keychain is running here, so this Training-mode preview uses a private, throwaway keychain, deleted when it stops; its Training data in ${dataDir} cannot be opened after that.`,
        );
        expect(first.lines).toContain(`KYC Desk browser preview — Training mode; data in ${dataDir}`);
        expect(first.lines).toContain('Training mode with a throwaway keychain: what you enter in this run cannot be opened again once KYC Desk stops.');
        expect((await fetch(url.split('#')[0]!, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
      } finally {
        expect(await first.stop()).toBe(0);
      }
      expect(fs.existsSync(path.join(dataDir, 'training', 'store'))).toBe(true); // the named folder is kept, not deleted

      const second = launchStart(root, { KYC_DESK_DATA_DIR: dataDir }, 90_000);
      try {
        await second.url;
        expect(second.lines).toContain('The Training data of an earlier run was locked with a key that ended with that run, so it cannot be opened again; Training mode starts afresh.');
      } finally {
        expect(await second.stop()).toBe(0);
      }
    } finally {
      temp.remove();
    }
  }, 200_000);
});
