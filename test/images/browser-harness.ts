/**
 * The images code in real Chromium: bundles `browser/entry.tsx` with esbuild, serves it from
 * 127.0.0.1 (a secure context, so getUserMedia works) and opens it in Debian's Chromium with the
 * fake camera. Used by images-in-chromium.test.ts and the photo-compress bench.
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';

export interface ImagesPage {
  browser: Browser;
  page: Page;
  url: string;
  /** Console errors and page errors seen so far. */
  problems: string[];
  close(): Promise<void>;
}

const ENTRY = path.resolve(import.meta.dirname, 'browser/entry.tsx');
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>images</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob: mediastream:">
</head><body><main id="root"></main><script type="module" src="/entry.js"></script></body></html>`;

export async function bundleEntry(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    loader: { '.css': 'empty' },
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export async function openImagesPage(extraArgs: string[] = []): Promise<ImagesPage> {
  const script = await bundleEntry();
  const server = http.createServer((request, response) => {
    if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else if (request.url === '/entry.js') response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    else if (request.url === '/favicon.ico') response.writeHead(204).end();
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  let browser: Browser | null = null;
  try {
    browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', ...extraArgs]);
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.grantPermissions(['camera'], { origin: url.slice(0, -1) });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.goto(url, { timeout: 15_000 });
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.ready === 'yes', null, { timeout: 15_000 });
    const opened = browser;
    return {
      browser: opened,
      page,
      url,
      problems,
      async close() {
        await opened.close().catch(() => undefined);
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    server.close();
    throw error;
  }
}
