import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox, readLedger, type SandboxOptions, type SandboxService } from '../../electron/sandbox';
import { bearerToken } from '../../electron/sandbox/shell/auth';
import { HttpProblem, ok, readJson } from '../../electron/sandbox/shell/http';
import { Ledger } from '../../electron/sandbox/shell/ledger';
import { silentLogger } from '../../electron/logging/logger';
import { makeTempDir } from '../support/temp-dir';
import { TOKEN, get, post } from './sandbox-support';

/**
 * A service plugged into the sandbox shell the way a future one (video KYC, UAE CDP, bulk update)
 * would be: its own folder of state and its own routes, served on the CKYC sandbox's URL behind
 * the same route table and the same fault injection. The toy lives here, in the test tree only.
 */
const TOY_TOKEN = 'toy-service-token';

const toyService: SandboxService = {
  name: 'toy',
  start: ({ stateDir, now }) => {
    const ledger = new Ledger(stateDir);
    return {
      routes: [
        {
          paths: ['/toy/v1/register'],
          method: 'POST',
          guard: ({ req }) => {
            if (bearerToken(req.headers.authorization) !== TOY_TOKEN) throw new HttpProblem(401, 'UNAUTHORIZED', 'Invalid or missing token.');
          },
          handle: async ({ req }) => {
            const { ref } = (await readJson(req)) as { ref: string };
            const earlier = ledger.registered(ref);
            if (earlier) return ok({ success: true, data: { ref, number: earlier.ckyc_number, repeat: true } });
            const number = String(10_000_000_000_000 + readLedger(stateDir).length + 1);
            ledger.append({ client_id: 'toy', kyc_ref_no: ref, ckyc_number: number, at: new Date(now()).toISOString(), kind: 'upload', pan_key: null, name_key: null });
            return ok({ success: true, data: { ref, number, repeat: false } });
          },
        },
        { paths: ['/toy/v1/ping'], method: 'GET', trailingSlash: true, handle: () => ok({ success: true, data: 'pong' }) },
      ],
    };
  },
};

let temp: ReturnType<typeof makeTempDir>;
const open: CkycSandbox[] = [];

async function start(extra: Partial<SandboxOptions> = {}) {
  const s = await CkycSandbox.start({ stateDir: `${temp.dir}/sandbox`, token: TOKEN, processingMs: 100, logger: silentLogger, sftp: false, services: [toyService], ...extra });
  open.push(s);
  return s;
}
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  temp.remove();
});

describe('sandbox services', () => {
  it('serves a registered service beside CKYC: its routes, its guard, its own state folder', async () => {
    const s = await start();
    const first = await post(s.url, '/toy/v1/register', { ref: 'T1' }, TOY_TOKEN);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ ref: 'T1', repeat: false });
    expect((await post(s.url, '/toy/v1/register', { ref: 'T1' }, TOY_TOKEN)).body.data).toMatchObject({ ref: 'T1', repeat: true });
    expect((await post(s.url, '/toy/v1/register', { ref: 'T2' }, 'wrong')).status).toBe(401);
    expect((await get(s.url, '/toy/v1/register', TOY_TOKEN)).status).toBe(405);
    expect((await get(s.url, '/toy/v1/ping/', null)).body.data).toBe('pong');
    // Its ledger is its own: the CKYC ledger holds nothing of it.
    expect(readLedger(path.join(temp.dir, 'sandbox', 'toy')).map((e) => e.kyc_ref_no)).toEqual(['T1']);
    expect(readLedger(path.join(temp.dir, 'sandbox'))).toEqual([]);
    // CKYC is still there, behind its own token.
    expect((await get(s.url, '/ckyc-upload/sftp-health', TOKEN)).status).toBe(200);
    expect((await get(s.url, '/ckyc-upload/sftp-health', TOY_TOKEN)).status).toBe(401);
  });

  it("puts a service's routes behind the sandbox's faults: after the effect, the ledger has it once", async () => {
    const s = await start({ faults: 'http500=1@after' });
    const faulted = await post(s.url, '/toy/v1/register', { ref: 'T9' }, TOY_TOKEN);
    expect(faulted.status).toBe(500);
    expect(readLedger(path.join(temp.dir, 'sandbox', 'toy')).map((e) => e.kyc_ref_no)).toEqual(['T9']);
    await post(s.url, '/toy/v1/register', { ref: 'T9' }, TOY_TOKEN);
    expect(readLedger(path.join(temp.dir, 'sandbox', 'toy'))).toHaveLength(1);
    expect(s.faults.injected.get('http500@after')).toBe(2);
  });

  it('refuses at start a service that claims a path already served, or has no plain folder name', async () => {
    const thief: SandboxService = { name: 'thief', start: () => ({ routes: [{ paths: ['/ckyc-upload/sftp-health'], method: 'POST', handle: () => ok({}) }] }) };
    await expect(start({ services: [thief] })).rejects.toThrow(/Two sandbox routes claim \/ckyc-upload\/sftp-health/);
    const odd: SandboxService = { name: '../up', start: () => ({ routes: [] }) };
    await expect(start({ services: [odd] })).rejects.toThrow(/plain folder name/);
    expect(fs.existsSync(path.join(temp.dir, 'up'))).toBe(false);
  });
});
