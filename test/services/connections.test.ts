import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { CONNECTION_MESSAGES } from '../../shared/connections/settings';
import { startSshd, type Sshd } from '../support/sshd';
import { makeTempDir } from '../support/temp-dir';

/**
 * The connection screen's services through the real router (contract check, access, handlers):
 * validation by field, persistence across a restart, audit entries without secrets, and the SFTP
 * host key checked and pinned against OpenSSH's sshd on a loopback port.
 */
const ORIGIN = 'test://connections';
const SECRET = 'Very-Secret-Passw0rd!42';

let temp: ReturnType<typeof makeTempDir>;
let vault: MemoryVault;
let services: AppServices;
let sshd: Sshd;

async function call(channel: string, payload: unknown): Promise<any> {
  return services.dispatch({ channel, payload, origin: ORIGIN });
}

async function start(): Promise<void> {
  services = await startAppServices({ dataDir: temp.dir, version: 'test', vault, env: { KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.2' } });
  services.trustOrigin(ORIGIN);
}

async function signInAs(role: 'maker' | 'checker' | 'admin'): Promise<void> {
  const { value: session } = await call('session.state', {});
  const operator = session.trainingOperators.find((o: { role: string }) => o.role === role);
  expect(await call('session.switchTraining', { operatorId: operator.id })).toMatchObject({ ok: true });
}

const API = {
  baseUrl: 'https://api.vendor.example.in/ckyc/',
  authMode: 'password',
  username: 'branch01',
  fiCode: 'IN1234',
  regionCode: 'R01',
  branchCode: 'B001',
  cersaiUsername: 'cersai01',
  version: '1.0',
  organisationName: 'Example Co-operative Bank',
};
const sftpFor = (port: number) => ({
  host: '127.0.0.1',
  port,
  username: 'root',
  authMode: 'key',
  privateKeyPath: '/etc/kyc-desk/ckyc_ed25519',
  inputFolder: '/upload/in',
  responseFolder: '/upload/out',
});

beforeAll(async () => {
  temp = makeTempDir();
  vault = new MemoryVault();
  sshd = await startSshd();
  await start();
}, 60_000);

afterAll(async () => {
  await services?.close();
  await sshd?.stop();
  temp?.remove();
});

describe('connections', () => {
  it('refuses a maker and a checker on every connection channel', async () => {
    for (const role of ['maker', 'checker'] as const) {
      await signInAs(role);
      for (const [channel, payload] of [
        ['connections.get', {}],
        ['connections.save', { api: API }],
        ['connections.probeSftpHostKey', {}],
        ['connections.pinSftpHostKey', { fingerprint: `SHA256:${'A'.repeat(43)}` }],
        ['connections.testApi', {}],
      ] as const) {
        expect(await call(channel, payload), `${role} ${channel}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
  });

  it('starts unconfigured, and says which fields are wrong in plain words', async () => {
    await signInAs('admin');
    const initial = await call('connections.get', {});
    expect(initial).toMatchObject({ ok: true, value: { configured: { api: false, sftp: false }, mode: 'training', sftp: { hostKeyFingerprint: null } } });

    const refused = await call('connections.save', {
      api: { ...API, baseUrl: 'http://api.vendor.example.in', fiCode: 'IN-12', regionCode: '', branchCode: 'B'.repeat(51), version: '' },
      sftp: { ...sftpFor(22), host: 'sftp://x.example.in', port: 70000, inputFolder: 'upload/in', responseFolder: '/a/../b', privateKeyPath: '' },
    });
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('VALIDATION_FAILED');
    expect(refused.error.fields).toEqual({
      'api.baseUrl': CONNECTION_MESSAGES.baseUrl,
      'api.fiCode': CONNECTION_MESSAGES.code('FI code'),
      'api.regionCode': CONNECTION_MESSAGES.code('region code'),
      'api.branchCode': CONNECTION_MESSAGES.code('branch code'),
      'api.version': CONNECTION_MESSAGES.version,
      'sftp.host': CONNECTION_MESSAGES.host,
      'sftp.port': CONNECTION_MESSAGES.port,
      'sftp.privateKeyPath': CONNECTION_MESSAGES.privateKeyPath,
      'sftp.inputFolder': CONNECTION_MESSAGES.folder('input'),
      'sftp.responseFolder': CONNECTION_MESSAGES.folder('response'),
    });
    // Nothing was written: the API part alone was bad enough to refuse both.
    expect((await call('connections.get', {})).value.configured).toEqual({ api: false, sftp: false });
    // A token connection needs no username; a password one does.
    const noUser = await call('connections.save', { api: { ...API, username: '' } });
    expect(noUser.error.fields).toEqual({ 'api.username': CONNECTION_MESSAGES.username });
  });

  it('saves, checks and pins the SFTP host key against sshd, keeps it all across a restart, and audits without secrets', async () => {
    await signInAs('admin');
    const saved = await call('connections.save', { api: API, sftp: sftpFor(sshd.port) });
    expect(saved).toMatchObject({ ok: true, value: { configured: { api: true, sftp: true }, api: { baseUrl: 'https://api.vendor.example.in/ckyc' } } });
    expect(await call('secrets.set', { slot: 'ckyc-api-password', value: SECRET })).toMatchObject({ ok: true });
    expect((await call('connections.get', {})).value.secrets['ckyc-api-password']).toBe(true);

    const probe = await call('connections.probeSftpHostKey', {});
    expect(probe).toEqual({ ok: true, value: { fingerprint: sshd.hostFingerprint(), pinned: null, status: 'new' } });

    // A fingerprint that is not the server's is never pinned.
    const wrong = await call('connections.pinSftpHostKey', { fingerprint: `SHA256:${'Q'.repeat(43)}` });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const pinned = await call('connections.pinSftpHostKey', { fingerprint: sshd.hostFingerprint() });
    expect(pinned).toMatchObject({ ok: true, value: { sftp: { hostKeyFingerprint: sshd.hostFingerprint() } } });
    expect((await call('connections.probeSftpHostKey', {})).value.status).toBe('same');

    const tested = await call('connections.testApi', {});
    expect(tested).toMatchObject({ ok: true, value: { ok: true } });
    expect(tested.value.message).toContain('training sandbox');
    expect(tested.value.message).not.toContain(SECRET);

    // Restart on the same data folder: settings, pin and secret status are still there.
    await services.close();
    await start();
    await signInAs('admin');
    const reopened = await call('connections.get', {});
    expect(reopened.value).toMatchObject({
      configured: { api: true, sftp: true },
      api: { ...API, baseUrl: 'https://api.vendor.example.in/ckyc' },
      sftp: { ...sftpFor(sshd.port), hostKeyFingerprint: sshd.hostFingerprint() },
      secrets: { 'ckyc-api-password': true },
    });

    const audit = await call('audit.list', { action: 'settings-change', page: 1, pageSize: 200 });
    const subjects = audit.value.items.map((entry: { subject: string }) => entry.subject);
    expect(subjects).toEqual(expect.arrayContaining(['connection:ckyc-api', 'connection:sftp']));
    const pinEntry = audit.value.items.find((entry: { details: Record<string, unknown> | null }) => entry.details?.changed === 'hostKeyFingerprint');
    expect(pinEntry.details).toMatchObject({ from: null, to: sshd.hostFingerprint() });
    const everything = JSON.stringify((await call('audit.list', { page: 1, pageSize: 200 })).value);
    expect(everything).not.toContain(SECRET);
  });

  it('shows a changed host key as changed, and moving to another server drops the pin', async () => {
    await signInAs('admin');
    const before = sshd.hostFingerprint();
    await sshd.restartWithNewHostKey();
    const probe = await call('connections.probeSftpHostKey', {});
    expect(probe).toEqual({ ok: true, value: { fingerprint: sshd.hostFingerprint(), pinned: before, status: 'changed' } });
    // Changing only the folders keeps the pin; another port is another server and must be confirmed again.
    const folders = await call('connections.save', { sftp: { ...sftpFor(sshd.port), inputFolder: '/upload/in2' } });
    expect(folders.value.sftp.hostKeyFingerprint).toBe(before);
    const moved = await call('connections.save', { sftp: { ...sftpFor(sshd.port + 1), inputFolder: '/upload/in2' } });
    expect(moved.value.sftp.hostKeyFingerprint).toBeNull();
    const unreachable = await call('connections.probeSftpHostKey', {});
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'REMOTE_UNREACHABLE' } });
  });
});
