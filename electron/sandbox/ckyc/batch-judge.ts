import { parse } from 'csv-parse/sync';
import { BATCH_ZIP_ENTRIES } from '../../connectors/ckyc-bulk/batch-zip';
import { batchLayoutProblems, readBatchZip, ZipRefused, type ZipListing } from '../../connectors/ckyc-bulk/zip-reading';

/**
 * How the sandbox registry judges an uploaded batch ZIP against the batch initialized for its
 * client_id. `batch` problems refuse the whole batch (it ends upload_failed with them); `individual`
 * problems fail that individual only. Judged once, on receipt; only verdicts are kept, never the
 * file's content.
 */
export interface ZipVerdict {
  batch: string[];
  individual: Record<string, string[]>;
}

export interface ExpectedBatch {
  batchFileName: string;
  kind: 'upload' | 'update';
  /** kyc_ref_no → declared image files (undefined: not declared in initialize). */
  individuals: ReadonlyMap<string, readonly string[] | undefined>;
}

/**
 * RFC 4180 reading by csv-parse (CRLF or LF rows, "" inside quotes, a BOM ignored); it throws on an
 * unclosed or stray quote, which readCsv turns into the batch's reason.
 */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, record_delimiter: ['\r\n', '\n'], relax_column_count: true }) as string[][];
}

function readCsv(listing: ZipListing, name: string): { header: string[]; rows: string[][] } {
  let rows: string[][];
  try {
    rows = parseCsv(listing.read(name).toString('utf8'));
  } catch (error) {
    if (error instanceof ZipRefused) throw error;
    throw new ZipRefused('unreadable_entry', `${name} is not valid CSV: ${(error as Error).message}.`, name);
  }
  const [header, ...rest] = rows;
  if (!header || header.length === 0) throw new ZipRefused('unreadable_entry', `${name} is empty.`, name);
  return { header, rows: rest };
}

/** CERSAI's own words for a row whose cell count differs from the header's. */
export const ROW_COUNT_MESSAGE = 'Number of pipe separated records do not match';

// eslint-disable-next-line max-lines-per-function -- the registry's checks of one batch ZIP in the order it applies them, each adding to the same verdict
export function judgeBatchZip(bytes: Buffer, expected: ExpectedBatch): ZipVerdict {
  const verdict: ZipVerdict = { batch: [], individual: {} };
  const fail = (ref: string, message: string) => (verdict.individual[ref] ??= []).push(message);
  try {
    const listing = readBatchZip(bytes);
    const details = readCsv(listing, BATCH_ZIP_ENTRIES.details);
    const people = readCsv(listing, BATCH_ZIP_ENTRIES.individuals);

    const refColumn = people.header.indexOf('kyc_ref_no');
    const imageColumn = people.header.indexOf('image_files');
    if (refColumn < 0) return { ...verdict, batch: [`${BATCH_ZIP_ENTRIES.individuals} has no kyc_ref_no column.`] };
    if (imageColumn < 0) return { ...verdict, batch: [`${BATCH_ZIP_ENTRIES.individuals} has no image_files column.`] };

    const rows = new Map<string, string[]>();
    for (const [index, row] of people.rows.entries()) {
      const ref = row[refColumn] ?? '';
      if (!expected.individuals.has(ref)) {
        verdict.batch.push(`${BATCH_ZIP_ENTRIES.individuals} row ${index + 1} is ${ref === '' ? 'without a kyc_ref_no' : `kyc_ref_no ${ref}`}, who was not initialized in this batch.`);
        continue;
      }
      if (rows.has(ref)) {
        verdict.batch.push(`${BATCH_ZIP_ENTRIES.individuals} lists ${ref} twice.`);
        continue;
      }
      rows.set(ref, row);
      if (row.length !== people.header.length) fail(ref, ROW_COUNT_MESSAGE);
    }
    for (const ref of expected.individuals.keys()) if (!rows.has(ref)) fail(ref, `Not in ${BATCH_ZIP_ENTRIES.individuals} of the uploaded ZIP.`);

    const detail = (column: string) => details.rows[0]?.[details.header.indexOf(column)];
    if (details.rows.length !== 1) verdict.batch.push(`${BATCH_ZIP_ENTRIES.details} must have exactly one row, not ${details.rows.length}.`);
    else {
      if (detail('batch_file_name') !== expected.batchFileName) verdict.batch.push(`${BATCH_ZIP_ENTRIES.details} names the batch "${detail('batch_file_name') ?? ''}", but it was initialized as "${expected.batchFileName}".`);
      if (detail('batch_type') !== expected.kind) verdict.batch.push(`${BATCH_ZIP_ENTRIES.details} says batch_type "${detail('batch_type') ?? ''}", but this is an ${expected.kind} batch.`);
      if (detail('record_count') !== String(people.rows.length)) verdict.batch.push(`${BATCH_ZIP_ENTRIES.details} says record_count ${detail('record_count') ?? '(none)'}, but ${BATCH_ZIP_ENTRIES.individuals} has ${people.rows.length} rows.`);
    }

    verdict.batch.push(...batchLayoutProblems(listing, new Set(rows.keys())));

    const referenced = new Set<string>();
    for (const [ref, row] of rows) {
      const cell = row[imageColumn] ?? '';
      const files = cell === '' ? [] : cell.split(';').map((item) => ({ file: item.slice(0, item.lastIndexOf(':') < 0 ? item.length : item.lastIndexOf(':')), code: item.includes(':') ? item.slice(item.lastIndexOf(':') + 1) : '' }));
      if (!files.some((f) => f.code === '02')) fail(ref, 'Photograph (image code 02) is missing.');
      for (const { file } of files) {
        const entry = `${BATCH_ZIP_ENTRIES.documents}${file}`;
        referenced.add(entry);
        if (!listing.has(entry)) {
          fail(ref, `Image file ${file} is listed in image_files but not in documents/.`);
          continue;
        }
        try {
          listing.read(entry); // CRC and size checked; the bytes are dropped at once
        } catch (error) {
          fail(ref, (error as Error).message);
        }
      }
      const declared = expected.individuals.get(ref);
      if (declared !== undefined) {
        const listed = files.map((f) => f.file).sort().join(';');
        if ([...declared].sort().join(';') !== listed) fail(ref, `The images in the ZIP (${listed || 'none'}) are not those declared at initialize (${declared.join(';') || 'none'}).`);
      }
    }
    for (const entry of listing.entries) {
      if (entry.directory || !entry.name.startsWith(BATCH_ZIP_ENTRIES.documents) || referenced.has(entry.name)) continue;
      const ref = /^([A-Za-z0-9]{1,14})_/.exec(entry.name.slice(BATCH_ZIP_ENTRIES.documents.length))?.[1];
      if (ref !== undefined && rows.has(ref)) fail(ref, `${entry.name} is in the ZIP but not in image_files.`);
    }
  } catch (error) {
    if (error instanceof ZipRefused) return { batch: [`The batch ZIP was refused: ${error.message}`], individual: {} };
    throw error;
  }
  return verdict;
}
