import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ABANDONED_AFTER_MS, removeAbandonedDocuments } from '../../electron/documents/abandoned-documents';
import type { Store } from '../../electron/store/database';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore } from '../support/test-store';

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
beforeEach(async () => {
  temp = makeTempDir();
  store = (await openTestStore(temp.dir)).store;
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

const now = new Date('2026-12-02T10:00:00Z');
const hash = (c: string) => c.repeat(64);

function addDocument(h: string, recordId: string | null, ageMs: number): void {
  const createdAt = new Date(now.getTime() - ageMs).toISOString();
  store.write(() =>
    store.run("INSERT INTO documents (hash, record_id, kind, image_code, mime, bytes, masked, created_at) VALUES (?, ?, 'jpeg', '02', 'image/jpeg', 10, 0, ?)", [h, recordId, createdAt]),
  );
}

describe('documents attached to nothing', () => {
  it('forgets only those a day old that no record and no draft refers to', () => {
    addDocument(hash('a'), null, ABANDONED_AFTER_MS + 1); // abandoned
    addDocument(hash('b'), null, ABANDONED_AFTER_MS - 60_000); // attached minutes ago: a capture under way
    addDocument(hash('c'), 'rec_1', ABANDONED_AFTER_MS * 10); // on a record
    addDocument(hash('d'), null, ABANDONED_AFTER_MS * 3); // in an operator's draft
    expect(removeAbandonedDocuments(store, new Set([hash('d')]), now)).toBe(1);
    expect(store.all('SELECT hash FROM documents ORDER BY hash').map((row) => row.hash)).toEqual([hash('b'), hash('c'), hash('d')]);
    expect(removeAbandonedDocuments(store, new Set([hash('d')]), now)).toBe(0);
  });
});
