import type { ResponseOf, SyncStatus } from '../../shared/contract';
import { AppFailure } from '../../shared/errors';
import type { BatchState } from '../../shared/sync/states';
import type { Verifier } from '../../shared/sync/verifier';
import type { EventHub } from '../events/event-hub';
import type { Logger } from '../logging/logger';
import type { RecordRepository } from '../records/record-repository';
import type { Store } from '../store/database';
import { intakeMessage, takeReadyRecords } from './batch-intake';
import { BatchMoves } from './batch-moves';
import type { BatchRepository, BatchRow } from './batch-repository';
import { BatchPapers } from './batch-papers';
import { BatchRetry } from './batch-retry';
import { Connectivity } from './connectivity';
import { DeliveryChannels } from './delivery-channels';
import type { Outbox } from './outbox';
import { StepScheduler, type Step } from './step-scheduler';
import type { DeliverOutcome, LookUpOutcome, StepContext, SubmissionService, SubmitOutcome } from './submission-service';

export type { Verifier };

export interface SyncEngineOptions<Route extends string = string> {
  store: Store;
  records: RecordRepository;
  batches: BatchRepository;
  events: EventHub;
  logger: Logger;
  pollIntervalMs: number;
  maxBatchRecords: number;
  /** The submission services, by id (electron/app/submission-services.ts registers them). */
  services: Readonly<Record<Route, SubmissionService>>;
  /** The service new batches take (an admin's choice; read at each sync). */
  route: () => Route;
  /** The sealed outbox the services keep their batch files in; a batch's file goes at its end. */
  outbox: Outbox;
  /** The indicator's view, each time it changes (app: the sync-status event). */
  onStatus: (status: EngineStatus<Route>) => void;
  /** Why no batch of this service may be made now (Live mode without its connection), or null. */
  blocked?: (serviceId: string) => string | null;
  clock?: () => Date;
  random?: () => number;
}

/** The indicator's view of the engine, with the route typed as the services' ids. */
export type EngineStatus<Route extends string> = Omit<SyncStatus, 'route'> & { route: Route };

/** The batch's remote state after one look-up found nothing (kept as stored by earlier versions). */
const NOT_FOUND_ONCE = 'not_known_by_name';
/** Progress events at most this often per batch. */
const PROGRESS_EVERY_MS = 250;
/** The other side's answer kept on a batch, at most this many characters. */
const ANSWER_CHARS = 64 * 1024;

/** A batch patch keeping the other side's last answer (cut to size), or nothing. */
function kept(answer: string | undefined): { lastAnswer?: string } {
  if (answer === undefined) return {};
  return { lastAnswer: answer.length > ANSWER_CHARS ? `${answer.slice(0, ANSWER_CHARS)}\n… (cut at ${ANSWER_CHARS} characters)` : answer };
}

/**
 * Groups ready records into batches, hands each to the submission service in force, and follows
 * it to its end. Every state change is on disk before the network call it leads to, so after a
 * crash the engine knows exactly which batches might already be at the other side and never sends
 * those blindly again (the methods each state calls are in submission-service.ts):
 *
 *   sending ──submit──▶ uploading ──deliver──▶ polling ──follow──▶ succeeded | failed
 *      │ (answered at once) ───────────────────────────────────▶ succeeded | failed
 *      ├─ no answer ──▶ needs_reconciliation ──lookUp──▶ uploading | polling | an end | send_failed
 *      └─ provably not taken ──▶ send_failed (records ready again)
 *
 * Offline (a request could not reach the other side at all): the step is parked, a probe watches
 * for the network, and every parked step runs when it is back. A blocked delivery (a changed SFTP
 * host key) stops every delivery of that service until an admin acts (`unblockDeliveries`).
 */
export class SyncEngine<Route extends string = string> {
  private readonly progress = new Map<string, { sent: number; total: number; emittedAt: number }>();
  private readonly connectivity: Connectivity;
  private readonly steps: StepScheduler;
  private readonly moves: BatchMoves;
  private readonly channels = new DeliveryChannels();
  private readonly papers: BatchPapers;
  private readonly retry: BatchRetry;

  constructor(private readonly options: SyncEngineOptions<Route>) {
    for (const [id, service] of Object.entries<SubmissionService>(options.services)) {
      if (service.id !== id) throw new Error(`The submission service "${service.id}" is registered as "${id}"; a batch stores the id, so they must be the same.`);
    }
    this.connectivity = new Connectivity({
      probe: () => this.service(options.route()).probe(),
      baseDelayMs: options.pollIntervalMs,
      onChange: () => this.emitStatus(),
      onBackOnline: () => this.steps.runParked(),
      ...(options.random ? { random: options.random } : {}),
    });
    this.steps = new StepScheduler({ connectivity: () => this.connectivity, logger: options.logger, pollIntervalMs: options.pollIntervalMs, ...(options.random ? { random: options.random } : {}) });
    this.moves = new BatchMoves({
      store: options.store,
      batches: options.batches,
      records: options.records,
      events: options.events,
      now: () => this.now(),
      onEnded: (batch) => {
        // The file is at the other side or will never go: nothing of it stays on this PC.
        options.outbox.remove(batch.batchFileName);
        if (this.papers.awaits(batch)) this.papers.schedule(batch.id, 0, 0);
      },
      afterEndAnnounced: () => this.emitStatus(),
    });
    this.retry = new BatchRetry({ moves: this.moves, steps: this.steps, connectivity: () => this.connectivity, pollIntervalMs: options.pollIntervalMs, ...(options.random ? { random: options.random } : {}) });
    this.papers = new BatchPapers({
      ...options,
      steps: this.steps,
      now: () => this.now(),
      collectorOf: (batch) => this.service(batch.route).responses,
      channelBlocked: (batch) => this.channels.isBlocked(batch.route),
    });
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  private service(id: string): SubmissionService {
    const service = (this.options.services as Readonly<Record<string, SubmissionService>>)[id];
    if (!service) throw new Error(`No submission service is registered as "${id}".`);
    return service;
  }

  // ---------------------------------------------------------------------------------------------
  // Status for the global indicator

  status(): EngineStatus<Route> {
    const route = this.options.route();
    const channel = this.channels.indicator(this.service(route));
    return {
      route,
      connectivity: this.connectivity.state,
      sftp: channel.sftp,
      message: this.connectivity.message ?? channel.blockMessage,
      checkedAt: this.connectivity.checkedAt?.toISOString() ?? null,
      nextCheckAt: this.connectivity.state === 'offline' ? (this.connectivity.nextCheckAt?.toISOString() ?? null) : null,
      activeBatches: this.options.batches.activeCount(),
    };
  }

  private emitStatus(): void {
    if (this.steps.isStopped) return;
    this.options.onStatus(this.status());
  }

  /** Bytes acknowledged so far for a batch being delivered (for the batch list). */
  liveSentBytes(batchId: string): number | undefined {
    return this.progress.get(batchId)?.sent;
  }

  /** An admin confirmed a new host key or changed the delivery settings: stopped deliveries try again. */
  unblockDeliveries(): void {
    const unblocked = this.channels.unblockAll();
    if (unblocked.size === 0) return;
    this.emitStatus();
    for (const batch of this.options.batches.inStates(['uploading'])) if (unblocked.has(batch.route)) this.steps.schedule(batch.id, 0, () => this.deliver(batch.id));
  }

  /** The route changed: the indicator says so at once, and asks after a separate delivery channel. */
  routeChanged(): void {
    this.emitStatus();
    this.checkDeliveryHealth();
  }

  /** Before any delivery has said how a separate channel is, ask it once; what a delivery finds later takes over. */
  private checkDeliveryHealth(): void {
    const route = this.options.route();
    const service = this.service(route);
    if (!service.separateDelivery || !service.deliveryHealth || this.channels.knowsHealth(route)) return;
    this.steps.track(
      service.deliveryHealth().then((health) => {
        if (this.steps.isStopped || health === null || this.channels.knowsHealth(route)) return;
        this.channels.setHealth(route, health);
        this.connectivity.reached();
        this.emitStatus();
      }),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Starting

  /** Pick up where the last run left off. */
  resume(): void {
    const { batches, store, logger } = this.options;
    for (const batch of batches.inStates(['sending'])) {
      // Stopped between "about to send" and "answer stored": the other side may hold it.
      store.write(() =>
        batches.move(
          batch.id,
          'needs_reconciliation',
          { lastError: 'KYC Desk stopped while this batch was being sent. It will be looked up at the registry before anything is sent again.' },
          this.now().toISOString(),
        ),
      );
      logger.warn('batch interrupted while sending', { batchId: batch.id });
    }
    for (const batch of batches.inStates(['needs_reconciliation'])) this.scheduleLookUp(batch.id, 0);
    for (const batch of batches.inStates(['uploading'])) this.steps.schedule(batch.id, 0, () => this.deliver(batch.id));
    for (const batch of batches.inStates(['polling'])) {
      const at = batch.nextPollAt ? Date.parse(batch.nextPollAt) : Date.now();
      this.scheduleFollow(batch.id, Math.max(0, at - Date.now()));
    }
    for (const batch of batches.inStates(['succeeded', 'failed'])) if (this.papers.awaits(batch)) this.papers.schedule(batch.id, 0, 0);
    this.checkDeliveryHealth();
  }

  /**
   * Make batches of the ready records durable, then send them in the background. `verifier` is
   * the operator who authorised the submission, stored with each batch; `serviceId` the service
   * that takes them (by default the admin's route).
   */
  startSync(verifier: Verifier, serviceId: string = this.options.route()): ResponseOf<'sync.start'> {
    const { store, records, batches, maxBatchRecords, events } = this.options;
    const blocked = this.options.blocked?.(serviceId);
    if (blocked) return { batchId: null, recordCount: 0, message: blocked };
    const service = this.service(serviceId);
    const intake = takeReadyRecords({ store, records, batches, service, maxRecords: maxBatchRecords, verifier, now: () => this.now() });
    for (const id of intake.returned) events.emit('record-saved', { id, state: 'awaiting_approval' });
    const message = intakeMessage(intake);
    if (intake.made.length === 0) return { batchId: null, recordCount: 0, message };
    for (const { batchId } of intake.made) {
      events.emit('batch-updated', { id: batchId, state: 'sending' });
      // After this call has answered: building a batch file takes a while, and the operator is waiting.
      setImmediate(() => {
        if (!this.steps.isStopped) this.steps.run(batchId, () => this.send(batchId));
      });
    }
    this.emitStatus();
    return { batchId: intake.made[0]!.batchId, recordCount: intake.made.reduce((sum, batch) => sum + batch.count, 0), message };
  }

  // ---------------------------------------------------------------------------------------------
  // The steps

  private context(batch: BatchRow): StepContext {
    const { records, outbox, store, batches, logger } = this.options;
    return {
      members: records.inBatch(batch.id),
      verifier: () => {
        if (!batch.verifier) throw new Error('This batch was made before KYC Desk kept its verifier; it cannot be built again.');
        return JSON.parse(batch.verifier) as Verifier;
      },
      outbox,
      noteFile: (file) => store.write(() => batches.note(batch.id, { fileBytes: file.bytes, fileSha256: file.sha256 }, this.now().toISOString())),
      logger,
    };
  }

  /** A live batch in `state`, with its service; undefined when it has moved on (or is gone). */
  private live(batchId: string, state: BatchState): { batch: BatchRow; service: SubmissionService } | undefined {
    const batch = this.options.batches.find(batchId);
    if (!batch || batch.state !== state) return undefined;
    return { batch, service: this.service(batch.route) };
  }

  /** sending: the batch's first request. */
  private async send(batchId: string): Promise<void> {
    const live = this.live(batchId, 'sending');
    if (!live) return;
    const outcome = await live.service.submit(live.batch, this.context(live.batch));
    if (this.steps.isStopped) return; // the next start looks this batch up
    this.onAnswer(live.batch, outcome, () => this.send(batchId));
  }

  /** needs_reconciliation: look the batch up before anything is sent again. */
  private async lookUp(batchId: string): Promise<void> {
    const live = this.live(batchId, 'needs_reconciliation');
    if (!live) return;
    const outcome = await live.service.lookUp(live.batch, this.context(live.batch));
    if (this.steps.isStopped) return;
    this.onAnswer(live.batch, outcome, () => this.lookUp(batchId));
  }

  /** What the other side said to a batch's request or to a look-up. */
  private onAnswer(batch: BatchRow, outcome: SubmitOutcome | LookUpOutcome, again: Step): void {
    const { pollIntervalMs, logger } = this.options;
    if (outcome.kind === 'retry') {
      this.retry.later(batch, batch.state, outcome.failure, again, outcome.prefix);
      return;
    }
    this.connectivity.reached();
    switch (outcome.kind) {
      case 'accepted': {
        const fromSending = batch.state === 'sending';
        // Just sent: first followed at once, or after the service's own least wait between requests.
        const firstWait = fromSending ? (this.service(batch.route).minFollowIntervalMs?.() ?? 0) : 0;
        if (!fromSending) logger.info('looked-up batch: the other side has it', { batchId: batch.id, remoteId: outcome.remoteId, next: outcome.next });
        const to = outcome.next === 'deliver' ? 'uploading' : 'polling';
        this.moves.transition(batch, to, {
          clientId: outcome.remoteId,
          remoteState: outcome.remoteState,
          lastError: null,
          attempts: 0,
          nextPollAt: fromSending && firstWait === 0 ? null : new Date(Date.now() + firstWait).toISOString(),
          ...(fromSending && to === 'uploading' ? { sentBytes: 0 } : {}),
        });
        if (to === 'uploading') this.steps.schedule(batch.id, 0, () => this.deliver(batch.id));
        else this.scheduleFollow(batch.id, firstWait);
        return;
      }
      case 'settled':
        this.moves.settle(batch, outcome.settlement, kept(outcome.answer));
        return;
      case 'attention':
        logger.warn('batch needs a person', { batchId: batch.id, from: batch.state });
        this.moves.transition(batch, 'needs_attention', { lastError: outcome.message, nextPollAt: null, attempts: 0, ...kept(outcome.answer) });
        return;
      case 'doubt':
        this.moves.transition(batch, 'needs_reconciliation', {
          attempts: batch.state === 'needs_reconciliation' ? batch.attempts + 1 : 0,
          lastError: outcome.message,
          nextPollAt: new Date(Date.now() + pollIntervalMs).toISOString(),
        });
        this.scheduleLookUp(batch.id, pollIntervalMs);
        return;
      case 'refused':
        this.moves.notSent(batch, { lastError: outcome.message }, outcome.message);
        return;
      case 'absent':
        // Asked twice, a poll interval apart, before the batch is believed never received.
        if (batch.remoteState !== NOT_FOUND_ONCE) {
          this.moves.transition(batch, 'needs_reconciliation', { attempts: 0, remoteState: NOT_FOUND_ONCE, lastError: outcome.firstMessage, nextPollAt: new Date(Date.now() + pollIntervalMs).toISOString() });
          this.scheduleLookUp(batch.id, pollIntervalMs);
          return;
        }
        logger.info('looked-up batch: the other side never received it', { batchId: batch.id });
        this.moves.notSent(batch, { remoteState: NOT_FOUND_ONCE, lastError: outcome.message, nextPollAt: null }, outcome.recordMessage);
        return;
    }
  }

  /** uploading: hand the batch's file over. */
  private async deliver(batchId: string): Promise<void> {
    const live = this.live(batchId, 'uploading');
    if (!live || !live.batch.clientId) return;
    const { batch, service } = live;
    if (service.separateDelivery && this.channels.isBlocked(service.id)) return; // unblockDeliveries() resumes it
    if (!service.deliver) throw new Error(`The ${service.id} service has no delivery step.`);
    const outcome: DeliverOutcome = await service.deliver(batch, this.context(batch), (sent, total) => this.onProgress(batchId, sent, total));
    this.progress.delete(batchId);
    if (this.steps.isStopped) return;
    if (service.separateDelivery && (outcome.kind === 'delivered' || outcome.kind === 'retry')) this.channels.setHealth(service.id, outcome.kind === 'delivered' ? 'up' : 'down');
    switch (outcome.kind) {
      case 'delivered':
        this.connectivity.reached();
        this.moves.transition(batch, 'polling', { sentBytes: outcome.sentBytes, attempts: 0, lastError: null, nextPollAt: new Date(Date.now() + this.followIntervalMs(service)).toISOString() });
        this.scheduleFollow(batchId, this.followIntervalMs(service));
        return;
      case 'retry':
        // The other side unreachable: sync pauses until it is back. A separate channel down (the
        // other side's API may be fine): this batch backs off on its own, and the indicator shows it.
        if (service.separateDelivery) this.emitStatus();
        this.retry.later(batch, 'uploading', outcome.failure, () => this.deliver(batchId), '', { pauseWhenUnreachable: !service.separateDelivery, proveOnline: false });
        return;
      case 'blocked':
        this.moves.transition(batch, 'uploading', { lastError: outcome.message, nextPollAt: null });
        if (service.separateDelivery) {
          this.channels.block(service.id, { reason: outcome.reason, message: outcome.message });
          this.options.logger.warn('deliveries stopped', { service: service.id, reason: outcome.reason });
        }
        this.emitStatus();
        return;
      case 'refused':
        // The file will never be taken: the batch fails as a whole, each record says why.
        this.moves.settle(batch, { state: 'failed', lastError: outcome.message, results: new Map(), unreported: { state: 'failed', message: outcome.message } });
        return;
    }
  }

  private onProgress(batchId: string, sent: number, total: number): void {
    const last = this.progress.get(batchId);
    const now = Date.now();
    const due = !last || now - last.emittedAt >= PROGRESS_EVERY_MS || sent >= total;
    this.progress.set(batchId, { sent, total, emittedAt: due ? now : last.emittedAt });
    if (due) this.options.events.emit('batch-progress', { id: batchId, sentBytes: sent, totalBytes: total });
  }

  /** polling: ask after the batch until the other side has answered for every record. */
  private async follow(batchId: string): Promise<void> {
    const live = this.live(batchId, 'polling');
    if (!live || !live.batch.clientId) return;
    const { batch, service } = live;
    if (!service.follow) throw new Error(`The ${service.id} service cannot follow a batch.`);
    const outcome = await service.follow(batch, this.context(batch));
    if (this.steps.isStopped) return;
    if (outcome.kind === 'retry') {
      this.retry.later(batch, 'polling', outcome.failure, () => this.follow(batchId), outcome.prefix, { minDelayMs: this.followIntervalMs(service) });
      return;
    }
    this.connectivity.reached();
    if (outcome.kind === 'settled' || outcome.kind === 'attention') {
      this.onAnswer(batch, outcome, () => this.follow(batchId));
      return;
    }
    const pollIntervalMs = this.followIntervalMs(service);
    const answer = kept(outcome.answer);
    this.moves.transition(batch, 'polling', { remoteState: outcome.remoteState, attempts: 0, lastError: null, nextPollAt: new Date(Date.now() + pollIntervalMs).toISOString(), ...answer });
    this.scheduleFollow(batchId, pollIntervalMs);
  }

  // ---------------------------------------------------------------------------------------------
  // Retry and scheduling

  /** Between two follows of one batch: the engine's poll interval, or the service's own least wait when longer. */
  private followIntervalMs(service: SubmissionService): number {
    return Math.max(this.options.pollIntervalMs, service.minFollowIntervalMs?.() ?? 0);
  }

  private scheduleLookUp(batchId: string, delayMs: number): void {
    this.steps.schedule(batchId, delayMs, () => this.lookUp(batchId));
  }

  private scheduleFollow(batchId: string, delayMs: number): void {
    this.steps.schedule(batchId, delayMs, () => this.follow(batchId));
  }

  /** A person asks after a batch that needed attention: it is followed again (looked up first if it was in doubt). */
  followAgain(batchId: string): void {
    const live = this.live(batchId, 'needs_attention');
    if (!live) throw new AppFailure('CONFLICT', 'This batch does not need attention now.');
    const { batch } = live;
    if (batch.clientId === null) {
      this.moves.transition(batch, 'needs_reconciliation', { lastError: null, attempts: 0, nextPollAt: new Date().toISOString() });
      this.scheduleLookUp(batchId, 0);
      return;
    }
    this.moves.transition(batch, 'polling', { lastError: null, attempts: 0, nextPollAt: new Date().toISOString() });
    this.scheduleFollow(batchId, 0);
  }

  /** A person closes a batch that needed attention: it fails, and each record it still holds says why. */
  closeBatch(batchId: string, reason: string): void {
    const live = this.live(batchId, 'needs_attention');
    if (!live) throw new AppFailure('CONFLICT', 'This batch does not need attention now.');
    this.moves.close(live.batch, `Closed by a person, not settled by the registry: ${reason}`);
  }

  /** Stop following batches and wait for requests under way; their batches are looked up on next start. */
  async stop(): Promise<void> {
    this.connectivity.stop();
    await this.steps.stop();
  }
}
