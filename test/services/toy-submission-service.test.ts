import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CkycSandbox, type SandboxService } from '../../electron/sandbox';
import { bearerToken } from '../../electron/sandbox/shell/auth';
import { HttpProblem, ok, readJson } from '../../electron/sandbox/shell/http';
import { duplicateRegistrations, Ledger, readLedger } from '../../electron/sandbox/shell/ledger';
import { silentLogger } from '../../electron/logging/logger';
import { requestJson, type HttpFailure } from '../../electron/transport/http-client';
import type { BatchRow } from '../../electron/sync/batch-repository';
import type { RecordResult, StepFailure, SubmissionService, SubmitOutcome } from '../../electron/sync/submission-service';
import { isTerminalBatchState } from '../../shared/sync/states';
import { makeTempDir } from '../support/temp-dir';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { waitFor } from '../support/wait';

/**
 * Issue 11's proof that the sync engine is a plug-in host: a service that exists only here, in the
 * test tree — its sandbox side plugged into the sandbox shell, its app side written against
 * electron/sync/submission-service.ts — runs records through the real engine, store and outbox
 * under injected faults, and the toy registry's ledger shows every record registered exactly once.
 * Nothing in electron/sync/ knows it exists.
 *
 * The toy registry: POST a batch (name, references) → its id; GET find?name= → the batch or not;
 * GET status?id= → processing, then done with a number for each reference. It does NOT refuse a
 * batch name it has seen: a batch sent twice would register its records twice, and the ledger
 * would show it.
 */
const TOY_TOKEN = 'toy-registry-token';
const PROCESSING_MS = 40;

function toyRegistry(): SandboxService {
  return {
    name: 'toy',
    start: ({ stateDir, now }) => {
      const ledger = new Ledger(stateDir);
      const batches = new Map<string, { id: string; name: string; at: number; numbers: Map<string, string> }>();
      let issued = 0;
      const guard = ({ req }: { req: { headers: { authorization?: string } } }) => {
        if (bearerToken(req.headers.authorization) !== TOY_TOKEN) throw new HttpProblem(401, 'UNAUTHORIZED', 'Invalid or missing token.');
      };
      return {
        routes: [
          {
            paths: ['/toy/v1/batches'],
            method: 'POST',
            guard,
            handle: async ({ req }) => {
              const body = z.object({ name: z.string().min(1), refs: z.array(z.string()).min(1) }).safeParse(await readJson(req));
              if (!body.success) throw new HttpProblem(400, 'BAD_REQUEST', 'A batch needs a name and references.');
              const id = `toy-${batches.size + 1}`;
              // Registered as it is received: the ledger is the toy registry's truth, and a batch
              // received twice shows there twice even if nobody ever asks after the second.
              const numbers = new Map(body.data.refs.map((ref) => [ref, String(70_000_000_000_000 + ++issued)]));
              for (const [ref, number] of numbers) {
                ledger.append({ client_id: id, kyc_ref_no: ref, ckyc_number: number, at: new Date(now()).toISOString(), kind: 'upload', pan_key: null, name_key: null });
              }
              batches.set(id, { id, name: body.data.name, at: now(), numbers });
              return ok({ id, state: 'received' });
            },
          },
          {
            paths: ['/toy/v1/batches/find'],
            method: 'GET',
            guard,
            handle: ({ url }) => {
              const found = [...batches.values()].find((batch) => batch.name === url.searchParams.get('name'));
              return ok(found ? { found: true, id: found.id, state: 'received' } : { found: false });
            },
          },
          {
            paths: ['/toy/v1/batches/status'],
            method: 'GET',
            guard,
            handle: ({ url }) => {
              const batch = batches.get(url.searchParams.get('id') ?? '');
              if (!batch) throw new HttpProblem(404, 'NOT_FOUND', 'No such batch.');
              if (now() - batch.at < PROCESSING_MS) return ok({ state: 'processing' });
              return ok({ state: 'done', results: [...batch.numbers].map(([ref, number]) => ({ ref, number })) });
            },
          },
          { paths: ['/toy/v1/ping'], method: 'GET', handle: () => ok({ pong: true }) },
        ],
      };
    },
  };
}

/** The app side of the toy service: only the plug-in interface, the shared HTTP client and zod. */
function toyService(baseUrl: string, timeoutMs: number): SubmissionService {
  const call = <S extends z.ZodType>(path: string, schema: S, body?: unknown) =>
    requestJson({ url: `${baseUrl}${path}`, method: body === undefined ? 'GET' : 'POST', body, headers: { authorization: `Bearer ${TOY_TOKEN}` }, timeoutMs }, schema);
  const failure = (f: HttpFailure): StepFailure => ({ message: f.message, unreachable: f.kind === 'unreachable', retryAfterMs: f.kind === 'rate_limited' ? f.retryAfterMs : null });
  const accepted = z.object({ id: z.string(), state: z.string() });
  const found = z.union([z.object({ found: z.literal(true), id: z.string(), state: z.string() }), z.object({ found: z.literal(false) })]);
  const status = z.union([z.object({ state: z.literal('processing') }), z.object({ state: z.literal('done'), results: z.array(z.object({ ref: z.string(), number: z.string() })) })]);
  return {
    id: 'toy',
    separateDelivery: false,
    // The harness captures CKYC individuals; the toy registry takes them by reference alone.
    recordKind: 'ckyc-individual',
    form: (ready, { maxRecords }) => {
      const batches = [];
      for (let i = 0; i < ready.length; i += maxRecords) batches.push({ kind: 'register', records: ready.slice(i, i + maxRecords) });
      return { batches, leftOut: [], refused: [] };
    },
    async submit(batch: BatchRow, { members }): Promise<SubmitOutcome> {
      const outcome = await call('/toy/v1/batches', accepted, { name: batch.batchFileName, refs: members.map((record) => record.reference) });
      if (outcome.ok) return { kind: 'accepted', remoteId: outcome.body.id, remoteState: outcome.body.state, next: 'follow' };
      const f = outcome.failure;
      if (f.kind === 'timeout' || f.kind === 'server_error' || f.kind === 'invalid_response') return { kind: 'doubt', message: `${f.message} The toy registry may have it.` };
      if (f.kind === 'unreachable' || f.kind === 'rate_limited') return { kind: 'retry', failure: failure(f) };
      return { kind: 'refused', message: `The toy registry refused the batch: ${f.message}` };
    },
    async lookUp(batch) {
      const outcome = await call(`/toy/v1/batches/find?name=${encodeURIComponent(batch.batchFileName)}`, found);
      if (!outcome.ok) return { kind: 'retry', failure: failure(outcome.failure), prefix: 'Looking the batch up failed: ' };
      if (outcome.body.found) return { kind: 'accepted', remoteId: outcome.body.id, remoteState: outcome.body.state, next: 'follow' };
      return { kind: 'absent', firstMessage: 'Not known yet; asked again soon.', message: 'The toy registry never got this batch.', recordMessage: 'Not received; goes in the next batch.' };
    },
    async follow(batch) {
      const outcome = await call(`/toy/v1/batches/status?id=${encodeURIComponent(batch.clientId!)}`, status);
      if (!outcome.ok) return { kind: 'retry', failure: failure(outcome.failure) };
      if (outcome.body.state === 'processing') return { kind: 'pending', remoteState: 'processing' };
      const results = new Map<string, RecordResult>(outcome.body.results.map(({ ref, number }) => [ref, { state: 'succeeded', message: null, issuedNumber: number }]));
      return { kind: 'settled', settlement: { state: 'succeeded', remoteState: 'done', lastError: null, results, unreported: { state: 'failed', message: 'The toy registry did not report on this record.' } } };
    },
    probe: async () => (await call('/toy/v1/ping', z.object({ pong: z.boolean() }))).ok,
  };
}

let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox | undefined;
let harness: SyncHarness | undefined;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  await harness?.close();
  await sandbox?.close();
  harness = undefined;
  sandbox = undefined;
  temp.remove();
});

describe('a service plugged into the sync engine from the test tree', () => {
  it('runs records through the engine under 40 % faults, and the toy ledger holds each exactly once', { timeout: 120_000 }, async () => {
    sandbox = await CkycSandbox.start({
      stateDir: `${temp.dir}/sandbox`,
      token: 'unused-ckyc-token',
      processingMs: 30,
      logger: silentLogger,
      sftp: false,
      services: [toyRegistry()],
      // Faults before and after the request took effect: lost answers, garbled answers, refusals.
      faults: 'http429=0.08,http500=0.08,timeout=0.08,reset=0.08,corrupt=0.08',
      seed: 'toy-service',
      faultHoldMs: 400,
    });
    harness = await openSyncHarness(temp.dir, { url: sandbox.url, token: 'unused-ckyc-token' }, 20, {
      maxBatchRecords: 3,
      timeoutMs: 200,
      services: { all: { toy: toyService(sandbox.url, 200) }, route: 'toy' },
    });
    const saved: Array<{ id: string; reference: string }> = [];
    for (let n = 0; n < 30; n++) saved.push(await harness.save(300 + n));

    await waitFor(
      'every record to succeed',
      () => {
        if (harness!.records.inState('ready', 1).length > 0) harness!.startSync();
        return saved.every((record) => harness!.records.find(record.id)!.state === 'succeeded');
      },
      90_000,
    );
    const batchIds = harness.batches.list({ page: 1, pageSize: 1000 }).items.map((batch) => batch.id);
    await waitFor('every batch to end', () => batchIds.every((id) => isTerminalBatchState(harness!.batches.find(id)!.state)), 20_000);

    const ledger = readLedger(`${temp.dir}/sandbox/toy`);
    expect(duplicateRegistrations(ledger)).toEqual([]);
    expect(ledger.map((entry) => entry.kyc_ref_no).sort()).toEqual(saved.map((record) => record.reference).sort());
    // Each record carries the number the toy registry gave it.
    const numbers = new Map(ledger.map((entry) => [entry.kyc_ref_no, entry.ckyc_number]));
    for (const record of saved) expect(harness.records.find(record.id)!.ckycNumber).toBe(numbers.get(record.reference));
    // The batches went through the engine's doubt path, and the faults really happened after effect.
    expect(harness.events.some((e) => e.event === 'batch-updated' && (e.payload as { state: string }).state === 'needs_reconciliation')).toBe(true);
    expect([...sandbox.faults.injected.keys()].some((key) => key.endsWith('@after'))).toBe(true);
    expect(harness.batches.list({ page: 1, pageSize: 1000 }).items.every((batch) => batch.route === ('toy' as string))).toBe(true);
  });

  it('offers a service only the ready records of the kind it sends', async () => {
    const otherKind = { ...toyService('http://127.0.0.1:9', 100), recordKind: 'some-other-kind' };
    harness = await openSyncHarness(temp.dir, { url: 'http://127.0.0.1:9', token: 'x' }, 20, { services: { all: { toy: otherKind }, route: 'toy' } });
    const saved = await harness.save(1);
    expect(harness.startSync()).toMatchObject({ batchId: null, recordCount: 0 });
    expect(harness.records.find(saved.id)!.state).toBe('ready');
    expect(harness.batches.list({ page: 1, pageSize: 10 }).total).toBe(0);
  });

  it('refuses a service registered under another id than its own, since each batch stores the id', async () => {
    const wrong = { ...toyService('http://127.0.0.1:9', 100), id: 'other' };
    await expect(openSyncHarness(temp.dir, { url: 'http://127.0.0.1:9', token: 'x' }, 20, { services: { all: { toy: wrong }, route: 'toy' } })).rejects.toThrow(
      /registered as "toy"/,
    );
  });
});
