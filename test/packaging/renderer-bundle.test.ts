import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The renderer as `npm run build:renderer` makes it, written to a folder of its own (never
 * dist/, which others may be using): Vite warns above 500 kB a chunk, and the first page an
 * operator loads should not carry every screen. The screens are lazily loaded (shell/App.tsx).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const VITE_WARNING_BYTES = 500 * 1000;
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-renderer-bundle-'));

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('the renderer bundle', () => {
  it('has no chunk over Vite\'s 500 kB warning, and the screens are chunks of their own loaded when opened', () => {
    // As the npm script runs it, in a process of its own: vitest's NODE_ENV=test would bundle React's development build.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')));
    const run = spawnSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--mode', 'renderer', '--outDir', out, '--emptyOutDir'], { cwd: ROOT, env, encoding: 'utf8', timeout: 100_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/built in/);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/larger than 500 kB/);
    const assets = path.join(out, 'assets');
    const chunks = fs.readdirSync(assets).filter((name) => name.endsWith('.js'));
    const sizes = Object.fromEntries(chunks.map((name) => [name, fs.statSync(path.join(assets, name)).size]));
    const over = Object.entries(sizes).filter(([, bytes]) => bytes > VITE_WARNING_BYTES);
    expect(over).toEqual([]);
    // The entry the page loads first names the screens' chunks only as dynamic imports.
    const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    const entry = /<script[^>]+src="\.\/assets\/([^"]+\.js)"/.exec(html)?.[1] ?? '';
    expect(chunks).toContain(entry);
    for (const screen of ['CaptureFlow', 'FetchView', 'RegistryView', 'BatchesView', 'ConnectionsView']) {
      expect(chunks.some((name) => name.startsWith(`${screen}-`)), `${screen} is a chunk of its own`).toBe(true);
    }
  }, 120_000);
});
