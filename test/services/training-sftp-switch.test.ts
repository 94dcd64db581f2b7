import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { trainingSandboxHandlers } from '../../electron/app/handlers/training-sandbox-handlers';
import { silentLogger } from '../../electron/logging/logger';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { makeTempDir } from '../support/temp-dir';

/**
 * `training.sftpDown` through the real router (contract check, access, handler) against the
 * Training sandbox the app starts: an admin's switch makes the registry's sftp-health say down.
 */
const ORIGIN = 'test://training-sftp-switch';
let temp: ReturnType<typeof makeTempDir>;
let services: AppServices;

async function call(channel: string, payload: unknown): Promise<any> {
  return services.dispatch({ channel, payload, origin: ORIGIN });
}
async function signInAs(role: 'maker' | 'checker' | 'admin'): Promise<void> {
  const { value: session } = await call('session.state', {});
  const operator = session.trainingOperators.find((o: { role: string }) => o.role === role);
  expect(await call('session.switchTraining', { operatorId: operator.id })).toMatchObject({ ok: true });
}

beforeAll(async () => {
  temp = makeTempDir();
  services = await startAppServices({ dataDir: temp.dir, version: 'test', vault: new MemoryVault(), env: { KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.2' } });
  services.trustOrigin(ORIGIN);
}, 60_000);
afterAll(async () => {
  await services?.close();
  temp.remove();
});

describe('training.sftpDown', () => {
  it('lets an admin read and flip the switch, and the registry then reports its SFTP server down', async () => {
    await signInAs('admin');
    expect(await call('training.sftpDown', {})).toEqual({ ok: true, value: { down: false } });
    expect(await call('training.sftpDown', { down: true })).toEqual({ ok: true, value: { down: true } });
    const health = await call('registry.sftpHealth', { check: true });
    expect(health.ok).toBe(true);
    expect(health.value.history.at(-1)).toMatchObject({ status: 'down', source: 'screen' });
    expect(await call('training.sftpDown', { down: false })).toEqual({ ok: true, value: { down: false } });
    expect(await call('training.sftpDown', { down: 'yes' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses makers and checkers', async () => {
    for (const role of ['maker', 'checker'] as const) {
      await signInAs(role);
      expect(await call('training.sftpDown', { down: true }), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await signInAs('admin');
    expect((await call('training.sftpDown', {})).value).toEqual({ down: false });
  });

  it('says it exists only in Training mode where there is no sandbox (Live mode)', () => {
    const session = { current: () => ({ id: 'op_admin' }) } as never;
    const handlers = trainingSandboxHandlers({ trainingSandbox: null, session, logger: silentLogger });
    expect(() => handlers['training.sftpDown']({ down: true })).toThrow(/exists only in Training mode/);
  });
});
