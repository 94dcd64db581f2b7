/**
 * The images code in real Chromium: bundles `browser/entry.tsx` and opens it in Debian's Chromium
 * with the fake camera (see ../support/browser-page.ts). Used by images-in-chromium.test.ts and the
 * photo-compress bench.
 */
import path from 'node:path';
import { bundleBrowserEntry, openBundledPage, type BundledPage } from '../support/browser-page';

export type ImagesPage = BundledPage;

const ENTRY = path.resolve(import.meta.dirname, 'browser/entry.tsx');

export async function bundleEntry(): Promise<string> {
  return (await bundleBrowserEntry({ entry: ENTRY })).script;
}

export async function openImagesPage(extraArgs: string[] = []): Promise<ImagesPage> {
  return openBundledPage({ entry: ENTRY, title: 'images', camera: true, chromiumArgs: extraArgs });
}
