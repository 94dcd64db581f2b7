import type { Verifier } from '../../shared/sync/verifier';
import type { Logger } from '../logging/logger';
import type { StoredRecord } from '../records/record-repository';
import type { Store } from '../store/database';
import type { BatchRow } from './batch-repository';
import type { Outbox } from './outbox';

/**
 * A submission service: one way records leave KYC Desk for another party (CKYC's bulk upload over
 * the API, the same with its file over SFTP, CKYC's records API, and the services still to come).
 * The sync engine (sync-engine.ts) runs every service with the same durable batch state machine,
 * sealed outbox, retry and backoff, offline pause and progress events; it knows no endpoint, no
 * field name and no wire format. A service knows only its own side: how ready records become
 * batches, how a batch becomes requests, what a failure says about whether the other side may have
 * acted, how to find out after doubt, how to follow a batch to its end and how each record ended.
 *
 * Every method answers with an outcome instead of throwing for what the network or the other side
 * did; a throw means a bug or a broken disk, and the engine retries the step later.
 *
 * The engine's states (shared/sync/states.ts) and which method each calls:
 *
 *   sending ──submit──▶ accepted (deliver or follow) | settled | doubt | retry | refused
 *   uploading ──deliver──▶ delivered | retry | blocked | refused
 *   polling ──follow──▶ pending | settled | retry | attention
 *   needs_reconciliation ──lookUp──▶ accepted | settled | absent | doubt | retry | attention
 *   needs_attention: a person follows the batch again or closes it (SyncEngine.followAgain, closeBatch)
 *   succeeded / failed ──responses (optional)──▶ the other side's after-the-end files, kept on the batch
 */
export interface SubmissionService {
  /** Stored on each batch (its `route` column): the batch keeps the service it started with. */
  readonly id: string;
  /**
   * True when a batch's file travels by a channel of its own (the SFTP drop) whose health the
   * indicator shows: its failures do not mean the service is offline, and a `blocked` delivery
   * stops every delivery of this service until `unblockDeliveries()`.
   */
  readonly separateDelivery: boolean;
  /** The record kind it sends (shared/record-kinds/): only ready records of this kind are offered to `form`. */
  readonly recordKind: string;
  /** Ready records → batches; left-out and refused records say why. */
  form(ready: readonly StoredRecord[], caps: { maxRecords: number }): FormedBatches;
  /** sending: the batch's first request (and anything it needs made first, like its file). */
  submit(batch: BatchRow, context: StepContext): Promise<SubmitOutcome>;
  /** uploading: hand the batch's file over. Needed when `submit` or `lookUp` answers `next: 'deliver'`. */
  deliver?(batch: BatchRow, context: StepContext, onProgress: (sentBytes: number, totalBytes: number) => void): Promise<DeliverOutcome>;
  /** polling: ask how the batch is doing. Needed when a batch can be `accepted` with `next: 'follow'`. */
  follow?(batch: BatchRow, context: StepContext): Promise<FollowOutcome>;
  /**
   * The least time between two requests about one batch while it is followed (an admin's setting
   * for a vendor that asks to be polled gently), read each time it is needed. The engine waits the
   * longer of this and its own poll interval, after a failed follow too; absent: its poll interval.
   */
  minFollowIntervalMs?(): number;
  /** needs_reconciliation: find out whether the other side has the batch before anything is sent again. */
  lookUp(batch: BatchRow, context: StepContext): Promise<LookUpOutcome>;
  /** After the end: papers the other side leaves about a batch (the SFTP route's response files). */
  responses?: ResponseCollector;
  /** The separate delivery channel's health, asked once before any delivery has said (null: no answer). */
  deliveryHealth?(): Promise<'up' | 'down' | null>;
  /** One cheap request while offline: true when the other side answered at all. */
  probe(): Promise<boolean>;
}

/** What the engine hands a step: the batch's records, who authorised it, its file store, a logger. */
export interface StepContext {
  /** The batch's records, in the order they were put in it. */
  members: readonly StoredRecord[];
  /** The operator who authorised the submission, stored with the batch (throws for a batch stored without one). */
  verifier: () => Verifier;
  /** The sealed outbox; a service keeps at most one file per batch, named by `batch.batchFileName`. */
  outbox: Outbox;
  /** Write down the batch file's size and hash as soon as it is made: a rebuilt file must match it. */
  noteFile(file: { bytes: number; sha256: string }): void;
  logger: Logger;
}

export interface FormedBatches {
  /** `kind` is the service's own word for the batch (CKYC: upload or update), stored on the batch. */
  batches: Array<{ kind: string; records: StoredRecord[] }>;
  /** Records left out, with the reason the operator sees on the record. */
  leftOut: Array<{ record: StoredRecord; message: string }>;
  /** Records today's rules refuse: back to their makers, with why by field. */
  refused: Array<{ record: StoredRecord; refusal: { fields: Record<string, string>; message: string } }>;
}

/**
 * A request that failed in a way that proves nothing was taken: try again later. `unreachable`
 * (the way out is down) pauses the engine until a probe gets through; a Retry-After is a floor.
 */
export interface StepFailure {
  message: string;
  unreachable: boolean;
  retryAfterMs: number | null;
}

/** The other side holds the batch: its id there, its state there, and what comes next. */
export interface Accepted {
  kind: 'accepted';
  remoteId: string;
  remoteState: string;
  next: 'deliver' | 'follow';
}

/** The other side has answered for every record: the batch ends. */
export interface Settled {
  kind: 'settled';
  settlement: Settlement;
  /** The answer as it came, kept on the batch (see Attention). */
  answer?: string;
}

/**
 * The other side answered something the engine must not act on by itself — a state the service
 * does not know, a refusal to say how the batch is, a batch it no longer holds. Never retried on
 * its own: the batch waits in needs_attention, with `message` and the answer as it came, until a
 * person follows it again or closes it. Its records keep their last known state.
 */
export interface Attention {
  kind: 'attention';
  message: string;
  answer?: string;
}

/** The request may have reached the other side: the batch is looked up (`lookUp`) before anything else. */
export interface Doubt {
  kind: 'doubt';
  /** Shown on the batch: what happened and that it will be checked. */
  message: string;
}

export interface Retry {
  kind: 'retry';
  failure: StepFailure;
  /** Put before the failure's message on the batch, saying what was being tried. */
  prefix?: string;
}

export type SubmitOutcome =
  | Accepted
  | Settled
  | Doubt
  | Retry
  /** Provably not taken, and it never will be as it is: the batch is not sent; its records are ready again. */
  | { kind: 'refused'; message: string };

export type DeliverOutcome =
  /** The other side holds the file (or provably had it already). */
  | { kind: 'delivered'; sentBytes: number }
  | Retry
  /** No delivery may happen until an admin acts (a changed host key, refused credentials). */
  | { kind: 'blocked'; message: string; reason: 'host_key_changed' | 'not_configured' }
  /** The file will never be taken: the batch fails, its records say why. */
  | { kind: 'refused'; message: string };

export type FollowOutcome =
  /** Still working: followed again a poll interval later. */
  | { kind: 'pending'; remoteState: string; answer?: string }
  | Settled
  | Retry
  | Attention;

export type LookUpOutcome =
  | Accepted
  | Settled
  | Doubt
  | Retry
  | Attention
  /**
   * The other side does not know the batch. The engine asks twice, a poll interval apart, before
   * it believes it: `firstMessage` is shown in between; then the batch ends as not sent, with
   * `message` on it and `recordMessage` on each record, ready for the next batch.
   */
  | { kind: 'absent'; firstMessage: string; message: string; recordMessage: string };

/** How a batch ended, and each record in it. */
export interface Settlement {
  state: 'succeeded' | 'failed';
  /** The other side's last word on the batch, kept on it (absent: keep what was there). */
  remoteState?: string;
  lastError: string | null;
  /** Each record's end, by its reference. */
  results: ReadonlyMap<string, RecordResult>;
  /** The end of a record the answer did not mention. */
  unreported: RecordResult;
  /**
   * The service's own rows about this end (what the other side said of each record, in tables it
   * owns), written inside the engine's write of the batch's and records' ends: both land or
   * neither does, so a crash never leaves one without the other. Store writes only, no network;
   * a throw undoes the whole end and the step is tried again.
   */
  alongside?: (write: { store: Store; now: string }) => void;
}

/**
 * One record's end: succeeded (with the number the other side gave it), failed (its reason, and
 * the reason by the form's field paths when known) or ready (not taken; it goes in the next batch).
 */
export interface RecordResult {
  state: 'succeeded' | 'failed' | 'ready';
  /** Shown on the record: the reason it failed or was not taken; on success, a note or null. */
  message: string | null;
  fields?: Record<string, string>;
  issuedNumber?: string | null;
}

/** Papers left after a batch ends, read once and kept on the batch. */
export interface ResponseCollector {
  /** True while this ended batch's papers are still to be read. */
  awaits(batch: BatchRow): boolean;
  /**
   * Read (and tidy away at the other side) the batch's papers, judged against each record's end.
   * Throws when the channel cannot be used; returns none when there are none yet.
   */
  collect(batch: BatchRow, settled: ReadonlyMap<string, 'succeeded' | 'failed'>): Promise<CollectedPaper[]>;
}

/** One paper as kept with the batch; the engine stores the list as it is and logs the odd ones. */
export interface CollectedPaper {
  name: string;
  /** Why this one needs a person's look, if it does. */
  problem?: string;
  disagreements?: string[];
}
