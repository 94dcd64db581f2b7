// `npm run preview [-- --port N --no-open]`: build if needed, then start the browser preview host.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildIfNeeded, root } from './build-if-needed.mjs';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** keytar is optional (it needs libsecret's headers to build): without it no keyring can be reached. */
function keytarLoads() {
  try {
    createRequire(path.join(root, 'package.json'))('keytar');
    return true;
  } catch {
    return false;
  }
}

/**
 * KYC Desk keeps its data key only in the OS keychain. A headless Linux box (a container, a fresh
 * server) has no Secret Service running, so there the preview runs Training mode against a
 * private, throwaway GNOME Keyring, deleted when it stops; the data folder is a temporary one too,
 * unless KYC_DESK_DATA_DIR names one. Either way the Training data cannot outlive the run, and the
 * app says so (keychain-choice.ts). Without keytar the app itself falls back to a key in memory.
 */
function throwawayKeychainNeeded() {
  return process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS && has('dbus-run-session') && has('gnome-keyring-daemon') && keytarLoads();
}

export function startPreview(args) {
  buildIfNeeded();
  const cli = path.join(root, 'dist/preview/cli.js');
  let child;
  let cleanup = () => undefined;
  if (throwawayKeychainNeeded()) {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-preview-'));
    for (const dir of ['data', 'run', 'kyc']) fs.mkdirSync(path.join(temp, dir), { mode: 0o700 });
    const chosenDataDir = process.env.KYC_DESK_DATA_DIR ? path.resolve(process.env.KYC_DESK_DATA_DIR) : null;
    console.log(
      chosenDataDir
        ? `No desktop keychain is running here, so this Training-mode preview uses a private, throwaway keychain, deleted when it stops; its Training data in ${chosenDataDir} cannot be opened after that.`
        : 'No desktop keychain is running here, so this Training-mode preview uses a private, throwaway keychain and data folder; both are deleted when it stops.',
    );
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
        KYC_DESK_DATA_DIR: chosenDataDir ?? path.join(temp, 'kyc'),
        KYC_DESK_THROWAWAY_KEYCHAIN: '1',
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
