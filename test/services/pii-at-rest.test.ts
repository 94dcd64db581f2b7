import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { makeTempDir } from '../support/temp-dir';
import { startTestKeyring, type TestKeyring } from '../support/keyring';
import { saveRequestOverContract } from '../support/stored-samples';
import { waitFor } from '../support/wait';

/**
 * Nothing a customer gave the branch is left readable on the PC: write records with known values
 * through the real services (store, journal, snapshots, documents, audit, logs, sandbox), then read
 * every byte under the data folder and look for those values in clear.
 */
const ORIGIN = 'test://pii-scan';
const KNOWN = {
  firstName: 'Zorawar',
  lastName: 'Quirke',
  pan: 'ZQXPQ7319K',
  mobile: '9123487650',
  aadhaar: '234567890124',
};

let keyring: TestKeyring;
let temp: ReturnType<typeof makeTempDir>;
let services: AppServices;

async function call(channel: string, payload: unknown): Promise<any> {
  return services.dispatch({ channel, payload, origin: ORIGIN });
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

beforeAll(async () => {
  keyring = await startTestKeyring();
  temp = makeTempDir();
  services = await startAppServices({
    dataDir: temp.dir,
    version: 'test',
    env: { KYC_DESK_POLL_SECONDS: '0.1', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.2' },
  });
  services.trustOrigin(ORIGIN);
}, 60_000);

afterAll(async () => {
  await services?.close();
  await keyring?.stop();
  temp?.remove();
});

describe('PII at rest', () => {
  it('no name, PAN, mobile or Aadhaar number appears in clear in any file under the data folder', async () => {
    const { value: session } = await call('session.state', {});
    const byRole = (role: string) => session.trainingOperators.find((o: { role: string }) => o.role === role).id;
    expect(await call('session.switchTraining', { operatorId: byRole('maker') })).toMatchObject({ ok: true });

    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      const request = await saveRequestOverContract(call, n, { firstName: KNOWN.firstName, lastName: KNOWN.lastName, pan: n === 0 ? KNOWN.pan : `ZQXPQ${7320 + n}K`, mobile: n === 0 ? KNOWN.mobile : `91234876${50 + n}` });
      const saved = await call('records.save', request);
      expect(saved).toMatchObject({ ok: true });
      ids.push(saved.value.id);
    }
    // An Aadhaar number typed into the wrong field is refused, and must not be kept or logged.
    const refused = await call('records.save', await saveRequestOverContract(call, 9, { pan: KNOWN.aadhaar }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // A library error message carrying identifiers reaches the log redacted.
    services.logger.error(`upstream said: PAN ${KNOWN.pan}, mobile +91 ${KNOWN.mobile}, aadhaar ${KNOWN.aadhaar.replace(/(\d{4})(?=\d)/g, '$1 ')}, ${KNOWN.firstName}@example.com`);

    expect(await call('session.switchTraining', { operatorId: byRole('checker') })).toMatchObject({ ok: true });
    expect(await call('records.approve', { ids })).toMatchObject({ ok: true, value: { refused: [] } });
    expect(await call('records.reject', { id: ids[0], reason: `rejected for ${KNOWN.pan}` })).toMatchObject({ ok: false });
    const sync = await call('sync.start', {});
    expect(sync).toMatchObject({ ok: true, value: { recordCount: 5 } });
    await waitFor('the batch to succeed', async () => {
      const batch = await call('batches.get', { id: sync.value.batchId });
      return batch.ok && batch.value.state === 'succeeded';
    });

    const files = filesUnder(temp.dir);
    expect(files.some((f) => f.includes(`${path.sep}logs${path.sep}`))).toBe(true);
    expect(files.some((f) => /store\.journal\.\d+$/.test(f))).toBe(true);
    const needles = [
      KNOWN.pan,
      KNOWN.pan.toLowerCase(),
      KNOWN.mobile,
      KNOWN.aadhaar,
      KNOWN.aadhaar.replace(/(\d{4})(?=\d)/g, '$1 '),
      KNOWN.firstName.toUpperCase(),
      KNOWN.firstName,
      KNOWN.lastName.toUpperCase(),
    ];
    const leaks: string[] = [];
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const needle of needles) if (bytes.includes(Buffer.from(needle))) leaks.push(`${path.relative(temp.dir, file)} contains ${needle}`);
    }
    expect(leaks).toEqual([]);
    // And the values really went through: the app can read them back for the signed-in checker.
    const list = await call('records.list', { page: 1, pageSize: 10 });
    expect(list.value.items.map((r: { name: string }) => r.name)).toContain('ZORAWAR QUIRKE');
    expect(list.value.items.every((r: { panMasked: string }) => !r.panMasked.includes('ZQXPQ'))).toBe(true);
  }, 60_000);
});
