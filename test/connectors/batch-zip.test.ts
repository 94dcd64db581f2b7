import { parse } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KycImage, KycRecord } from '../../shared/record/kyc-record';
import { BATCH_DETAILS_COLUMNS, MAX_IMAGE_FILE_NAME, type BatchHeader, type BatchRecord } from '../../electron/connectors/ckyc-bulk/batch-csv';
import { BATCH_FIXED_BYTES, buildBatchZip, recordZipBytes, splitIntoBatches } from '../../electron/connectors/ckyc-bulk/batch-zip';
import { ZipWriter, METHOD_STORED } from '../../electron/connectors/ckyc-bulk/zip-writer';
import { batchLayoutProblems, readBatchZip, ZipRefused, type ZipRefusal } from '../../electron/connectors/ckyc-bulk/zip-reading';
import { sampleBatchHeader, storedSample } from '../support/kyc-records';
import { makeTempDir } from '../support/temp-dir';

const UNZIP = '/usr/bin/unzip';

// ---------------------------------------------------------------------------------------------
// Fixtures: three stored records, each with a JPEG photograph and a PDF document
// ---------------------------------------------------------------------------------------------

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

class FakeDocuments {
  readonly files = new Map<string, Buffer>();
  reads = 0;
  add(bytes: Buffer, code: string, mime: string): KycImage {
    const documentHash = hashOf(bytes);
    this.files.set(documentHash, bytes);
    return { code, documentHash, mime, bytes: bytes.length, masked: false };
  }
  readonly read = (hash: string): Buffer => {
    const bytes = this.files.get(hash);
    if (!bytes) throw new Error(`no document ${hash}`);
    this.reads++;
    return bytes;
  };
}

const reference = (n: number) => `KD${String(n).padStart(12, '0')}`;

/** The value that proves the CSV is quoted, not split: a comma, a quote and a line break. */
const TRICKY_REMARKS = 'Seen at the branch, "originals" checked\nby the checker';
const FORMULA = '=HYPERLINK("http://evil.example","x")';

function batchOf(docs: FakeDocuments, count = 3, imageBytes = [30_000, 60_000]): BatchRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const base = storedSample(n);
    const record: KycRecord = {
      ...base,
      images: [docs.add(jpeg(imageBytes[0]!), '02', 'image/jpeg'), docs.add(pdf(imageBytes[1]!), '05', 'application/pdf')],
    };
    if (n === 2) {
      record.remarks = TRICKY_REMARKS;
      record.identityDocuments = [...record.identityDocuments, { code: 'C', number: record.pan }];
    }
    if (n === 3) {
      record.permanentAddress = { ...record.permanentAddress, line3: FORMULA };
      record.relatedPersons = [{ type: '15', prefix: 'MR', name: 'RAVI VERMA', relation: 'HUSBAND', identity: { code: 'C', number: 'ABCPV5678K' } }];
    }
    return { reference: reference(n), record };
  });
}

const header = (batchFileName = 'KYCDESK_20261122_0001'): BatchHeader => sampleBatchHeader(batchFileName);

/** Read back by csv-parse, the reading half of the library that wrote it. */
const parseCsv = (text: string): string[][] => parse(text, { relax_column_count: true }) as string[][];

function table(text: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(text);
  for (const row of rows) expect(row).toHaveLength(head!.length);
  return rows.map((row) => Object.fromEntries(head!.map((column, i) => [column, row[i]!])));
}

function requireUnzip(): void {
  if (!fs.existsSync(UNZIP)) throw new Error(`${UNZIP} is missing: install the Debian package "unzip" (apt-get install unzip).`);
}

let temp: { dir: string; remove: () => void };
beforeEach(() => {
  temp = makeTempDir('kyc-desk-batch-zip-');
});
afterEach(() => temp.remove());

// ---------------------------------------------------------------------------------------------

describe('the batch ZIP', () => {
  it('holds batch-details.csv, individuals.csv and documents/, readable by adm-zip and Info-ZIP', () => {
    requireUnzip();
    const docs = new FakeDocuments();
    const records = batchOf(docs);
    const file = path.join(temp.dir, 'KYCDESK_20261122_0001.zip');
    const built = buildBatchZip({ header: header(), records, readDocument: docs.read, file });

    // The file on disk is what was returned, and nothing else was left beside it.
    const bytes = fs.readFileSync(file);
    expect(built.path).toBe(file);
    expect(built.bytes).toBe(bytes.length);
    expect(built.sha256).toBe(hashOf(bytes));
    expect(fs.readdirSync(temp.dir)).toEqual(['KYCDESK_20261122_0001.zip']);
    expect(docs.reads).toBe(6);

    // adm-zip: entries, methods, contents.
    const zip = new AdmZip(bytes, { noSort: true });
    const entries = zip.getEntries();
    const names = entries.map((e) => e.entryName);
    expect(names.slice(0, 3)).toEqual(['batch-details.csv', 'individuals.csv', 'documents/']);
    expect(names).toHaveLength(3 + 6);
    for (const entry of entries) {
      if (entry.entryName.endsWith('.csv')) expect(entry.header.method, entry.entryName).toBe(8);
      if (/\.(jpg|pdf)$/.test(entry.entryName)) expect(entry.header.method, entry.entryName).toBe(0);
    }
    for (const document of built.documents) {
      const data = zip.getEntry(document.entry)!.getData();
      expect(hashOf(data)).toBe(document.documentHash);
      const fileName = document.entry.slice('documents/'.length);
      expect(fileName.length).toBeLessThanOrEqual(MAX_IMAGE_FILE_NAME);
      expect(fileName).toMatch(new RegExp(`^${document.reference}_[A-Za-z0-9_]+\\.(jpg|pdf)$`));
    }
    expect(built.documents.map((d) => d.entry)).toContain('documents/KD000000000001_02_1.jpg');
    expect(built.documents.map((d) => d.entry)).toContain('documents/KD000000000001_05_2.pdf');

    // Info-ZIP: the archive tests clean, and its listing agrees on names and methods.
    const tested = execFileSync(UNZIP, ['-t', file], { encoding: 'utf8' });
    expect(tested).toContain('No errors detected');
    const listed = execFileSync(UNZIP, ['-l', file], { encoding: 'utf8' });
    for (const name of names) expect(listed).toContain(name);
    expect(listed).toMatch(/\s9 files\s*$/);
    const verbose = execFileSync(UNZIP, ['-v', file], { encoding: 'utf8' });
    const method = (name: string) => verbose.split('\n').find((line) => line.trimEnd().endsWith(` ${name}`))!.trim().split(/\s+/)[1];
    expect(method('batch-details.csv')).toMatch(/^Defl/);
    expect(method('individuals.csv')).toMatch(/^Defl/);
    expect(method('documents/KD000000000001_02_1.jpg')).toBe('Stored');
    expect(method('documents/KD000000000001_05_2.pdf')).toBe('Stored');

    // Our own reader accepts it, and the layout is seed 000's.
    const listing = readBatchZip(bytes);
    expect(listing.entries.map((e) => e.name)).toEqual(names);
    expect(batchLayoutProblems(listing, new Set(records.map((r) => r.reference)))).toEqual([]);
  });

  it('writes the CSVs quoted, values verbatim, one row per individual', () => {
    const docs = new FakeDocuments();
    const records = batchOf(docs);
    const file = path.join(temp.dir, 'b.zip');
    buildBatchZip({ header: header('b'), records, readDocument: docs.read, file });
    const listing = readBatchZip(fs.readFileSync(file));

    const detailsText = listing.read('batch-details.csv').toString('utf8');
    expect(detailsText.charCodeAt(0)).not.toBe(0xfeff);
    const [details, ...more] = table(detailsText);
    expect(more).toEqual([]);
    expect(Object.keys(details!)).toEqual([...BATCH_DETAILS_COLUMNS]);
    expect(details).toMatchObject({
      batch_file_name: 'b',
      batch_type: 'upload',
      record_count: '3',
      created_at: '2026-11-22T10:15:00.000Z',
      verifier_name: 'TRAINING CHECKER',
      verifier_employment_code: 'E1042',
      verifier_organization: 'DEMO BANK',
      verifier_organization_code: 'IN0308',
      fi_code: 'IN0308',
      region_code: 'SOUTH',
      branch_code: 'BLR001',
      username: '',
    });

    const individualsText = listing.read('individuals.csv').toString('utf8');
    const rows = table(individualsText);
    expect(rows.map((r) => r.kyc_ref_no)).toEqual(records.map((r) => r.reference));
    const [one, two, three] = rows as [Record<string, string>, Record<string, string>, Record<string, string>];
    const first = records[0]!.record;
    expect(one).toMatchObject({
      first_name: first.firstName,
      last_name: first.lastName,
      dob: first.dateOfBirth,
      pan: first.pan,
      form_60: 'N',
      mobile_isd: '91',
      mobile_number: first.contact.mobile,
      poa_document: first.permanentAddress.poaCode,
      poa_address_line_1: first.permanentAddress.line1,
      poa_pin_code: first.permanentAddress.pinCode,
      poa_state: first.permanentAddress.state,
      current_address_same_as_poa_address: 'Y',
      current_address_line_1: '',
      identity_1_type: 'A',
      identity_1_number: first.identityDocuments[0]!.number,
      identity_2_type: '',
      related_person_1_name: '',
      kyc_declaration_place: first.declaration.place,
      image_files: 'KD000000000001_02_1.jpg:02;KD000000000001_05_2.pdf:05',
    });
    // The comma, the quote and the line break survive as one cell.
    expect(two.remarks).toBe(TRICKY_REMARKS);
    expect(individualsText).toContain('"Seen at the branch, ""originals"" checked\nby the checker"');
    expect(two.identity_2_type).toBe('C');
    // Carried verbatim, quotes and all: the registry's machine reads this file, not a spreadsheet,
    // and an address such as "- NEAR TEMPLE" must reach it as typed.
    expect(three.poa_address_line_3).toBe(FORMULA);
    expect(three).toMatchObject({ related_person_1_type: '15', related_person_1_name: 'RAVI VERMA', related_person_1_id_number: 'ABCPV5678K' });
  });

  it('accepts the sync engine’s verifier as well as the record’s', () => {
    const docs = new FakeDocuments();
    const file = path.join(temp.dir, 'v.zip');
    const verifier = { name: 'A', designation: 'B', branch: 'C', employmentCode: 'D', organization: 'E' };
    buildBatchZip({ header: { ...header('v'), verifier, institution: undefined }, records: batchOf(docs, 1), readDocument: docs.read, file });
    const [details] = table(readBatchZip(fs.readFileSync(file)).read('batch-details.csv').toString('utf8'));
    expect(details).toMatchObject({ verifier_employment_code: 'D', verifier_organization: 'E', verifier_organization_code: '', fi_code: '' });
  });

  it('leaves the old file and no temp file when a build fails, and refuses what may not share a batch', () => {
    const docs = new FakeDocuments();
    const records = batchOf(docs);
    const file = path.join(temp.dir, 'keep.zip');
    fs.writeFileSync(file, 'old');
    const failing = (hash: string) => {
      if (docs.reads === 4) throw new Error('This document is no longer on this PC.');
      return docs.read(hash);
    };
    expect(() => buildBatchZip({ header: header(), records, readDocument: failing, file })).toThrow('no longer on this PC');
    expect(fs.readdirSync(temp.dir)).toEqual(['keep.zip']);
    expect(fs.readFileSync(file, 'utf8')).toBe('old');

    // A document whose bytes are not what the record says.
    const swapped = batchOf(new FakeDocuments(), 1);
    const lying = () => pdf(swapped[0]!.record.images[0]!.bytes);
    expect(() => buildBatchZip({ header: header(), records: swapped, readDocument: lying, file })).toThrow(/is not the image\/jpeg/);

    const update = { ...records[0]!, record: { ...records[0]!.record, applicationType: '03' } };
    expect(() => buildBatchZip({ header: header(), records: [records[1]!, update], readDocument: docs.read, file })).toThrow(/never share a batch/);
    expect(() => buildBatchZip({ header: header(), records: [records[0]!, records[0]!], readDocument: docs.read, file })).toThrow(/twice/);
    const png = { ...records[0]!, record: { ...records[0]!.record, images: [{ ...records[0]!.record.images[0]!, mime: 'image/png' }] } };
    expect(() => buildBatchZip({ header: header(), records: [png], readDocument: docs.read, file })).toThrow(/only JPEG, PDF and TIFF/);
    expect(fs.readdirSync(temp.dir)).toEqual(['keep.zip']);
  });
});

describe('batch caps', () => {
  it('splits within both caps, never splitting a record’s images, and reports an oversize record', () => {
    const docs = new FakeDocuments();
    const records = batchOf(docs, 10, [40_000, 60_000]);
    const big = batchOf(docs, 1, [400_000, 300_000])[0]!;
    const oversize = { ...big, reference: 'KDBIG000000001' };
    const items = [...records.slice(0, 4), oversize, ...records.slice(4)];

    // By count.
    const byCount = splitIntoBatches(items, { maxRecords: 4, maxBytes: 100 * 1024 * 1024 });
    expect(byCount.batches.map((b) => b.length)).toEqual([4, 4, 3]);
    expect(byCount.oversize).toEqual([]);

    // By bytes: room for three of the 100 KB records, not the 700 KB one.
    const maxBytes = BATCH_FIXED_BYTES + 3 * recordZipBytes(records[0]!) + 1000;
    const byBytes = splitIntoBatches(items, { maxRecords: 500, maxBytes });
    expect(byBytes.batches.map((b) => b.length)).toEqual([3, 3, 3, 1]);
    expect(byBytes.batches.flat().map((r) => r.reference)).toEqual(records.map((r) => r.reference));
    expect(byBytes.oversize).toHaveLength(1);
    expect(byBytes.oversize[0]!.item).toBe(oversize);
    expect(byBytes.oversize[0]!.message).toMatch(/^Record KDBIG000000001 needs .* MB in a batch, more than the batch limit of .* allows/);

    // Each batch, built for real, is within the byte cap and holds every image of its records.
    byBytes.batches.forEach((batch, i) => {
      const file = path.join(temp.dir, `cap-${i}.zip`);
      const built = buildBatchZip({ header: header(`cap-${i}`), records: batch, readDocument: docs.read, file, maxBytes });
      expect(built.bytes).toBeLessThanOrEqual(maxBytes);
      const listing = readBatchZip(fs.readFileSync(file));
      for (const { reference: ref, record } of batch) {
        expect(listing.entries.filter((e) => e.name.startsWith(`documents/${ref}_`))).toHaveLength(record.images.length);
      }
    });

    expect(() => splitIntoBatches(items, { maxRecords: 0, maxBytes })).toThrow(/at least 1/);
    expect(() => splitIntoBatches(items, { maxRecords: 5, maxBytes: 100 })).toThrow(/more than/);
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile ZIPs
// ---------------------------------------------------------------------------------------------

function craft(build: (zip: ZipWriter) => void): Buffer {
  const chunks: Buffer[] = [];
  const zip = new ZipWriter((chunk) => chunks.push(Buffer.from(chunk)));
  build(zip);
  zip.finish();
  return Buffer.concat(chunks);
}

function refusal(bytes: Buffer): { reason: ZipRefusal; message: string } {
  try {
    readBatchZip(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ZipRefused);
    return { reason: (error as ZipRefused).reason, message: (error as ZipRefused).message };
  }
  throw new Error('the ZIP was accepted');
}

function listTree(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

describe('reading a hostile ZIP', () => {
  const small = Buffer.from('x');
  const cases: [string, ZipRefusal, RegExp][] = [
    ['../../x', 'parent_segment', /"\.\.\/\.\.\/x" climbs out of the archive/],
    ['documents/../../x', 'parent_segment', /climbs out/],
    ['/etc/passwd', 'absolute_path', /"\/etc\/passwd" is an absolute path/],
    ['a\\..\\b', 'backslash', /"a\\\.\.\\b" has a backslash/],
    ['C:x', 'drive_letter', /"C:x" starts with a drive letter/],
    ['documents/a\0.jpg', 'nul', /"documents\/a\\x00\.jpg" has a NUL character/],
    ['documents//a.jpg', 'empty_segment', /empty or '\.' part/],
  ];

  it.each(cases)('refuses %j', (name, reason, message) => {
    const before = listTree(temp.dir);
    const bytes = craft((zip) => {
      zip.addFile('batch-details.csv', Buffer.from('a\r\n'));
      zip.addFile(name, small);
    });
    const refused = refusal(bytes);
    expect(refused.reason).toBe(reason);
    expect(refused.message).toMatch(message);
    expect(listTree(temp.dir)).toEqual(before);
  });

  it('refuses names crafted with adm-zip', () => {
    // adm-zip's addFile tidies '../../x' to 'x' but keeps 'C:x'; renaming the entry keeps anything.
    const drive = new AdmZip();
    drive.addFile('C:x', Buffer.from('pwned'));
    expect(refusal(drive.toBuffer()).reason).toBe('drive_letter');
    const climb = new AdmZip();
    climb.addFile('x', Buffer.from('pwned'));
    climb.getEntry('x')!.entryName = '../../x';
    expect(new AdmZip(climb.toBuffer()).getEntries().map((e) => e.entryName)).toEqual(['../../x']);
    expect(refusal(climb.toBuffer())).toEqual({ reason: 'parent_segment', message: `The ZIP entry "../../x" climbs out of the archive with '..'.` });
  });

  it('refuses duplicate names, exact or differing only in case', () => {
    const exact = refusal(craft((zip) => {
      zip.addFile('individuals.csv', Buffer.from('a'));
      zip.addFile('individuals.csv', Buffer.from('b'));
    }));
    expect(exact).toEqual({ reason: 'duplicate', message: 'The ZIP has two entries named "individuals.csv".' });
    const folded = refusal(craft((zip) => {
      zip.addFile('documents/A_02_1.jpg', Buffer.from('a'));
      zip.addFile('documents/a_02_1.JPG', Buffer.from('b'));
    }));
    expect(folded.reason).toBe('duplicate');
    expect(folded.message).toMatch(/"documents\/A_02_1\.jpg" and "documents\/a_02_1\.JPG", which are one name on Windows and macOS/);
  });

  it('refuses a zip bomb (100 MB of zeros deflated) from its header, before inflating it', () => {
    const bytes = craft((zip) => zip.addFile('individuals.csv', Buffer.alloc(100 * 1024 * 1024)));
    expect(bytes.length).toBeLessThan(200 * 1024);
    const before = listTree(temp.dir);
    const refused = refusal(bytes);
    expect(refused.reason).toBe('bomb');
    expect(refused.message).toMatch(/"individuals\.csv" would inflate \d+ bytes to 104857600 \(\d+×, more than 100×\): it looks like a zip bomb/);
    expect(listTree(temp.dir)).toEqual(before);
  });

  it('refuses too many entries, too many bytes in all, and an entry that inflates past its declared size', () => {
    const many = craft((zip) => {
      for (let i = 0; i < 30; i++) zip.addFile(`documents/K_${i}.jpg`, small, { method: METHOD_STORED });
    });
    expect(() => readBatchZip(many, { maxEntries: 20, maxTotalBytes: 1e9, maxRatio: 100, ratioFloorBytes: 1e6 })).toThrow(/has 30 entries, more than the 20 accepted/);
    expect(() => readBatchZip(many, { maxEntries: 100, maxTotalBytes: 10, maxRatio: 100, ratioFloorBytes: 1e6 })).toThrow(/more than 10 bytes uncompressed/);

    // 1 MB of zeros that says it is 1,000 bytes: passes the ratio check, and inflate stops at 1,000.
    const liar = craft((zip) => zip.addFile('individuals.csv', Buffer.alloc(1024 * 1024)));
    const patched = Buffer.from(liar);
    patched.writeUInt32LE(1000, 22); // local header: uncompressed size
    const central = patched.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    patched.writeUInt32LE(1000, central + 24);
    const listing = readBatchZip(patched);
    expect(listing.entries[0]!.size).toBe(1000);
    expect(() => listing.read('individuals.csv')).toThrow(ZipRefused);
    expect(() => listing.read('individuals.csv')).toThrow(/cannot be read/);

    expect(refusal(Buffer.from('not a zip at all')).reason).toBe('not_zip');
  });

  it('never touches the disk: the reader has no file system access at all', () => {
    const source = fs.readFileSync(path.resolve('electron/connectors/ckyc-bulk/zip-reading.ts'), 'utf8');
    expect(source).not.toMatch(/from 'node:fs'|from 'fs'|extractAll|extractEntryTo/);
  });

  it('reports a batch ZIP whose layout is not seed 000’s', () => {
    const bytes = craft((zip) => {
      zip.addFile('individuals.csv', Buffer.from('a'));
      zip.addFile('notes.txt', Buffer.from('a'));
      zip.addFile(`documents/${'K'.repeat(14)}_${'x'.repeat(40)}.jpg`, small);
      zip.addFile('documents/KD1_02_1.exe', small);
      zip.addFile('documents/OTHER_02_1.jpg', small);
    });
    expect(batchLayoutProblems(readBatchZip(bytes), new Set(['KD1']))).toEqual([
      'The batch ZIP has no batch-details.csv.',
      'The batch ZIP has an unexpected entry "notes.txt"; only the two CSVs and documents/ belong in it.',
      `The image file name "${'K'.repeat(14)}_${'x'.repeat(40)}.jpg" is not <reference>_<any>.<jpg|pdf|tif> of at most 50 characters.`,
      'The image file name "KD1_02_1.exe" is not <reference>_<any>.<jpg|pdf|tif> of at most 50 characters.',
      'The image "OTHER_02_1.jpg" belongs to OTHER, who is not in individuals.csv.',
    ]);
  });
});
