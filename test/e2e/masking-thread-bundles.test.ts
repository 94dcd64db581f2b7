/**
 * The masking thread as it ships: the built worker files (dist/electron/mask-worker.cjs next to the
 * app's main.cjs, dist/preview/mask-worker.js next to the preview's cli.js) start as worker threads
 * in plain Node, need nothing from node_modules, and mask a card photograph. The build must exist
 * (`npm test` builds first); the preview's own use of it is exercised by full-record.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';
import { MaskingThread } from '../../electron/documents/masking/masking-thread';
import { cardPicture, decodeStoredJpeg, digitsBox, jpegOf, samplePicture } from '../support/aadhaar-image';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const threads: MaskingThread[] = [];
afterEach(async () => {
  await Promise.all(threads.splice(0).map((thread) => thread.close()));
});

describe('the built masking thread', () => {
  it.each([['dist/electron/mask-worker.cjs'], ['dist/preview/mask-worker.js']])('%s masks a card photograph within the limit', async (file) => {
    const script = path.join(repoRoot, file);
    if (!fs.existsSync(script)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
    // Bundled whole: the codecs are inside, so the packaged thread resolves no module at run time.
    expect(fs.readFileSync(script, 'utf8')).not.toMatch(/require\(["'](jpeg-js|pngjs)["']\)|from ["'](jpeg-js|pngjs)["']/);
    const thread = new MaskingThread({ script: pathToFileURL(script) });
    threads.push(thread);
    const box = digitsBox(1600, 1200);
    const fitted = await thread.mask({ bytes: jpegOf(cardPicture(21, 1600, 1200), 92), kind: 'jpeg', boxes: [box], limitBytes: DEFAULT_DOCUMENT_LIMITS.documentBytes });
    expect(fitted.jpeg.length).toBeLessThanOrEqual(DEFAULT_DOCUMENT_LIMITS.documentBytes);
    const picture = decodeStoredJpeg(fitted.jpeg);
    const scale = picture.width / 1600;
    const scaled = { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale };
    expect(samplePicture(picture, scaled, { x: 10, y: 10, width: 20, height: 20 }, 4).insideMax).toBeLessThanOrEqual(24);
  }, 60_000);
});
