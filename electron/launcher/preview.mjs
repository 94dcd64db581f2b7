// `npm run preview [-- --port N --no-open]`: build if needed, then start the browser preview host.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildIfNeeded, root } from './build-if-needed.mjs';

export function startPreview(args) {
  buildIfNeeded();
  const child = spawn(process.execPath, [path.join(root, 'dist/preview/cli.js'), ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(root, "electron/launcher/preview.mjs")) startPreview(process.argv.slice(2));
