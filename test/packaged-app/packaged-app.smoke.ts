/**
 * Release smoke test: the packaged KYC Desk, exactly as it will be published (every fuse flipped),
 * started on this OS; the Training Maker signs in, captures and saves one record; the data key
 * must then be in the OS keychain. The release workflow runs it after packaging on each OS and
 * publishes only if it passes.
 *
 *   KYC_DESK_PACKAGED_APP=<path to the app's executable> node --import tsx test/packaged-app/packaged-app.smoke.ts
 *
 * Why not playwright's `_electron.launch`: it drives Electron through the Node inspector
 * (`--inspect`), which the enableNodeCliInspectArguments fuse turns off in what we ship. So the app
 * is started with Chromium's own `--remote-debugging-port` on loopback and playwright-core attaches
 * to its window over the DevTools protocol: the binary under test is the one that is published.
 * On Linux it needs a display (xvfb-run) and a Secret Service: a private D-Bus and GNOME Keyring
 * are started here, as the tests do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { waitForAppEvent } from '../support/app-under-test';
import { captureCompleteRecord, saveRecord } from '../support/capture-in-ui';
import { startTestKeyring, type TestKeyring } from '../support/keyring';
import { makeTempDir } from '../support/temp-dir';
import { keychainHolds, removeFromKeychain } from './os-keychain';

const KEYCHAIN_SERVICE = 'KYC Desk';
const WHOLE_RUN_MS = 6 * 60_000;
const STEP_MS = 90_000;

function step(message: string): void {
  console.log(`[smoke ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function fail(message: string): never {
  throw new Error(message);
}

/** Start the app and read the DevTools address Chromium prints once it listens. */
function launch(executable: string, dataDir: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const args = ['--remote-debugging-port=0', '--remote-debugging-address=127.0.0.1'];
  // GitHub's Ubuntu runners forbid the unprivileged user namespaces Chromium's sandbox needs.
  if (process.platform === 'linux') args.push('--no-sandbox');
  const child = spawn(executable, args, {
    env: { ...process.env, KYC_DESK_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the app printed no DevTools address within ${STEP_MS / 1000} s; it said:\n${seen.slice(-4000)}`)), STEP_MS);
    const read = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      process.stderr.write(text);
      seen += text;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, endpoint: match[1] });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the app ended before it was ready (code ${code}, signal ${signal}); it said:\n${seen.slice(-4000)}`));
    });
  });
}

async function appWindow(browser: Browser): Promise<Page> {
  const deadline = Date.now() + STEP_MS;
  while (Date.now() < deadline) {
    const page = browser.contexts().flatMap((context) => context.pages()).find((candidate) => candidate.url().startsWith('app://kyc-desk/'));
    if (page) return page;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return fail('no window showing app://kyc-desk/ appeared');
}

function stopped(child: ChildProcess, withinMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), withinMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function main(): Promise<void> {
  const given = process.env.KYC_DESK_PACKAGED_APP;
  if (!given) fail('Set KYC_DESK_PACKAGED_APP to the packaged app\'s executable (for example release/linux-unpacked/kyc-desk).');
  const executable = path.resolve(given);
  if (!fs.existsSync(executable)) fail(`No packaged app at ${executable}: package it first (npx electron-builder --dir).`);

  let keyring: TestKeyring | undefined;
  if (process.platform === 'linux') keyring = await startTestKeyring(); // the app inherits its bus address
  const temp = makeTempDir('kyc-desk-smoke-');
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  let account: string | undefined;
  try {
    step(`starting ${executable}`);
    const launched = await launch(executable, temp.dir);
    child = launched.child;
    browser = await chromium.connectOverCDP(launched.endpoint, { timeout: STEP_MS });
    const page = await appWindow(browser);
    page.setDefaultTimeout(30_000);
    await waitForAppEvent(page, 'app-ready');
    const language = await page.evaluate<string>('navigator.language');
    if (language !== 'en-IN') fail(`the window's locale is ${language}, not en-IN`);

    step('signing in as the Training Maker');
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');
    // With a masked Aadhaar image: main masks it on its worker thread, which must start from inside app.asar.
    step('capturing one record, with a masked Aadhaar image');
    await captureCompleteRecord(page, { firstName: 'Smoke', lastName: 'Test', pan: 'AFZPS4821Q', mobile: '9447012345', pinCode: '682001', city: 'Kochi', photo: 'file', aadhaar: true });
    const reference = await saveRecord(page);
    step(`saved as ${reference}`);

    const folderId = fs.readFileSync(path.join(temp.dir, 'training', 'folder-id'), 'utf8').trim();
    if (!/^[0-9a-f]{32}$/.test(folderId)) fail(`unexpected folder id "${folderId}"`);
    account = `data-key:${folderId}`;
    if (!(await keychainHolds(KEYCHAIN_SERVICE, account))) fail(`the OS keychain holds no "${KEYCHAIN_SERVICE}" / "${account}": the data key did not go to the keychain`);
    step(`the OS keychain holds ${KEYCHAIN_SERVICE} / ${account}`);

    // Quit as a person would (closing the window quits the app), and see it go within a bound.
    const session = await browser.newBrowserCDPSession();
    await session.send('Browser.close').catch(() => undefined);
    if (!(await stopped(child, 30_000))) fail('the app did not quit within 30 s of its window closing');
    step('passed');
  } finally {
    await browser?.close().catch(() => undefined);
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (account) await removeFromKeychain(KEYCHAIN_SERVICE, account).catch(() => undefined);
    await keyring?.stop();
    temp.remove();
  }
}

const watchdog = setTimeout(() => {
  console.error(`[smoke] FAILED: not finished within ${WHOLE_RUN_MS / 60_000} minutes`);
  process.exit(1);
}, WHOLE_RUN_MS);
watchdog.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[smoke] FAILED: ${(error as Error).message}`);
    process.exit(1);
  },
);
