import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { saveRequestOverContract } from '../support/stored-samples';
import { makeTempDir } from '../support/temp-dir';

/**
 * Approve and send-again judge each record on its own: the screens hear the state each record is
 * in afterwards, not the state a request hoped for.
 */
const ORIGIN = 'test://approval-events';
let temp: ReturnType<typeof makeTempDir>;
let services: AppServices;
const heard: Array<{ name: string; payload: unknown }> = [];
const training: Record<string, string> = {};

const call = (channel: string, payload: unknown): Promise<any> => services.dispatch({ channel, payload, origin: ORIGIN });
const as = async (role: 'maker' | 'checker') => expect(await call('session.switchTraining', { operatorId: training[role] })).toMatchObject({ ok: true });

beforeAll(async () => {
  temp = makeTempDir();
  services = await startAppServices({ dataDir: temp.dir, version: 'test', vault: new MemoryVault() });
  services.trustOrigin(ORIGIN);
  services.events.subscribe((name, payload) => heard.push({ name, payload }));
  const { value: session } = await call('session.state', {});
  for (const operator of session.trainingOperators as Array<{ role: string; id: string }>) training[operator.role] = operator.id;
});
afterAll(async () => {
  await services.close();
  temp.remove();
});

describe('record-saved after approve and send-again', () => {
  it('names the state each record is in: a refused one keeps its own', async () => {
    await as('maker');
    const rejected = await call('records.save', await saveRequestOverContract(call, 1));
    const waiting = await call('records.save', await saveRequestOverContract(call, 2));
    expect(rejected).toMatchObject({ ok: true });
    expect(waiting).toMatchObject({ ok: true });

    await as('checker');
    expect(await call('records.reject', { id: rejected.value.id, reason: 'Photograph is blurred' })).toMatchObject({ ok: true });
    heard.length = 0;
    const approved = await call('records.approve', { ids: [rejected.value.id, waiting.value.id] });
    expect(approved.value.approved).toEqual([waiting.value.reference]);
    expect(heard).toContainEqual({ name: 'record-saved', payload: { id: rejected.value.id, state: 'rejected' } });
    expect(heard).toContainEqual({ name: 'record-saved', payload: { id: waiting.value.id, state: 'ready' } });

    heard.length = 0;
    const again = await call('records.markReady', { ids: [rejected.value.id] });
    expect(again.value.marked).toEqual([]);
    expect(heard).toEqual([{ name: 'record-saved', payload: { id: rejected.value.id, state: 'rejected' } }]);
  });
});
