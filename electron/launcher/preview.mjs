// `npm run preview [-- --port N --no-open]`: build if needed, then start the browser preview host.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfNeeded, root } from './build-if-needed.mjs';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/**
 * KYC Desk keeps its data key only in the OS keychain. A headless Linux box (a container, a fresh
 * server) has no Secret Service running, so there the preview runs Training mode against a
 * private, throwaway GNOME Keyring and a temporary data folder, both deleted when it stops:
 * nothing is kept, and nothing is ever written in plain text.
 */
function throwawayKeychainNeeded() {
  return process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS && has('dbus-run-session') && has('gnome-keyring-daemon');
}

export function startPreview(args) {
  buildIfNeeded();
  const cli = path.join(root, 'dist/preview/cli.js');
  let child;
  let cleanup = () => undefined;
  if (throwawayKeychainNeeded()) {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-preview-'));
    for (const dir of ['data', 'run', 'kyc']) fs.mkdirSync(path.join(temp, dir), { mode: 0o700 });
    console.log('No desktop keychain is running here, so this Training-mode preview uses a private, throwaway keychain and data folder; both are deleted when it stops.');
    const unlockThenRun = 'printf %s "$KYC_DESK_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && unset KYC_DESK_KEYRING_PASSWORD && exec "$@"';
    // Its own process group, so a stop reaches the preview host and the keyring, not just dbus-run-session.
    child = spawn('dbus-run-session', ['--', 'sh', '-c', unlockThenRun, 'sh', process.execPath, cli, ...args], {
      cwd: root,
      stdio: 'inherit',
      detached: true,
      env: {
        ...process.env,
        XDG_DATA_HOME: path.join(temp, 'data'),
        XDG_RUNTIME_DIR: path.join(temp, 'run'),
        KYC_DESK_DATA_DIR: path.join(temp, 'kyc'),
        KYC_DESK_KEYRING_PASSWORD: randomBytes(24).toString('hex'),
      },
    });
    cleanup = () => fs.rmSync(temp, { recursive: true, force: true });
  } else {
    child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  }
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopping = true;
      try {
        process.kill(child.spawnargs[0] === 'dbus-run-session' ? -child.pid : child.pid, signal);
      } catch {
        // already gone
      }
    });
  }
  child.on('exit', (code, signal) => {
    cleanup();
    // Stopped on request: a clean stop, whatever signal ended the child.
    process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(root, 'electron/launcher/preview.mjs')) startPreview(process.argv.slice(2));
