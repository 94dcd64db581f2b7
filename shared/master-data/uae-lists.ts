/**
 * The UAE customer's code lists (docs/decisions/0051): countries, id types, resident types,
 * occupations, income ranges and the rest, as the customer data platform (CDP) codes them. They are
 * data files beside this module (uae/<list>.json), shipped with the app; an admin may import the
 * CDP's own list over a shipped one without a new release (electron/master-data/), and the form and
 * the record's rules then use the imported one. The file shape is checked here, the same for the
 * shipped files (by a test) and for an import.
 */
import { z } from 'zod';
import addressTypes from './uae/address-types.json';
import countries from './uae/countries.json';
import currencies from './uae/currencies.json';
import customerTypes from './uae/customer-types.json';
import genders from './uae/genders.json';
import idTypes from './uae/id-types.json';
import incomeRanges from './uae/income-ranges.json';
import incomeTypes from './uae/income-types.json';
import languages from './uae/languages.json';
import maritalStatuses from './uae/marital-statuses.json';
import nativeRegions from './uae/native-regions.json';
import occupations from './uae/occupations.json';
import pepCategories from './uae/pep-categories.json';
import professionCategories from './uae/profession-categories.json';
import profileCategories from './uae/profile-categories.json';
import residentTypes from './uae/resident-types.json';
import riskRatings from './uae/risk-ratings.json';
import salutations from './uae/salutations.json';
import socialLinkTypes from './uae/social-link-types.json';

export const UAE_LIST_NAMES = [
  'countries',
  'currencies',
  'languages',
  'salutations',
  'genders',
  'id-types',
  'address-types',
  'resident-types',
  'native-regions',
  'occupations',
  'customer-types',
  'income-ranges',
  'risk-ratings',
  'pep-categories',
  'income-types',
  'profession-categories',
  'marital-statuses',
  'profile-categories',
  'social-link-types',
] as const;
export type UaeListName = (typeof UAE_LIST_NAMES)[number];

/** What a list is called on the admin's screen and in the audit trail. */
export const UAE_LIST_TITLES: Readonly<Record<UaeListName, string>> = {
  countries: 'Countries (ISO 3166)',
  currencies: 'Currencies (ISO 4217)',
  languages: 'Languages (ISO 639-1)',
  salutations: 'Salutations',
  genders: 'Genders',
  'id-types': 'Id types',
  'address-types': 'Address types',
  'resident-types': 'Resident types',
  'native-regions': 'Native regions',
  occupations: 'Occupations',
  'customer-types': 'Customer types',
  'income-ranges': 'Annual income ranges',
  'risk-ratings': 'Risk ratings',
  'pep-categories': 'PEP categories',
  'income-types': 'Income types',
  'profession-categories': 'Profession categories',
  'marital-statuses': 'Marital statuses',
  'profile-categories': 'Profile categories',
  'social-link-types': 'Social link types',
};

/** A list file larger than this is refused before it is read: the CDP's longest list (occupations) is a few thousand lines. */
export const MAX_LIST_FILE_BYTES = 1024 * 1024;
export const MAX_LIST_ENTRIES = 10_000;

/** The id types the record's rules know by code (the vendor's example: 4 Emirates ID, 2 passport). */
export const ID_TYPE_EMIRATES_ID = '4';
export const ID_TYPE_PASSPORT = '2';

const entrySchema = z.object({
  /** As the CDP sends it: a number (occupation 2856) or a short code (AE, PC1), kept as text. */
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,20}$/, 'A code is 1 to 20 letters, digits, dots, hyphens or underscores.'),
  label: z.string().trim().min(1, 'Every entry needs a label.').max(150, 'A label has at most 150 characters.'),
  /** Countries only: the ISO 3166 alpha-3 code beside the alpha-2 one. */
  alpha3: z.string().regex(/^[A-Z]{3}$/).optional(),
});
export type MasterEntry = z.infer<typeof entrySchema>;

export const masterListFileSchema = z.object({
  list: z.enum(UAE_LIST_NAMES),
  entries: z.array(entrySchema).min(1, 'The list has no entries.').max(MAX_LIST_ENTRIES, `A list has at most ${MAX_LIST_ENTRIES} entries.`),
});
export type MasterListFile = z.infer<typeof masterListFileSchema>;

export type UaeMasterData = Readonly<Record<UaeListName, readonly MasterEntry[]>>;

/**
 * A list file as text, checked: its size, JSON, its shape, that it is the list expected, and that
 * no code appears twice (a code names one thing). The reason is for the admin who picked the file.
 */
export function checkListFile(text: string, expected: UaeListName): { ok: true; file: MasterListFile } | { ok: false; reason: string } {
  // Characters, not bytes (shared code has no encoder): main bounds the file's bytes before reading it.
  if (text.length > MAX_LIST_FILE_BYTES) return { ok: false, reason: `This file is ${Math.round(text.length / 1024)} KB; a code list file may be at most ${MAX_LIST_FILE_BYTES / 1024} KB.` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'This file is not a code list: it is not JSON. Export the list from the CDP as JSON and try again.' };
  }
  const parsed = masterListFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
    return { ok: false, reason: `This file is not a code list as KYC Desk reads one${where}: ${issue.message}` };
  }
  if (parsed.data.list !== expected) {
    return { ok: false, reason: `This file holds the list “${UAE_LIST_TITLES[parsed.data.list]}”, not “${UAE_LIST_TITLES[expected]}”. Pick the right file.` };
  }
  const seen = new Set<string>();
  for (const entry of parsed.data.entries) {
    if (seen.has(entry.code)) return { ok: false, reason: `The code ${entry.code} appears twice in this list: each code must name one thing. Correct the file and try again.` };
    seen.add(entry.code);
  }
  return { ok: true, file: parsed.data };
}

const SHIPPED_FILES: readonly unknown[] = [
  countries, currencies, languages, salutations, genders, idTypes, addressTypes, residentTypes, nativeRegions, occupations,
  customerTypes, incomeRanges, riskRatings, pepCategories, incomeTypes, professionCategories, maritalStatuses, profileCategories, socialLinkTypes,
];

/** The lists shipped with this version (the files are checked by test/unit/uae-master-data.test.ts). */
export const SHIPPED_UAE_LISTS: UaeMasterData = (() => {
  const byName = new Map(SHIPPED_FILES.map((file) => masterListFileSchema.parse(file)).map((file) => [file.list, file.entries]));
  return Object.fromEntries(UAE_LIST_NAMES.map((name) => [name, byName.get(name) ?? []])) as Record<UaeListName, MasterEntry[]>;
})();

let inForce: UaeMasterData = SHIPPED_UAE_LISTS;

/**
 * The lists this PC uses now. A record kind's rules take no facts from outside (RecordKind.validate),
 * so the lists in force are set here once they are known: main at start and after an admin's
 * import, the renderer when it has asked main for them. Until then, the shipped ones.
 */
export function uaeLists(): UaeMasterData {
  return inForce;
}

export function putUaeListsInForce(lists: UaeMasterData): void {
  inForce = lists;
}

/** The label of `code` in `list`, or the code itself when the list lacks it. */
export function uaeLabel(list: UaeListName, code: string, lists: UaeMasterData = inForce): string {
  return lists[list].find((entry) => entry.code === code)?.label ?? code;
}
