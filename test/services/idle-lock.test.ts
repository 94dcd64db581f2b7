import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { CHANNEL_ACTIVITY } from '../../electron/ipc/channel-activity';
import { CHANNEL_NAMES } from '../../shared/contract';
import { startTestKeyring, type TestKeyring } from '../support/keyring';
import { manualTimers, type ManualTimers } from '../support/manual-timers';
import jpeg from 'jpeg-js';
import { sampleKycRecord } from '../support/kyc-records';
import { makeTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';

/**
 * The idle lock falls on an unattended counter even while a batch is being followed. The real
 * services and router run with the sandbox, which keeps the batch "processing" for an hour and is
 * asked every 100 ms; each answer is a `batch-updated` event, and the test answers it the way the
 * renderer does (records.list, batches.list, sync.status). The session's clock is moved by hand,
 * 10 simulated seconds per event, so several minutes pass in a second or two of real time.
 */
const ORIGIN = 'test://idle-lock';
const IDLE_MS = 60_000;
const STEP_MS = 10_000;
const SIMULATED_MS = 5 * 60_000;

let keyring: TestKeyring;
let temp: ReturnType<typeof makeTempDir>;
let services: AppServices | undefined;
let timers: ManualTimers;

const call = (channel: string, payload: unknown): Promise<any> => services!.dispatch({ channel, payload, origin: ORIGIN });

beforeAll(async () => {
  keyring = await startTestKeyring();
}, 60_000);
afterAll(async () => {
  await keyring?.stop();
});
beforeEach(async () => {
  temp = makeTempDir();
  timers = manualTimers();
  services = await startAppServices({
    dataDir: temp.dir,
    version: 'test',
    env: { KYC_DESK_POLL_SECONDS: '0.1', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '3600' },
    sessionTimers: timers,
  });
  services.trustOrigin(ORIGIN);
}, 60_000);
afterEach(async () => {
  await services?.close();
  services = undefined;
  temp.remove();
});

async function switchTo(role: 'maker' | 'checker' | 'admin'): Promise<void> {
  const { value: session } = await call('session.state', {});
  const operator = session.trainingOperators.find((o: { role: string }) => o.role === role);
  expect(await call('session.switchTraining', { operatorId: operator.id })).toMatchObject({ ok: true });
}

/** A record with only its (mandatory) photograph: a real, small JPEG stored over the contract as the form stores it. */
async function recordRequest(n: number): Promise<{ record: ReturnType<typeof sampleKycRecord> }> {
  const width = 70;
  const height = 90;
  const pixels = Buffer.alloc(width * height * 4, 100 + n);
  const bytes = Buffer.from(jpeg.encode({ data: pixels, width, height }, 80).data);
  const put = await call('documents.put', { imageCode: '02', base64: bytes.toString('base64'), masked: false });
  expect(put).toMatchObject({ ok: true });
  const photo = { code: '02', documentHash: put.value.hash, mime: put.value.mime, bytes: put.value.bytes, masked: false };
  return { record: sampleKycRecord(n, {}, [photo]) };
}

/** Idle lock one minute; one approved record; a checker starts the sync; the batch is followed by the registry's answers. */
async function followABatch(): Promise<string> {
  await switchTo('admin');
  expect(await call('settings.update', { idleMinutes: 1 })).toMatchObject({ ok: true, value: { idleMinutes: 1 } });
  await switchTo('maker');
  const saved = await call('records.save', await recordRequest(1));
  expect(saved).toMatchObject({ ok: true });
  await switchTo('checker');
  expect(await call('records.approve', { ids: [saved.value.id] })).toMatchObject({ ok: true, value: { refused: [] } });
  const sync = await call('sync.start', {});
  expect(sync).toMatchObject({ ok: true, value: { recordCount: 1 } });
  await waitFor('the batch to be followed at the registry', async () => (await call('batches.list', { page: 1, pageSize: 10 })).value.items[0]?.state === 'polling');
  return sync.value.batchId as string;
}

/** Resolves on the next `batch-updated` event; bounded, so a stalled engine fails the test instead of hanging it. */
function nextBatchUpdate(): Promise<{ id: string; state: string }> {
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      stop();
      reject(new Error('no batch-updated event within 5 s'));
    }, 5_000);
    const stop = services!.events.subscribe((event, payload) => {
      if (event !== 'batch-updated') return;
      clearTimeout(timeout);
      stop();
      resolve(payload as { id: string; state: string });
    });
  });
}

/** What the renderer does on each batch-updated event (app-store.ts). */
async function refreshLikeTheRenderer(): Promise<Array<{ ok: boolean; error?: { code: string } }>> {
  return Promise.all([
    call('records.list', { page: 1, pageSize: 100 }),
    call('batches.list', { page: 1, pageSize: 50 }),
    call('sync.status', {}),
  ]);
}

/**
 * Follow the batch for SIMULATED_MS of the session's clock, one renderer refresh per real event;
 * `person` may act at a simulated time. Returns when (on the session's clock) the idle lock fell.
 */
async function watchUnattended(person: (elapsedMs: number) => Promise<void> = async () => {}): Promise<{ lockedAfterMs: number | undefined; refreshesWhileOpen: number }> {
  const start = timers.now();
  let lockedAt: number | undefined;
  const stopWatching = services!.events.subscribe((event, payload) => {
    if (event === 'session-changed' && (payload as { state: string }).state === 'locked' && lockedAt === undefined) lockedAt = timers.now();
  });
  let refreshesWhileOpen = 0;
  try {
    for (let elapsed = 0; elapsed < SIMULATED_MS; elapsed += STEP_MS) {
      const update = await nextBatchUpdate();
      expect(update.state).toBe('polling');
      const answers = await refreshLikeTheRenderer();
      if (lockedAt === undefined) {
        expect(answers.every((answer) => answer.ok)).toBe(true);
        refreshesWhileOpen++;
      } else {
        expect(answers.every((answer) => !answer.ok && answer.error?.code === 'SIGNED_OUT')).toBe(true);
      }
      await person(elapsed);
      timers.advance(STEP_MS);
    }
  } finally {
    stopWatching();
  }
  return { lockedAfterMs: lockedAt === undefined ? undefined : lockedAt - start, refreshesWhileOpen };
}

describe('the idle lock while a batch is followed', () => {
  it('locks an unattended counter on time: idle one minute, the batch processing for five, no input', async () => {
    const batchId = await followABatch();
    const { lockedAfterMs, refreshesWhileOpen } = await watchUnattended();

    // The last thing a person did was Sync, at the start: locked exactly one minute later, for idleness.
    expect(lockedAfterMs).toBe(IDLE_MS);
    expect(refreshesWhileOpen).toBe(IDLE_MS / STEP_MS);
    expect((await call('session.state', {})).value).toMatchObject({ state: 'locked', lockReason: 'idle' });
    // The batch was followed all along, and still is: the lock stops nothing in the background.
    await switchTo('admin');
    const batches = await call('batches.list', { page: 1, pageSize: 10 });
    expect(batches.value.items[0]).toMatchObject({ id: batchId, state: 'polling' });
    const locks = await call('audit.list', { action: 'lock', page: 1, pageSize: 10 });
    expect(locks.value.items[0]).toMatchObject({ details: { reason: 'idle' } });
  }, 30_000);

  it('stays open while a person keeps pressing keys, and locks a minute after the last one', async () => {
    await followABatch();
    // Key presses reported every 30 s for the first two minutes, as the renderer reports them (session.activity).
    const { lockedAfterMs } = await watchUnattended(async (elapsed) => {
      if (elapsed > 0 && elapsed <= 120_000 && elapsed % 30_000 === 0) expect(await call('session.activity', {})).toMatchObject({ ok: true });
    });
    expect(lockedAfterMs).toBe(120_000 + IDLE_MS);
  }, 30_000);

  it('a person’s own change counts as activity; opening and reading records does not', async () => {
    await switchTo('admin');
    expect(await call('settings.update', { idleMinutes: 1 })).toMatchObject({ ok: true });
    await switchTo('maker');
    const saved = await call('records.save', await recordRequest(2));
    expect(saved).toMatchObject({ ok: true });
    timers.advance(50_000);
    // Reading — the queue, a record, its images — leaves the clock where it was…
    expect(await call('records.get', { id: saved.value.id })).toMatchObject({ ok: true });
    expect(await call('records.list', { page: 1, pageSize: 100 })).toMatchObject({ ok: true });
    timers.advance(10_000);
    expect((await call('session.state', {})).value).toMatchObject({ state: 'locked', lockReason: 'idle' });

    // …while a save made by the person restarts it.
    await switchTo('maker');
    timers.advance(50_000);
    expect(await call('drafts.save', { record: (await recordRequest(3)).record, editing: null })).toMatchObject({ ok: true });
    timers.advance(50_000);
    expect((await call('session.state', {})).value).toMatchObject({ state: 'signed_in' });
    timers.advance(10_000);
    expect((await call('session.state', {})).value).toMatchObject({ state: 'locked' });
  });
});

describe('which channels count as a person’s activity', () => {
  it('decides every channel, and never counts what the renderer calls by itself', () => {
    expect(Object.keys(CHANNEL_ACTIVITY).sort()).toEqual([...CHANNEL_NAMES].sort());
    // What the renderer calls on batch-updated, record-saved and session-changed events, and on start-up.
    for (const channel of ['records.list', 'batches.list', 'sync.status', 'session.state', 'app.info', 'drafts.get'] as const) {
      expect(CHANNEL_ACTIVITY[channel]).toBe('background');
    }
    for (const channel of ['session.activity', 'records.save', 'drafts.save', 'records.approve', 'records.reject', 'sync.start', 'documents.put'] as const) {
      expect(CHANNEL_ACTIVITY[channel]).toBe('person');
    }
  });
});
