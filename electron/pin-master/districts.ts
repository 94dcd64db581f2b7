/**
 * District names: how the master shows them (upper case, as CKYC files carry them) and how an
 * operator's district is compared with the master's.
 */
import { compactKey } from './state-names';
import type { IndianStateCode } from '../../shared/codes/states';

/**
 * The master's spelling of a district: upper case, single spaces, and without the state tag
 * India Post adds to tell same-named districts apart ("Bijapur(KAR)", "Raigarh(MH)",
 * "Bilaspur (HP)", "Aurangabad(BH)" → BIJAPUR, RAIGARH, BILASPUR, AURANGABAD: within one state the
 * name is unique). A longer parenthesis is part of the name and kept ("KAIMUR (BHABUA)"). Stray
 * asterisks some exports carry ("Gautam Buddha Nagar **") are dropped.
 */
export function cleanDistrictName(raw: string): string {
  return raw
    .replace(/\*+/g, ' ')
    .replace(/\s*\((?:[A-Z]{2,3})\)\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

/**
 * Districts renamed since India Post's list was made (or spelled two ways), per state. Names in
 * one group are the same district for the check; the master still shows its own spelling.
 * Only renames belong here — a district split off from another (Telangana's 2016 districts,
 * Tiruppur from Coimbatore, …) is a different district and still gives a district mismatch:
 * the operator confirms it with a reason.
 */
const DISTRICT_SAME_AS: ReadonlyArray<readonly [IndianStateCode, readonly string[]]> = [
  ['AP', ['Cuddapah', 'Kadapa', 'YSR Kadapa', 'YSR', 'Y.S.R.']],
  ['AP', ['Ananthapur', 'Anantapur', 'Anantapuramu']],
  ['AP', ['Nellore', 'Sri Potti Sriramulu Nellore', 'SPSR Nellore']],
  ['AP', ['Visakhapatnam', 'Vishakhapatnam']],
  ['GJ', ['Ahmedabad', 'Ahmadabad']],
  ['GJ', ['Panch Mahals', 'Panchmahal', 'Panchmahals']],
  ['GJ', ['Dangs', 'The Dangs', 'Dang']],
  ['HR', ['Gurgaon', 'Gurugram']],
  ['HR', ['Mewat', 'Nuh']],
  ['JK', ['Ananthnag', 'Anantnag']],
  ['JK', ['Rajauri', 'Rajouri']],
  ['JK', ['Bandipur', 'Bandipora']],
  ['KA', ['Bangalore', 'Bengaluru', 'Bangalore Urban', 'Bengaluru Urban']],
  ['KA', ['Bangalore Rural', 'Bengaluru Rural']],
  ['KA', ['Belgaum', 'Belagavi']],
  ['KA', ['Bellary', 'Ballari']],
  ['KA', ['Bijapur', 'Vijayapura']],
  ['KA', ['Chickmagalur', 'Chikmagalur', 'Chikkamagaluru']],
  ['KA', ['Chamrajnagar', 'Chamarajanagar', 'Chamarajanagara']],
  ['KA', ['Gulbarga', 'Kalaburagi', 'Kalburgi']],
  ['KA', ['Mysore', 'Mysuru']],
  ['KA', ['Shimoga', 'Shivamogga']],
  ['KA', ['Tumkur', 'Tumakuru']],
  ['KA', ['Ramanagar', 'Ramanagara']],
  ['KA', ['Davangere', 'Davanagere']],
  ['KA', ['Dharwad', 'Dharward']],
  ['MH', ['Raigarh', 'Raigad']],
  ['MH', ['Ahmed Nagar', 'Ahmednagar', 'Ahilyanagar']],
  ['MH', ['Aurangabad', 'Chhatrapati Sambhajinagar']],
  ['MH', ['Osmanabad', 'Dharashiv']],
  ['MH', ['Mumbai', 'Mumbai City']],
  ['MP', ['Hoshangabad', 'Narmadapuram']],
  ['OR', ['Khorda', 'Khurda', 'Khordha']],
  ['OR', ['Debagarh', 'Deogarh']],
  ['PB', ['Ropar', 'Rupnagar']],
  ['PB', ['Nawanshahr', 'Shahid Bhagat Singh Nagar', 'SBS Nagar']],
  ['PB', ['Mohali', 'SAS Nagar', 'Sahibzada Ajit Singh Nagar']],
  ['TG', ['K.V.Rangareddy', 'Ranga Reddy', 'Rangareddy', 'Rangareddi']],
  ['TG', ['Mahabub Nagar', 'Mahabubnagar', 'Mahbubnagar']],
  ['TN', ['Tuticorin', 'Thoothukudi', 'Thoothukkudi']],
  ['TN', ['Kanyakumari', 'Kanniyakumari']],
  ['TN', ['Tirunelveli', 'Thirunelveli']],
  ['UP', ['Allahabad', 'Prayagraj']],
  ['UP', ['Faizabad', 'Ayodhya']],
  ['UP', ['Jyotiba Phule Nagar', 'Amroha']],
  ['UP', ['Sant Ravidas Nagar', 'Bhadohi', 'Sant Ravidas Nagar Bhadohi']],
  ['UP', ['Kanshiram Nagar', 'Kasganj']],
  ['UP', ['Mahamaya Nagar', 'Hathras']],
  ['WB', ['Darjiling', 'Darjeeling']],
  ['WB', ['Hooghly', 'Hugli']],
  ['WB', ['Howrah', 'Haora']],
  ['WB', ['Kolkata', 'Calcutta']],
  ['WB', ['Medinipur', 'Midnapore']],
  ['WB', ['Cooch Behar', 'Koch Bihar']],
];

const SAME_AS_KEY: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [state, names] of DISTRICT_SAME_AS) {
    const group = `${state}:${compactKey(cleanDistrictName(names[0] ?? ''))}`;
    for (const name of names) {
      const key = `${state}:${compactKey(cleanDistrictName(name))}`;
      const existing = map.get(key);
      if (existing !== undefined && existing !== group) throw new Error(`District "${name}" is in two groups.`);
      map.set(key, group);
    }
  }
  return map;
})();

/**
 * The key two district names are compared by, in one state: letters and digits only (so
 * "Karim Nagar" = "KARIMNAGAR", "K.V.Rangareddy" = "KV RANGAREDDY"), a trailing "DISTRICT"
 * ignored, and renamed districts folded together.
 */
export function districtMatchKey(state: IndianStateCode, district: string): string {
  let key = compactKey(cleanDistrictName(district));
  if (key.endsWith('DISTRICT') && key.length > 'DISTRICT'.length) key = key.slice(0, -'DISTRICT'.length);
  const scoped = `${state}:${key}`;
  return SAME_AS_KEY.get(scoped) ?? scoped;
}
