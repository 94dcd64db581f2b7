import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Each of these tables has one owner of its SQL; everyone else goes through it, so a change of
 * column or rule is made in one place. The schema (migrations.ts) is the store's own.
 */
const OWNERS: Record<string, string> = {
  documents: 'electron/documents/document-repository.ts',
  settings: 'electron/store/settings-repository.ts',
};
const SCHEMA = 'electron/store/migrations.ts';
const MAX_FILES = 2000;

function sourceFiles(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, found);
    else if (/\.tsx?$/.test(entry.name)) found.push(full);
    if (found.length > MAX_FILES) throw new Error(`more than ${MAX_FILES} source files under electron/: is the walk looping?`);
  }
  return found;
}

const root = path.resolve(__dirname, '../..');
const files = sourceFiles(path.join(root, 'electron')).map((file) => path.relative(root, file).split(path.sep).join('/'));

describe('who writes SQL for a table', () => {
  for (const [table, owner] of Object.entries(OWNERS)) {
    it(`only ${owner} queries the ${table} table`, () => {
      // Upper-case keywords only: prose such as "read from settings" in a comment is not SQL.
      const sql = new RegExp(`\\b(FROM|INTO|UPDATE|JOIN)\\s+${table}\\b`);
      const outside = files.filter((file) => file !== owner && file !== SCHEMA && sql.test(fs.readFileSync(path.join(root, file), 'utf8')));
      expect(outside).toEqual([]);
      expect(sql.test(fs.readFileSync(path.join(root, owner), 'utf8'))).toBe(true);
    });
  }

  it('nullable columns are read with the one row helper (store/row.ts), not by hand', () => {
    const byHand = /=== null \? null : String\(|=== null \|\| [\w.]+ === undefined \? null : /;
    const outside = files.filter((file) => file !== 'electron/store/row.ts' && byHand.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(outside).toEqual([]);
  });
});
