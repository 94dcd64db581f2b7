import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { unlockOperatorOnThisPc, unlockRequestFrom } from '../../electron/operators/lock-out-recovery';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { startTestKeyring, type TestKeyring } from '../support/keyring';
import { makeTempDir } from '../support/temp-dir';

/**
 * Lock-out through the real router, store and keychain: the sign-in screen answers a made-up code
 * as it answers a real one, an admin locked out by someone at the counter gets back in with the
 * recovery command run on the PC (its own process, the OS account's keychain), and the audit trail
 * shows both.
 */
const ORIGIN = 'test://lock-out';
const REPO = path.resolve(import.meta.dirname, '../..');
const ADMIN_PASSWORD = 'admin pass phrase';

let keyring: TestKeyring;
let temp: ReturnType<typeof makeTempDir>;
let services: AppServices | undefined;

const call = (channel: string, payload: unknown): Promise<any> => services!.dispatch({ channel, payload, origin: ORIGIN });

async function start(): Promise<void> {
  services = await startAppServices({ dataDir: temp.dir, version: 'test', mode: 'training' });
  services.trustOrigin(ORIGIN);
}

/** `npm run unlock-operator -- …` as IT would run it: a child process with the same OS account and keychain. */
function runUnlockCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'electron/operators/lock-out-recovery-cli.ts', ...args],
      { cwd: REPO, env: { ...process.env, ...keyring.env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  keyring = await startTestKeyring();
  temp = makeTempDir();
  await start();
}, 60_000);
afterAll(async () => {
  await services?.close();
  await keyring?.stop();
  temp?.remove();
});

describe('lock-out at the sign-in screen', () => {
  it('tells nobody whether a code exists, and the recovery on this PC lets a locked-out admin back in', async () => {
    const { value: session } = await call('session.state', {});
    const trainingAdmin = session.trainingOperators.find((o: { role: string }) => o.role === 'admin');
    expect(await call('session.switchTraining', { operatorId: trainingAdmin.id })).toMatchObject({ ok: true });
    const created = await call('operators.create', {
      name: 'Ravi Kumar',
      employeeCode: 'A0001',
      designation: 'Branch Manager',
      branch: 'MG Road',
      organisation: 'Example Co-operative Bank',
      role: 'admin',
      password: ADMIN_PASSWORD,
    });
    expect(created).toMatchObject({ ok: true });
    expect(await call('session.signOut', {})).toMatchObject({ ok: true });

    // Someone at the counter tries a real admin's code and a made-up one: the same answers, word for word.
    const answers = async (employeeCode: string) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        const result = await call('session.signIn', { employeeCode, password: `a guess ${i}` });
        expect(result.ok).toBe(false);
        out.push(result.error.message);
      }
      return out;
    };
    const real = await answers('A0001');
    expect(await answers('Z0009')).toEqual(real);
    expect(real[5]).toMatch(/^This account is locked after too many wrong passwords\. Try again after \d\d:\d\d or ask your branch admin to unlock it \(if you are the only admin, IT can unlock it on this PC\)\.$/);
    // The admin's right password is refused too, while the lock lasts.
    expect((await call('session.signIn', { employeeCode: 'A0001', password: ADMIN_PASSWORD })).error.message).toBe(real[5]);

    // The recovery will not touch the data folder while KYC Desk has it open.
    const whileOpen = await runUnlockCommand(['A0001', '--data-dir', temp.dir]);
    expect(whileOpen.code).toBe(1);
    expect(whileOpen.stderr).toMatch(/Close KYC Desk first/);

    await services!.close();
    services = undefined;
    const recovered = await runUnlockCommand(['a0001', '--data-dir', temp.dir, '--mode', 'training']);
    expect(recovered.stderr).toBe('');
    expect(recovered).toMatchObject({ code: 0, stdout: 'Ravi Kumar (A0001, admin) is unlocked in training mode and may sign in again. This is in the audit trail.\n' });

    await start();
    expect(await call('session.signIn', { employeeCode: 'A0001', password: ADMIN_PASSWORD })).toMatchObject({ ok: true, value: { state: 'signed_in' } });
    const lockOuts = (await call('audit.list', { action: 'lock-out', page: 1, pageSize: 10 })).value.items;
    expect(lockOuts.map((entry: { subject: string }) => entry.subject)).toEqual(['Z0009', created.value.id]);
    const ends = (await call('audit.list', { action: 'lock-out-end', page: 1, pageSize: 10 })).value.items;
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ operatorId: null, subject: created.value.id, details: { employeeCode: 'A0001', role: 'admin', how: 'recovery command run on this PC' } });
    expect((await call('audit.verify', {})).value).toMatchObject({ ok: true });
  }, 90_000);

  it('the recovery needs this OS account’s keychain: with any other, the folder is refused and left alone', async () => {
    await services?.close();
    services = undefined;
    const request = unlockRequestFrom(['--unlock-operator', 'A0001', '--mode', 'training'])!;
    await expect(unlockOperatorOnThisPc(request, { dataDir: temp.dir, vault: new MemoryVault() })).rejects.toThrow(/not in this computer's keychain/);
    await expect(unlockOperatorOnThisPc({ employeeCode: 'A0001', mode: 'live' }, { dataDir: temp.dir })).rejects.toThrow(/no KYC Desk live-mode data/);
    expect(() => unlockRequestFrom(['--unlock-operator'])).toThrow(/Say whose lock-out to end/);
    expect(() => unlockRequestFrom(['--unlock-operator=A1', '--mode', 'real'])).toThrow(/--mode must be training or live/);
    expect(unlockRequestFrom(['--unlock-operator=A1'])).toEqual({ employeeCode: 'A1' });
    expect(unlockRequestFrom(['--no-open'])).toBeUndefined();
  }, 30_000);
});
