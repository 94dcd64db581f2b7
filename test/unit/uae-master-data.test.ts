import { describe, expect, it } from 'vitest';
import { checkListFile, MAX_LIST_FILE_BYTES, SHIPPED_UAE_LISTS, UAE_LIST_NAMES } from '../../shared/master-data/uae-lists';

/** The shipped code lists and the check an admin's import goes through (decision 0051). */
describe('UAE code lists', () => {
  it('ships every list, each with unique codes, and the countries as ISO 3166 alpha-2 with alpha-3', () => {
    for (const name of UAE_LIST_NAMES) {
      const entries = SHIPPED_UAE_LISTS[name];
      expect(entries.length, name).toBeGreaterThan(0);
      expect(new Set(entries.map((entry) => entry.code)).size, name).toBe(entries.length);
      expect(checkListFile(JSON.stringify({ list: name, entries }), name).ok, name).toBe(true);
    }
    expect(SHIPPED_UAE_LISTS.countries.length).toBe(249);
    expect(SHIPPED_UAE_LISTS.countries.find((c) => c.code === 'AE')).toEqual({ code: 'AE', label: 'United Arab Emirates', alpha3: 'ARE' });
    expect(SHIPPED_UAE_LISTS['id-types'].map((t) => t.code)).toEqual(['4', '2']);
  });

  it('refuses a file that is not JSON, not a list, the wrong list, has a code twice, or is too big, saying why', () => {
    expect(checkListFile('<html>', 'occupations')).toEqual({ ok: false, reason: expect.stringContaining('not JSON') });
    expect(checkListFile('{"list":"occupations","entries":[]}', 'occupations')).toEqual({ ok: false, reason: expect.stringContaining('The list has no entries.') });
    expect(checkListFile('{"list":"occupations","entries":[{"code":"1","label":""}]}', 'occupations')).toEqual({ ok: false, reason: expect.stringContaining('entries.0.label') });
    expect(checkListFile('{"list":"countries","entries":[{"code":"AE","label":"UAE"}]}', 'occupations')).toEqual({ ok: false, reason: expect.stringContaining('“Countries (ISO 3166)”, not “Occupations”') });
    expect(checkListFile('{"list":"occupations","entries":[{"code":"1","label":"A"},{"code":"1","label":"B"}]}', 'occupations')).toEqual({ ok: false, reason: expect.stringContaining('The code 1 appears twice') });
    expect(checkListFile(' '.repeat(MAX_LIST_FILE_BYTES + 1), 'occupations')).toEqual({ ok: false, reason: expect.stringContaining('may be at most 1024 KB') });
    expect(checkListFile('{"list":"occupations","entries":[{"code":"2856","label":"Accountant"},{"code":"2857","label":"Driver"}]}', 'occupations').ok).toBe(true);
  });
});
