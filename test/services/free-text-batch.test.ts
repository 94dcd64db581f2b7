import path from 'node:path';
import AdmZip from 'adm-zip';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/logging/logger';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { Outbox } from '../../electron/sync/outbox';
import type { KycRecord } from '../../shared/record/kyc-record';
import { verhoeffCheckDigit } from '../../shared/validation';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { makeTempDir } from '../support/temp-dir';
import { testKey } from '../support/test-store';
import { waitFor } from '../support/wait';

/**
 * What reaches the registry: a maker tries to save records whose free text carries a full Aadhaar
 * number, a formula or an invisible character; whatever main lets through is approved and synced.
 * The batch's individuals.csv — read back from the sealed outbox, exactly the bytes that would be
 * sent — holds none of it, and the legitimate text goes out exactly as typed.
 */
const TOKEN = 'free-text-batch-token';
const AADHAAR = `23456789012${verhoeffCheckDigit('23456789012')}`;
const SPACED = `${AADHAAR.slice(0, 4)} ${AADHAAR.slice(4, 8)} ${AADHAAR.slice(8)}`;
const FORMULA = /^[=+\-@\t\r]/;
/** Judged here without the rules under test: the characters the attempts carry. */
const INVISIBLE = /[\u202E\u0085\u200B\u2028\uFEFF]/;
const GOOD_REMARKS = 'Salary account 234567890123 verified; ग्राहक ने पता बदला';

let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox;
let h: SyncHarness;

beforeAll(async () => {
  temp = makeTempDir();
  sandbox = await CkycSandbox.start({ stateDir: path.join(temp.dir, 'sandbox'), token: TOKEN, processingMs: 150, logger: silentLogger });
  // The SFTP route with no SFTP server set up: the batch is registered and its ZIP waits, sealed, in the outbox.
  h = await openSyncHarness(temp.dir, { url: sandbox.url, token: TOKEN, sftp: () => ({ problem: 'The SFTP connection is not set up yet.' }) }, 50, { route: 'bulk-sftp' });
}, 30_000);

afterAll(async () => {
  await h?.close();
  await sandbox?.close();
  temp?.remove();
});

async function sealedZip(name: string): Promise<AdmZip> {
  const chunks: Buffer[] = [];
  for await (const chunk of new Outbox(path.join(temp.dir, 'outbox'), testKey(temp.dir)).open(name)) chunks.push(chunk as Buffer);
  return new AdmZip(Buffer.concat(chunks), { noSort: true });
}

describe('nothing a free-text rule refuses reaches individuals.csv', () => {
  it('records with bad free text are refused by main; the one sent carries its good text verbatim and nothing else', async () => {
    const attempts: Array<[string, (r: KycRecord) => void]> = [
      ['Aadhaar in remarks', (r) => (r.remarks = `Aadhaar ${SPACED} seen`)],
      ['hyphenated Aadhaar in remarks', (r) => (r.remarks = `id ${AADHAAR.slice(0, 4)}-${AADHAAR.slice(4, 8)}-${AADHAAR.slice(8)}`)],
      ['formula in remarks', (r) => (r.remarks = '=HYPERLINK("http://evil.example","open")')],
      ['minus first in remarks', (r) => (r.remarks = '-2+3')],
      ['bidi override in remarks', (r) => (r.remarks = 'Seen \u202Ein original')],
      ['next line in remarks', (r) => (r.remarks = 'Seen\u0085in original')],
      ['Aadhaar in an address line', (r) => (r.permanentAddress.line2 = `H NO ${SPACED}`)],
      ['minus first in an address line', (r) => (r.permanentAddress.line2 = '- NEAR TEMPLE')],
    ];
    const letThrough: string[] = [];
    let n = 30;
    for (const [label, spoil] of attempts) {
      const record = await h.sample(n++);
      spoil(record);
      try {
        const saved = h.service.save({ record }, h.maker);
        h.service.approve([saved.id], h.checker);
        letThrough.push(label);
      } catch {
        // refused: what the rules are for
      }
    }
    const good = await h.sample(n);
    good.remarks = GOOD_REMARKS;
    const saved = h.service.save({ record: good }, h.maker);
    h.service.approve([saved.id], h.checker);

    const { batchId } = h.startSync();
    await waitFor('the batch to wait for SFTP, its ZIP sealed in the outbox', () => h.engine.status().sftp === 'not_configured' && h.batches.find(batchId!)?.state === 'uploading');
    const zip = await sealedZip(h.batches.find(batchId!)!.batchFileName);
    const rows = parse(zip.getEntry('individuals.csv')!.getData().toString('utf8'), { columns: true }) as Record<string, string>[];

    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        expect(FORMULA.test(cell), `${column} starts a formula`).toBe(false);
        expect(cell.replace(/[\s-]/g, '').includes(AADHAAR), `${column} holds the full Aadhaar number`).toBe(false);
        expect(INVISIBLE.test(cell), `${column} holds an invisible character`).toBe(false);
      }
    }
    expect(letThrough).toEqual([]);
    expect(rows.map((row) => row.kyc_ref_no)).toEqual([saved.reference]);
    expect(rows[0]!.remarks).toBe(GOOD_REMARKS);
  });
});
