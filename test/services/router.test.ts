import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { CHANNEL_NAMES } from '../../shared/contract';
import { createRouter, type Handlers } from '../../electron/ipc/router';
import type { Logger } from '../../electron/logging/logger';
import { storedSample } from '../support/kyc-records';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';

const TRUSTED = 'app://kyc-desk';

function recordingLogger() {
  const lines: string[] = [];
  const logger: Logger = {
    debug: (m) => void lines.push(m),
    info: (m) => void lines.push(m),
    warn: (m) => void lines.push(m),
    error: (m, d) => void lines.push(`${m} ${JSON.stringify(d)}`),
  };
  return { logger, lines };
}

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  return {
    ...(Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, unused])) as unknown as Handlers),
    'app.info': () => ({ mode: 'training', nextMode: 'training', version: '1.0.0', pollSeconds: 2, notices: [], documentLimits: DEFAULT_DOCUMENT_LIMITS }),
    'records.save': () => ({ id: 'rec_1', reference: 'KD0000000000AB', state: 'ready' }),
    ...overrides,
  };
}

describe('IPC router', () => {
  it('answers a valid call from the app origin with a value', async () => {
    const dispatch = createRouter(handlers(), { trustedOrigins: () => [TRUSTED], logger: recordingLogger().logger });
    await expect(dispatch({ channel: 'app.info', payload: {}, origin: TRUSTED })).resolves.toEqual({
      ok: true,
      value: { mode: 'training', nextMode: 'training', version: '1.0.0', pollSeconds: 2, notices: [], documentLimits: DEFAULT_DOCUMENT_LIMITS },
    });
  });

  it('refuses another origin before running anything', async () => {
    let ran = false;
    const dispatch = createRouter(handlers({ 'app.info': () => ((ran = true), { mode: 'training', nextMode: 'training', version: '1', pollSeconds: 2, notices: [], documentLimits: DEFAULT_DOCUMENT_LIMITS }) }), {
      trustedOrigins: () => [TRUSTED],
      logger: recordingLogger().logger,
    });
    const result = await dispatch({ channel: 'app.info', payload: {}, origin: 'https://evil.example' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(ran).toBe(false);
  });

  it('refuses a channel outside the contract', async () => {
    const dispatch = createRouter(handlers(), { trustedOrigins: () => [TRUSTED], logger: recordingLogger().logger });
    for (const channel of ['fs.readFile', '__proto__', 42, null]) {
      expect(await dispatch({ channel, payload: {}, origin: TRUSTED })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('never throws or rejects, whatever arrives: hostile channels, origins and a logger that fails', async () => {
    const { logger, lines } = recordingLogger();
    const dispatch = createRouter(handlers(), { trustedOrigins: () => [TRUSTED], logger });
    const hostile = [{ toString: 1 }, { toString: () => { throw new Error('boom'); } }, Object.create(null), ['app.info'], Symbol('app.info'), () => 'app.info', 10n];
    for (const channel of hostile) {
      expect(await dispatch({ channel, payload: {}, origin: TRUSTED })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(lines.filter((line) => line === 'ipc call on unknown channel refused')).toHaveLength(hostile.length);
    expect(await dispatch({ channel: 'app.info', payload: {}, origin: { toString: 1 } as unknown as string })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    const throwing: Logger = { debug() {}, info() {}, warn: () => { throw new Error('disk gone'); }, error: () => { throw new Error('disk gone'); } };
    const fragile = createRouter(handlers(), { trustedOrigins: () => [TRUSTED], logger: throwing });
    expect(await fragile({ channel: { toString: 1 }, payload: {}, origin: TRUSTED })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses a malformed payload with the offending fields, without calling the handler', async () => {
    let ran = false;
    const dispatch = createRouter(
      handlers({
        'records.save': () => {
          ran = true;
          return { id: 'rec_1', reference: 'KD0000000000AB', state: 'ready' };
        },
      }),
      { trustedOrigins: () => [TRUSTED], logger: recordingLogger().logger },
    );
    const bad = { record: { ...storedSample(1), pan: 12345 }, extra: 'not in the contract' };
    const result = await dispatch({ channel: 'records.save', payload: bad, origin: TRUSTED });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_REQUEST');
    expect(Object.keys(result.error.fields ?? {})).toEqual(expect.arrayContaining(['record.pan']));
    expect(ran).toBe(false);
    for (const payload of [null, 'string', [], undefined]) {
      expect(await dispatch({ channel: 'records.save', payload, origin: TRUSTED })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });

  it('passes an AppFailure through as a value with its fields', async () => {
    const dispatch = createRouter(
      handlers({
        'records.save': () => {
          throw new AppFailure('VALIDATION_FAILED', 'Check PAN.', { pan: 'A PAN has 10 characters.' });
        },
      }),
      { trustedOrigins: () => [TRUSTED], logger: recordingLogger().logger },
    );
    expect(await dispatch({ channel: 'records.save', payload: { record: storedSample(1) }, origin: TRUSTED })).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'Check PAN.', fields: { pan: 'A PAN has 10 characters.' } },
    });
  });

  it('turns an unexpected exception into a generic error: no message, stack or path crosses the bridge', async () => {
    const { logger, lines } = recordingLogger();
    const dispatch = createRouter(
      handlers({
        'app.info': () => {
          throw new Error('SQLITE_CORRUPT at /home/operator/secret/path.sqlite');
        },
      }),
      { trustedOrigins: () => [TRUSTED], logger },
    );
    const result = await dispatch({ channel: 'app.info', payload: {}, origin: TRUSTED });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/SQLITE_CORRUPT|secret|\.ts:|at /);
    expect(lines.some((line) => line.includes('ipc handler failed'))).toBe(true);
  });

  it('refuses to send a response that breaks its own schema', async () => {
    const dispatch = createRouter(handlers({ 'app.info': () => ({ mode: 'nonsense' }) as never }), {
      trustedOrigins: () => [TRUSTED],
      logger: recordingLogger().logger,
    });
    expect(await dispatch({ channel: 'app.info', payload: {}, origin: TRUSTED })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('asks the authorizer before looking at the payload, and answers its refusal as a value', async () => {
    let ran = false;
    const dispatch = createRouter(
      handlers({ 'records.save': () => ((ran = true), { id: 'rec_1', reference: 'KD0000000000AB', state: 'ready' }) }),
      {
        trustedOrigins: () => [TRUSTED],
        logger: recordingLogger().logger,
        authorize: (channel) => {
          if (channel === 'records.save') throw new AppFailure('FORBIDDEN', 'Your role cannot do this.');
        },
      },
    );
    expect(await dispatch({ channel: 'records.save', payload: 'not even an object', origin: TRUSTED })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Your role cannot do this.' },
    });
    expect(ran).toBe(false);
    expect(await dispatch({ channel: 'app.info', payload: {}, origin: TRUSTED })).toMatchObject({ ok: true });
  });
});
