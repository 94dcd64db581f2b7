import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { SETUP_CODE_FILE } from '../../electron/live-setup/setup-code';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { makeTempDir } from '../support/temp-dir';

/**
 * The mode switch through the real router: admin only, audited, for the next start, which opens
 * Live's own store. Choosing Live mode from Training mode needs IT's one-time setup code (made by
 * the very command IT runs) or a Live admin's own sign-in; Live's first admin needs the code.
 */
const ORIGIN = 'test://mode';
const ROOT = path.resolve(import.meta.dirname, '../..');
let temp: ReturnType<typeof makeTempDir>;
let services: AppServices | undefined;
let vault: MemoryVault;
const call = (channel: string, payload: unknown): Promise<any> => services!.dispatch({ channel, payload, origin: ORIGIN });

async function start(): Promise<void> {
  services = await startAppServices({ dataDir: temp.dir, version: 'test', vault, env: {} });
  services.trustOrigin(ORIGIN);
}
async function restart(): Promise<void> {
  await services!.close();
  await start();
}
async function signInAs(role: 'maker' | 'admin'): Promise<void> {
  const { value: session } = await call('session.state', {});
  const operator = session.trainingOperators.find((o: { role: string }) => o.role === role);
  expect(await call('session.switchTraining', { operatorId: operator.id })).toMatchObject({ ok: true });
}
async function auditOf(action: string): Promise<Array<{ subject: string; details: Record<string, unknown> | null; operatorName: string | null }>> {
  return (await call('audit.list', { action, page: 1, pageSize: 50 })).value.items;
}

/** What IT runs on the PC for the browser preview (`npm run live-setup-code`): the code it prints once. */
function itMakesASetupCode(): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/preview/cli.ts', '--live-setup-code'], {
    cwd: ROOT,
    env: { ...process.env, KYC_DESK_DATA_DIR: temp.dir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const code = /^ {4}([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})$/m.exec(run.stdout)?.[1];
  expect(code, run.stdout).toBeDefined();
  expect(fs.statSync(path.join(temp.dir, SETUP_CODE_FILE)).mode & 0o777).toBe(0o600);
  expect(fs.readFileSync(path.join(temp.dir, SETUP_CODE_FILE), 'utf8')).not.toContain(code!);
  return code!;
}

const person = (name: string, employeeCode: string) => ({ name, employeeCode, designation: 'Officer', branch: 'Chennai Main', organisation: 'Example Co-operative Bank' });

beforeEach(() => {
  temp = makeTempDir();
  vault = new MemoryVault();
});
afterEach(async () => {
  await services?.close();
  services = undefined;
  temp.remove();
});

describe('choosing the mode for the next start', () => {
  it('only an admin may, with the setup code from IT; it is audited, and the next start opens Live mode with its own store', async () => {
    await start();
    await signInAs('maker');
    expect(await call('app.setMode', { mode: 'live' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await signInAs('admin');
    // Training's admin is one click away for anyone: alone, it cannot choose Live mode.
    expect(await call('app.setMode', { mode: 'live' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^Choosing Live mode needs the one-time setup code/) } });
    expect(await call('app.setMode', { mode: 'live', setupCode: 'AAAA-BBBB-CCCC-DDDD-EEEE' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^No setup code is in force on this PC/) } });
    const code = itMakesASetupCode();
    expect(await call('app.setMode', { mode: 'live', setupCode: 'AAAA-BBBB-CCCC-DDDD-EEEE' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^That setup code is wrong\. .* 4 tries are left/) } });
    expect(await call('app.setMode', { mode: 'live', liveAdmin: { employeeCode: 'A001', password: 'admin passphrase 1' } })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Live mode has no admin on this PC yet, so only the one-time setup code/) },
    });
    expect((await call('app.info', {})).value).toMatchObject({ mode: 'training', nextMode: 'training' });
    const refused = await auditOf('live-setup-refused');
    expect(refused.map((entry) => entry.details?.via)).toEqual(['live admin', 'setup code', 'setup code', 'none']);
    for (const entry of refused) expect(JSON.stringify(entry)).not.toContain(code);

    const chosen = await call('app.setMode', { mode: 'live', setupCode: code });
    expect(chosen).toMatchObject({ ok: true, value: { mode: 'training', nextMode: 'live', message: expect.stringMatching(/opens in Live mode the next time it starts/) } });
    expect((await call('app.info', {})).value).toMatchObject({ mode: 'training', nextMode: 'live' });
    const audit = await auditOf('settings-change');
    expect(audit.some((entry) => entry.subject === 'app.mode')).toBe(true);
    expect(audit.find((entry) => entry.subject === 'app.mode')?.details).toMatchObject({ from: 'training', to: 'live', approvedBy: 'setup code' });
    expect(JSON.stringify(audit)).not.toContain(code);
    // Live mode has no admin yet: the code stays for its first admin.
    expect(fs.existsSync(path.join(temp.dir, SETUP_CODE_FILE))).toBe(true);

    await restart();
    expect((await call('app.info', {})).value).toMatchObject({ mode: 'live', nextMode: 'live' });
    expect((await call('session.state', {})).value).toMatchObject({ needsFirstAdmin: true, trainingOperators: [] });
    expect(fs.existsSync(path.join(temp.dir, 'live', 'store'))).toBe(true);
  }, 120_000);
});

describe("Live mode's first admin", () => {
  it('is made only with the setup code, which it uses up; a wrong code is refused and audited', async () => {
    fs.writeFileSync(path.join(temp.dir, 'mode.json'), '{"mode":"live"}\n');
    await start();
    const admin = { ...person('Asha Admin', 'A001'), password: 'admin passphrase 1' };
    // Whoever opens a new Live folder first does not become its admin.
    expect(await call('session.createFirstAdmin', admin)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('session.createFirstAdmin', { ...admin, setupCode: 'AAAA-BBBB-CCCC-DDDD-EEEE' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/^No setup code is in force on this PC/) },
    });
    const code = itMakesASetupCode();
    expect(await call('session.createFirstAdmin', { ...admin, setupCode: 'AAAA-BBBB-CCCC-DDDD-EEEE' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', fields: { setupCode: 'This is not the setup code.' } } });
    // A refused profile keeps the code for the next try.
    expect(await call('session.createFirstAdmin', { ...admin, password: 'short', setupCode: code })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await call('session.createFirstAdmin', { ...admin, setupCode: code.toLowerCase() })).toMatchObject({ ok: true, value: { state: 'signed_in', needsFirstAdmin: false } });
    expect(fs.existsSync(path.join(temp.dir, SETUP_CODE_FILE))).toBe(false);
    expect(await call('session.createFirstAdmin', { ...person('Someone Else', 'X001'), password: 'another passphrase', setupCode: code })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const created = await auditOf('operator-create');
    expect(created[0]).toMatchObject({ operatorName: 'Asha Admin', details: { firstAdmin: true, setupCodeIssuedAt: expect.any(String) } });
    const refused = await auditOf('live-setup-refused');
    expect(refused).toHaveLength(2);
    expect(refused.every((entry) => entry.subject === 'first admin')).toBe(true);
    expect(JSON.stringify([...created, ...refused])).not.toContain(code);
  }, 120_000);
});

describe('choosing Live mode again, once it has its admin', () => {
  it("takes a Live admin's employee code and password, checked against Live mode's operators — never Training's admin alone", async () => {
    fs.writeFileSync(path.join(temp.dir, 'mode.json'), '{"mode":"live"}\n');
    await start();
    const code = itMakesASetupCode();
    expect(await call('session.createFirstAdmin', { ...person('Asha Admin', 'A001'), password: 'admin passphrase 1', setupCode: code })).toMatchObject({ ok: true });
    expect(await call('operators.create', { ...person('Meera Maker', 'M001'), role: 'maker', password: 'maker passphrase 1' })).toMatchObject({ ok: true });
    // Live's own admin switches to Training with their signed-in session: no code needed to leave Live mode.
    expect(await call('app.setMode', { mode: 'training' })).toMatchObject({ ok: true, value: { nextMode: 'training' } });

    await restart();
    expect((await call('app.info', {})).value).toMatchObject({ mode: 'training' });
    await signInAs('admin');
    expect(await call('app.setMode', { mode: 'live' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('app.setMode', { mode: 'live', setupCode: code })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^No setup code is in force/) } });
    expect(await call('app.setMode', { mode: 'live', liveAdmin: { employeeCode: 'A001', password: 'not the password' } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Employee code or password is wrong.' },
    });
    expect(await call('app.setMode', { mode: 'live', liveAdmin: { employeeCode: 'M001', password: 'maker passphrase 1' } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/^Only a Live admin can choose Live mode/) },
    });
    expect((await call('app.info', {})).value).toMatchObject({ nextMode: 'training' });
    expect(await call('app.setMode', { mode: 'live', liveAdmin: { employeeCode: 'a001', password: 'admin passphrase 1' } })).toMatchObject({ ok: true, value: { nextMode: 'live' } });
    expect((await auditOf('settings-change')).find((entry) => entry.subject === 'app.mode')?.details).toMatchObject({ to: 'live', approvedBy: 'live admin', liveAdmin: 'A001' });

    // Live mode's own trail shows the wrong password tried from Training, and the admin who approved.
    await restart();
    expect(await call('session.signIn', { employeeCode: 'A001', password: 'admin passphrase 1' })).toMatchObject({ ok: true });
    expect((await auditOf('sign-in-failed')).find((entry) => entry.subject === 'A001')?.details).toMatchObject({ via: 'choosing Live mode from Training mode' });
    expect((await auditOf('settings-change')).find((entry) => entry.details?.via === 'approved from Training mode')).toMatchObject({ operatorName: 'Asha Admin' });
  }, 150_000);

  it('a setup code used while Live mode already has its admin is used up then', async () => {
    fs.writeFileSync(path.join(temp.dir, 'mode.json'), '{"mode":"live"}\n');
    await start();
    expect(await call('session.createFirstAdmin', { ...person('Asha Admin', 'A001'), password: 'admin passphrase 1', setupCode: itMakesASetupCode() })).toMatchObject({ ok: true });
    expect(await call('app.setMode', { mode: 'training' })).toMatchObject({ ok: true });
    await restart();
    await signInAs('admin');
    const code = itMakesASetupCode();
    expect(await call('app.setMode', { mode: 'live', setupCode: code })).toMatchObject({ ok: true, value: { nextMode: 'live' } });
    expect(fs.existsSync(path.join(temp.dir, SETUP_CODE_FILE))).toBe(false);
    expect(await call('app.setMode', { mode: 'training' })).toMatchObject({ ok: true });
    expect(await call('app.setMode', { mode: 'live', setupCode: code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }, 150_000);
});
