// Rebuild dist/ when it is missing or older than any source file, so `npm start` and
// `npm run preview` always run what is in the work tree.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outputs = ['dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/preview/cli.js'];
const sources = ['electron', 'renderer', 'shared', 'vite.config.ts', 'package.json'];

function newestMtime(entry) {
  // A copy of the built app without its sources (or without one of them) has nothing to rebuild from.
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function buildIfNeeded() {
  const builtAt = Math.min(...outputs.map((file) => (fs.existsSync(path.join(root, file)) ? fs.statSync(path.join(root, file)).mtimeMs : 0)));
  const changedAt = Math.max(...sources.map((entry) => newestMtime(path.join(root, entry))));
  if (builtAt > changedAt) return;
  console.log('Building KYC Desk…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}
