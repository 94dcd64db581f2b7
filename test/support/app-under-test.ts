import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startTestKeyring, type TestKeyring } from './keyring';
import { startPreviewProcess, type PreviewProcess } from './preview-process';
import { makeTempDir } from './temp-dir';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/e2e');

export interface AppUnderTest {
  preview: PreviewProcess;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * The whole app as a person meets it: a real keychain, the built preview host as its own process
 * with a fresh data folder, and Debian's Chromium. Stop order matters: the host holds the keychain
 * until it stops.
 */
export async function startAppUnderTest(env: Record<string, string> = {}): Promise<AppUnderTest> {
  const keyring: TestKeyring = await startTestKeyring(); // sets process.env; the preview host inherits it
  const temp = makeTempDir();
  const preview = await startPreviewProcess({ KYC_DESK_DATA_DIR: temp.dir, ...env });
  // Chromium's fake camera (a moving test pattern) stands in for the counter's webcam, allowed without a prompt.
  const browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    preview,
    browser,
    stop: async () => {
      await browser.close();
      await preview.stop();
      await keyring.stop();
      temp.remove();
    },
  };
}

/** Wait for a named app event (app-ready, session-ready, sync-finished …) — never a fixed sleep. */
export async function waitForAppEvent(page: Page, name: string, count = 1, timeoutMs?: number): Promise<void> {
  await page.waitForFunction(
    ([n, c]) => ((globalThis as { __kycDeskEvents?: string[] }).__kycDeskEvents ?? []).filter((e) => e === n).length >= c,
    [name, count] as [string, number],
    { timeout: timeoutMs ?? 20_000 },
  );
}

/** Collect console errors and uncaught page errors: a CSP violation or a script error shows up here. */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/**
 * A new page of the app (on a fresh preview address, so nothing of an earlier page's session is
 * shared) signed in as one of Training mode's operators, with its problems collected from the start.
 */
export async function openSignedInPage(app: AppUnderTest, operator: 'Training Maker' | 'Training Checker' | 'Training Admin'): Promise<{ page: Page; problems: string[] }> {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems = collectPageProblems(page);
  await page.goto(await app.preview.nextUrl());
  await waitForAppEvent(page, 'app-ready');
  await page.getByRole('button', { name: `Continue as ${operator}` }).click();
  await waitForAppEvent(page, 'session-ready');
  return { page, problems };
}
