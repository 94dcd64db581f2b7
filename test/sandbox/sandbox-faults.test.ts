import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox, type SandboxOptions } from '../../electron/sandbox/ckyc/sandbox';
import { FaultInjector, FaultSpecError, parseFaultSpec } from '../../electron/sandbox/shell/faults';
import { readRuntimeConfig } from '../../electron/app/config';
import { silentLogger } from '../../electron/logging/logger';
import { makeTempDir } from '../support/temp-dir';
import { Documents, TOKEN, get, initializeBody, post, wireOf } from './sandbox-support';

let temp: ReturnType<typeof makeTempDir>;
const open: CkycSandbox[] = [];
let docs: Documents;

async function start(extra: Partial<SandboxOptions> = {}, dir = `${temp.dir}/sandbox`) {
  const s = await CkycSandbox.start({ stateDir: dir, token: TOKEN, processingMs: 100, logger: silentLogger, faultHoldMs: 1500, ...extra });
  open.push(s);
  return s;
}
beforeEach(() => {
  temp = makeTempDir();
  docs = new Documents();
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  temp.remove();
});

const health = (s: CkycSandbox, timeoutMs = 3000) => get(s.url, '/ckyc-upload/sftp-health', TOKEN, timeoutMs);
const findBatch = async (s: CkycSandbox, name: string) => (await get(s.url, `/ckyc-upload/get-client-details?status_type=upload&search=${name}`)).body.data.total as number;

describe('fault injection', () => {
  it('http429 answers 429 with Retry-After in seconds', async () => {
    const s = await start({ faults: 'http429=1', retryAfterSeconds: 2 });
    const r = await health(s);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('2');
    expect(r.body.error.code).toBe('RATE_LIMITED');
  });

  it('http500 answers 500', async () => {
    const s = await start({ faults: 'http500=1' });
    expect((await health(s)).status).toBe(500);
  });

  it('corrupt answers 200 with a body that is not JSON', async () => {
    const s = await start({ faults: 'corrupt=1' });
    const r = await health(s);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/json/);
    expect(() => JSON.parse(r.text)).toThrow();
  });

  it('reset destroys the socket mid-response', async () => {
    const s = await start({ faults: 'reset=1' });
    await expect(health(s)).rejects.toThrow();
  });

  it('timeout holds the answer past a short client timeout, then drops the connection', async () => {
    const s = await start({ faults: 'timeout=1', faultHoldMs: 1000 });
    const began = Date.now();
    await expect(health(s, 200)).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - began).toBeLessThan(1000);
    // Bounded: a patient client sees the connection dropped, not an answer, once the hold is over.
    await expect(health(s, 5000)).rejects.toThrow();
  });

  it('a fault after the effect leaves the batch stored (to reconcile); before the effect, nothing', async () => {
    for (const [timing, found] of [['after', 1], ['before', 0]] as const) {
      const dir = `${temp.dir}/sandbox-${timing}`;
      const faulty = await start({ faults: `reset=1@${timing}` }, dir);
      await expect(post(faulty.url, '/ckyc-upload/upload/initialize', initializeBody(`KD_F_${timing}`, [wireOf(docs.record(1), false)]))).rejects.toThrow();
      await faulty.close();
      const clean = await start({}, dir);
      expect(await findBatch(clean, `KD_F_${timing}`)).toBe(found);
    }
  });

  it('never fires at probability 0 and always at 1', async () => {
    const never = await start({ faults: 'http429=0,http500=0,timeout=0,reset=0,corrupt=0,sftp_drop=0' });
    for (let i = 0; i < 40; i++) expect((await health(never)).status).toBe(200);
    expect(Array.from({ length: 100 }, () => never.faults.draw('sftp_drop')).some(Boolean)).toBe(false);
    const always = new FaultInjector('http500=1,sftp_drop=1', 'x');
    for (let i = 0; i < 100; i++) expect(always.nextHttpFault()?.name).toBe('http500');
    expect(Array.from({ length: 100 }, () => always.draw('sftp_drop')).every(Boolean)).toBe(true);
  });

  it('is reproducible: the same seed gives the same faults, another seed others', async () => {
    const run = async (seed: string) => {
      const s = await start({ faults: 'http500=0.3,http429=0.3', seed }, `${temp.dir}/${seed}-${open.length}`);
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await health(s)).status);
      await s.close();
      return statuses;
    };
    const a = await run('seed-a');
    expect(await run('seed-a')).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 429, 500]));
    expect(await run('seed-b')).not.toEqual(a);
    const drops = (seed: string) => Array.from({ length: 50 }, () => new FaultInjector('sftp_drop=0.5', seed)).map((f, i) => Array.from({ length: i % 5 + 1 }, () => f.draw('sftp_drop')).join());
    expect(drops('s1')).toEqual(drops('s1'));
  });

  it('refuses a malformed spec at start, with a clear message', async () => {
    for (const spec of ['http429', 'http429=2', 'http429=-0.1', 'http429=abc', 'nope=0.1', 'http429=0.1,http429=0.2', 'sftp_drop=0.1@after', 'reset=0.1@later', 'http500=0.1,,reset=0.1']) {
      await expect(start({ faults: spec }, `${temp.dir}/bad`), spec).rejects.toThrow(FaultSpecError);
    }
    expect(parseFaultSpec(' http429=0.25 , timeout=1@after ')).toEqual([
      { name: 'http429', probability: 0.25, timing: 'before' },
      { name: 'timeout', probability: 1, timing: 'after' },
    ]);
    expect(() => parseFaultSpec('nope=1')).toThrow(/KYC_DESK_SANDBOX_FAULTS: "nope" is not a fault; known: http429/);
  });

  it('reads KYC_DESK_SANDBOX_FAULTS and KYC_DESK_SANDBOX_SEED from the environment', () => {
    expect(readRuntimeConfig({ KYC_DESK_SANDBOX_FAULTS: 'http429=0.1', KYC_DESK_SANDBOX_SEED: 's' }, 'sandbox')).toMatchObject({ sandboxFaults: 'http429=0.1', sandboxSeed: 's' });
    expect(readRuntimeConfig({}, 'sandbox')).toMatchObject({ sandboxFaults: undefined, sandboxSeed: undefined });
  });
});
