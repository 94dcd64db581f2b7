import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { makeTempDir } from '../support/temp-dir';

/** The mode switch through the real router: admin only, audited, for the next start, which opens Live's own store. */
const ORIGIN = 'test://mode';
let temp: ReturnType<typeof makeTempDir>;
let services: AppServices | undefined;
const vault = new MemoryVault();
const call = (channel: string, payload: unknown): Promise<any> => services!.dispatch({ channel, payload, origin: ORIGIN });

async function start(): Promise<void> {
  services = await startAppServices({ dataDir: temp.dir, version: 'test', vault, env: {} });
  services.trustOrigin(ORIGIN);
}
async function signInAs(role: 'maker' | 'admin'): Promise<void> {
  const { value: session } = await call('session.state', {});
  const operator = session.trainingOperators.find((o: { role: string }) => o.role === role);
  expect(await call('session.switchTraining', { operatorId: operator.id })).toMatchObject({ ok: true });
}

beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  await services?.close();
  services = undefined;
  temp.remove();
});

describe('choosing the mode for the next start', () => {
  it('only an admin may, it is audited, and the next start opens Live mode with its own store', async () => {
    await start();
    await signInAs('maker');
    expect(await call('app.setMode', { mode: 'live' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await signInAs('admin');
    const chosen = await call('app.setMode', { mode: 'live' });
    expect(chosen).toMatchObject({ ok: true, value: { mode: 'training', nextMode: 'live', message: expect.stringMatching(/opens in Live mode the next time it starts/) } });
    expect((await call('app.info', {})).value).toMatchObject({ mode: 'training', nextMode: 'live' });
    const audit = await call('audit.list', { action: 'settings-change', page: 1, pageSize: 10 });
    expect(audit.value.items.some((entry: { subject: string }) => entry.subject === 'app.mode')).toBe(true);

    await services!.close();
    await start();
    expect((await call('app.info', {})).value).toMatchObject({ mode: 'live', nextMode: 'live' });
    expect((await call('session.state', {})).value).toMatchObject({ needsFirstAdmin: true, trainingOperators: [] });
    expect(fs.existsSync(path.join(temp.dir, 'live', 'store'))).toBe(true);
  });
});
