import { expect } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { makeTempDir } from './temp-dir';

export type TrainingRole = 'maker' | 'checker' | 'admin';

/** The app's own wiring in Training, reached over the IPC contract as the renderer reaches it. */
export interface AppChannels {
  services: AppServices;
  /** The app's data folder (removed by close). */
  dir: string;
  /** One IPC request from the trusted test origin; the answer as the router gives it ({ ok, value | error }). */
  call(channel: string, payload: unknown): Promise<any>;
  /** Switch to the Training operator of this role (and expect it to work). */
  as(role: TrainingRole): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the app's services on a fresh data folder with an in-memory keychain, trusts `origin`,
 * and learns the Training operators' ids. `env` is the app's environment (poll and sandbox speeds,
 * the sandbox seed).
 */
export async function openAppChannels(origin: string, env: Record<string, string> = {}): Promise<AppChannels> {
  const temp = makeTempDir();
  const services = await startAppServices({ dataDir: temp.dir, version: 'test', vault: new MemoryVault(), env });
  services.trustOrigin(origin);
  const call = (channel: string, payload: unknown): Promise<any> => services.dispatch({ channel, payload, origin });
  const training: Partial<Record<string, string>> = {};
  const { value: session } = await call('session.state', {});
  for (const operator of session.trainingOperators as Array<{ role: string; id: string }>) training[operator.role] = operator.id;
  return {
    services,
    dir: temp.dir,
    call,
    as: async (role) => {
      expect(await call('session.switchTraining', { operatorId: training[role] })).toMatchObject({ ok: true });
    },
    close: async () => {
      await services.close();
      temp.remove();
    },
  };
}
