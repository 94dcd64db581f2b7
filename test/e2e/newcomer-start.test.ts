import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';

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
});
