// `npm start`: the desktop app in Electron; where the Electron binary is missing (closed network,
// CI container) it says so in one line and starts the browser preview instead.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { buildIfNeeded, root } from './build-if-needed.mjs';
import { startPreview } from './preview.mjs';

const electronDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));

function installedBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist'), fs.readFileSync(pathFile, 'utf8'));
  return fs.existsSync(binary) ? binary : null;
}

/**
 * Electron fetches its runtime on first use. Try that once, quietly and with a time limit:
 * on a closed network it fails, and the browser preview is the answer.
 */
function electronBinary() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return installedBinary();
  const found = installedBinary();
  if (found) return found;
  const fetched = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'pipe', timeout: 180_000 });
  return fetched.status === 0 ? installedBinary() : null;
}

const binary = electronBinary();
if (!binary) {
  console.log('The Electron runtime is not installed and could not be fetched (closed network?), so KYC Desk opens as a browser preview instead.');
  startPreview(process.argv.slice(2));
} else {
  buildIfNeeded();
  const child = spawn(binary, [root], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
