import SftpClient from 'ssh2-sftp-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox, type SandboxOptions } from '../../electron/sandbox/ckyc/sandbox';
import { parseFaultSpec } from '../../electron/sandbox/shell/faults';
import { chartDataResponseSchema, type ChartPoint } from '../../electron/connectors/ckyc-bulk/management-wire';
import { sftpHealthResponseSchema } from '../../electron/connectors/ckyc-bulk/wire';
import { fingerprintOfHostKey } from '../../electron/transport/sftp/host-key';
import { silentLogger } from '../../electron/logging/logger';
import { makeTempDir } from '../support/temp-dir';
import { Documents, get, initializeBody, post, TOKEN, wireOf } from './sandbox-support';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-22T10:00:00Z');
const PROCESSING_MS = 6000;
let temp: ReturnType<typeof makeTempDir>;
let clock: number;
let sandbox: CkycSandbox;

async function start(extra: Partial<SandboxOptions> = {}) {
  sandbox = await CkycSandbox.start({ stateDir: `${temp.dir}/sandbox`, token: TOKEN, processingMs: PROCESSING_MS, logger: silentLogger, now: () => clock, ...extra });
}
beforeEach(() => {
  temp = makeTempDir();
  clock = T0;
});
afterEach(async () => {
  await sandbox.close();
  temp.remove();
});

const chart = async (query: string) => {
  const reply = await get(sandbox.url, `/ckyc-upload/chart-data${query}`);
  expect(reply.status, reply.text).toBe(200);
  return chartDataResponseSchema.parse(reply.body).data;
};
const byDate = (points: ChartPoint[]) => new Map(points.map((p) => [p.date, p]));

describe('chart-data', () => {
  it('gives one point per UTC day for 7, 15 or 30 days, oldest first, zero on days with nothing, per type', async () => {
    await start({ sftp: false });
    const docs = new Documents();
    const person = sandbox.seededPeople()[0]!;
    const upload = async (name: string, n: number[], kind: 'upload' | 'update' = 'upload') =>
      expect((await post(sandbox.url, `/ckyc-upload/${kind}/initialize`, initializeBody(name, n.map((i) => wireOf(docs.record(i), false))))).status).toBe(200);
    clock = T0 - 40 * DAY; // outside every range
    await upload('KD_OLD', [1]);
    clock = T0 - 2 * DAY;
    await upload('KD_TWO_DAYS', [2, 3]);
    await upload('KD_UPDATE', [4], 'update');
    clock = T0 - 3 * DAY;
    await post(sandbox.url, '/ckyc-upload/download/initialize', { data: { batch_file_name: 'KD_DL', individuals: [{ ckyc_id: person.ckyc_number, dob: person.dob }, { ckyc_id: '11111111111111', dob: '1990-01-01' }] } });
    clock = T0;
    await upload('KD_TODAY', [5]);

    for (const days of [7, 15, 30]) {
      const data = await chart(`?days=${days}&type=upload`);
      expect(data).toMatchObject({ type: 'upload', days });
      expect(data.points).toHaveLength(days);
      expect(data.points.at(-1)!.date).toBe('2026-11-22');
      expect(data.points[0]!.date).toBe(new Date(T0 - (days - 1) * DAY).toISOString().slice(0, 10));
    }
    const uploads = byDate((await chart('?days=7&type=upload')).points);
    expect(uploads.get('2026-11-20')).toEqual({ date: '2026-11-20', requests: 1, individuals: 2, succeeded: 2, failed: 0 });
    expect(uploads.get('2026-11-21')).toEqual({ date: '2026-11-21', requests: 0, individuals: 0, succeeded: 0, failed: 0 });
    expect(uploads.get('2026-11-22')).toEqual({ date: '2026-11-22', requests: 1, individuals: 1, succeeded: 0, failed: 0 }); // still processing
    expect([...uploads.values()].reduce((sum, p) => sum + p.requests, 0)).toBe(2);
    expect(byDate((await chart('?days=7&type=update')).points).get('2026-11-20')).toMatchObject({ requests: 1, individuals: 1 });
    expect(byDate((await chart('?type=download')).points).get('2026-11-19')).toEqual({ date: '2026-11-19', requests: 1, individuals: 2, succeeded: 1, failed: 1 });
    expect((await chart('?type=download')).days).toBe(30);
  });

  it('refuses a query without type, or with days other than 7, 15 or 30', async () => {
    await start({ sftp: false });
    for (const query of ['', '?days=7', '?days=10&type=upload', '?type=delete']) {
      const reply = await get(sandbox.url, `/ckyc-upload/chart-data${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.error.message).toMatch(/type upload, update or download is required/);
    }
  });
});

async function sftpConnect(): Promise<SftpClient> {
  const server = sandbox.sftp!;
  const client = new SftpClient();
  await client.connect({
    host: '127.0.0.1',
    port: server.port,
    username: server.identity.username,
    privateKey: server.identity.clientPrivateKeyPem,
    readyTimeout: 5000,
    retries: 0,
    hostVerifier: (key: Buffer) => fingerprintOfHostKey(key) === server.hostFingerprint,
  });
  return client;
}
const health = async () => sftpHealthResponseSchema.parse((await get(sandbox.url, '/ckyc-upload/sftp-health')).body).data.status;

describe('sftp-health', () => {
  it('reports down while the Training admin switch is on, and the SFTP server refuses connections; up again after', async () => {
    await start();
    expect(await health()).toBe('up');
    const open = await sftpConnect();
    sandbox.setSftpDown(true);
    expect(sandbox.sftpDown).toBe(true);
    expect(await health()).toBe('down');
    await expect(sftpConnect()).rejects.toThrow();
    expect(await open.list('/')).toEqual(expect.any(Array)); // a connection already open is left to finish
    await open.end();
    sandbox.setSftpDown(false);
    expect(await health()).toBe('up');
    const again = await sftpConnect();
    expect((await again.list('/')).map((entry) => entry.name).sort()).toEqual(['input', 'response']);
    await again.end();
  });

  it('reports down when the sftp_down fault fires: always at 1, never at 0, about half at 0.5, reproducibly', async () => {
    expect(parseFaultSpec('sftp_down=0.25')).toEqual([{ name: 'sftp_down', probability: 0.25, timing: 'before' }]);
    expect(() => parseFaultSpec('sftp_down=0.5@after')).toThrow(/has no timing/);
    await start({ sftp: false, faults: 'sftp_down=1' });
    expect([await health(), await health()]).toEqual(['down', 'down']);
    await sandbox.close();
    const run = async () => {
      await start({ sftp: false, faults: 'sftp_down=0.5', seed: 'health-seed', stateDir: `${temp.dir}/half-${Math.random()}` });
      const answers: string[] = [];
      for (let i = 0; i < 40; i++) answers.push(await health());
      await sandbox.close();
      return answers;
    };
    const first = await run();
    expect(first.filter((a) => a === 'down').length).toBeGreaterThan(8);
    expect(first.filter((a) => a === 'up').length).toBeGreaterThan(8);
    expect(await run()).toEqual(first);
    await start({ sftp: false, faults: 'sftp_down=0' });
    expect(await health()).toBe('up');
  });
});
