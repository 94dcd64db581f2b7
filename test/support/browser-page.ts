/**
 * Browser code in real Chromium: bundles one entry with esbuild (JSX automatic runtime, the
 * renderer's CSS files bundled or dropped), serves it from 127.0.0.1 (a secure context, so
 * getUserMedia works) and opens it in Debian's Chromium. The entry sets `document.body.dataset.ready
 * = 'yes'` when it is ready. Used by the images tests (test/images/browser-harness.ts) and the
 * renderer bench (test/bench/renderer.bench.ts).
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';

export interface BundledPage {
  browser: Browser;
  page: Page;
  url: string;
  /** Console errors and page errors seen so far. */
  problems: string[];
  close(): Promise<void>;
}

export interface BundleOptions {
  /** The browser entry (absolute path). */
  entry: string;
  /** 'bundle': the imported CSS files are served as /entry.css and linked; 'drop': they are ignored. */
  css?: 'bundle' | 'drop';
  /** React's build: 'production' for figures that mean anything (the app ships it), 'development' for its checks. */
  nodeEnv?: 'development' | 'production';
}

export interface OpenOptions extends BundleOptions {
  title?: string;
  /** Extra Chromium flags. */
  chromiumArgs?: string[];
  /** Grant the camera permission to the page's origin (with Chromium's fake device flags). */
  camera?: boolean;
}

const CSP = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob: mediastream:`;
const TIMEOUT_MS = 15_000;

export interface Bundle {
  script: string;
  css: string | null;
}

export async function bundleBrowserEntry({ entry, css = 'drop', nodeEnv = 'development' }: BundleOptions): Promise<Bundle> {
  const result = await build({
    entryPoints: { entry },
    bundle: true,
    write: false,
    outdir: path.join(path.dirname(entry), '.out'), // never written (write: false); names the outputs
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    loader: { '.css': css === 'bundle' ? 'css' : 'empty' },
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    minify: nodeEnv === 'production',
    logLevel: 'silent',
  });
  const script = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!script) throw new Error(`esbuild produced no script for ${entry}`);
  return { script: script.text, css: result.outputFiles.find((file) => file.path.endsWith('.css'))?.text ?? null };
}

export async function openBundledPage(options: OpenOptions): Promise<BundledPage> {
  const { script, css } = await bundleBrowserEntry(options);
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${options.title ?? 'test'}</title>
<meta http-equiv="Content-Security-Policy" content="${CSP}">${css === null ? '' : '<link rel="stylesheet" href="/entry.css">'}
</head><body><main id="root"></main><script type="module" src="/entry.js"></script></body></html>`;
  const server = http.createServer((request, response) => {
    if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    else if (request.url === '/entry.js') response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    else if (request.url === '/entry.css' && css !== null) response.writeHead(200, { 'content-type': 'text/css; charset=utf-8' }).end(css);
    else if (request.url === '/favicon.ico') response.writeHead(204).end();
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  let browser: Browser | null = null;
  try {
    const cameraArgs = options.camera ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : [];
    browser = await launchChromium([...cameraArgs, ...(options.chromiumArgs ?? [])]);
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    if (options.camera) await context.grantPermissions(['camera'], { origin: url.slice(0, -1) });
    const tab = await context.newPage();
    tab.setDefaultTimeout(TIMEOUT_MS);
    const problems: string[] = [];
    tab.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    tab.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await tab.goto(url, { timeout: TIMEOUT_MS });
    await tab.waitForFunction(() => (globalThis as any).document.body.dataset.ready === 'yes', null, { timeout: TIMEOUT_MS });
    const opened = browser;
    return {
      browser: opened,
      page: tab,
      url,
      problems,
      async close() {
        await opened.close().catch(() => undefined);
        await closeServer();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await closeServer();
    throw error;
  }
}
