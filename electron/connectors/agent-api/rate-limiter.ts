import type { HttpFailure, HttpOutcome } from '../../transport/http-client';

/**
 * The agent API's send rate (decision 0043). Every request of one client — token, links, session
 * details, pushes, media — goes through one limiter, so together they never go faster than the
 * configured requests per minute: sends are spaced at least 60 000 / rate ms apart (so any minute
 * holds at most `rate` of them, and no burst can trip a vendor that counts per second).
 *
 * Waiting is bounded: a request whose turn is further away than `maxWaitMs` is not sent at all and
 * comes back at once as a `rate_limited` failure (nothing sent) saying when to try again.
 *
 * A 429 holds every later request until the vendor's Retry-After has passed, or an exponential
 * floor (1 s, 2 s, 4 s … up to 5 minutes for 429s in a row) when it names none or less; the 429
 * itself is handed back as `rate_limited` with that wait. The limiter never repeats a request: a
 * caller decides that (the sync engine, at the time it is told).
 */
export interface SendRateLimiterOptions {
  requestsPerMinute: number;
  /** The longest a request waits for its turn before it is refused unsent; default 30 s. */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_MAX_WAIT_MS = 30_000;
export const BACKOFF_FLOOR_MS = 1000;
export const BACKOFF_CEILING_MS = 5 * 60_000;

/** What the token provider and the client send through: one request at its turn. */
export interface RequestThrottle {
  run<T>(send: () => Promise<HttpOutcome<T>>): Promise<HttpOutcome<T>>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SendRateLimiter implements RequestThrottle {
  readonly spacingMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The earliest time the next request may leave (a slot is taken by moving it on). */
  private nextSlotAt = 0;
  /** No request leaves before this (after a 429). */
  private heldUntil = 0;
  private rateLimitedInARow = 0;
  /** When the latest 429 came back: only an answer to a request sent after it resets the floor. */
  private lastRateLimitedAt = Number.NEGATIVE_INFINITY;

  constructor(options: SendRateLimiterOptions) {
    if (!(options.requestsPerMinute > 0) || !Number.isFinite(options.requestsPerMinute)) {
      throw new Error(`The agent API's send rate must be a positive number of requests per minute, not ${options.requestsPerMinute}.`);
    }
    this.spacingMs = 60_000 / options.requestsPerMinute;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  async run<T>(send: () => Promise<HttpOutcome<T>>): Promise<HttpOutcome<T>> {
    const turn = this.takeTurn();
    if (!turn.ok) return { ok: false, failure: turn.failure };
    if (turn.waitMs > 0) await this.sleep(turn.waitMs);
    const sentAt = this.now();
    const outcome = await send();
    return this.observe(outcome, sentAt);
  }

  /** How long until a request sent now would leave (0: at once). For screens and tests. */
  get waitMs(): number {
    return Math.max(0, Math.max(this.nextSlotAt, this.heldUntil) - this.now());
  }

  /** The slot for one request, taken synchronously so concurrent callers queue in order. */
  private takeTurn(): { ok: true; waitMs: number } | { ok: false; failure: HttpFailure } {
    const now = this.now();
    const at = Math.max(now, this.nextSlotAt, this.heldUntil);
    const waitMs = at - now;
    if (waitMs > this.maxWaitMs) {
      const held = this.heldUntil > now;
      return {
        ok: false,
        failure: {
          kind: 'rate_limited',
          status: 429,
          message: held
            ? `Nothing was sent: the agent API asked KYC Desk to slow down; it will be asked again in ${seconds(waitMs)}.`
            : `Nothing was sent: KYC Desk keeps to the agent API's configured rate, and this request's turn is ${seconds(waitMs)} away.`,
          retryAfterMs: waitMs,
        },
      };
    }
    this.nextSlotAt = at + this.spacingMs;
    return { ok: true, waitMs };
  }

  /**
   * A 429 holds everyone (Retry-After or the exponential floor); an answer to a request sent after
   * the latest 429 resets the floor (one sent before it says nothing about the vendor's patience now).
   */
  private observe<T>(outcome: HttpOutcome<T>, sentAt: number): HttpOutcome<T> {
    if (outcome.ok || outcome.failure.kind !== 'rate_limited') {
      const answered = outcome.ok || outcome.failure.kind === 'rejected' || outcome.failure.kind === 'server_error';
      if (answered && sentAt >= this.lastRateLimitedAt) this.rateLimitedInARow = 0;
      return outcome;
    }
    this.rateLimitedInARow += 1;
    this.lastRateLimitedAt = this.now();
    const floor = Math.min(BACKOFF_CEILING_MS, BACKOFF_FLOOR_MS * 2 ** Math.min(20, this.rateLimitedInARow - 1));
    const waitMs = Math.min(BACKOFF_CEILING_MS, Math.max(floor, outcome.failure.retryAfterMs ?? 0));
    this.heldUntil = Math.max(this.heldUntil, this.now() + waitMs);
    return {
      ok: false,
      failure: { ...outcome.failure, retryAfterMs: waitMs, message: `The agent API asked KYC Desk to slow down (HTTP 429); nothing was taken. It is asked again in ${seconds(waitMs)} at the earliest.` },
    };
  }
}

function seconds(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s === 1 ? '1 second' : `${s} seconds`;
}
