import { randomBytes } from 'node:crypto';

/** How long a typed Aadhaar number is held for its push: the request is normally sent within seconds. */
export const AADHAAR_HOLD_MS = 2 * 60_000;

interface Held {
  digits: string;
  until: number;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Holds a full Aadhaar number typed for a digital-KYC push, in main's memory only, until that one
 * request is sent — at most two minutes, then it is dropped (docs/decisions/0044). The durable
 * queue holds only the handle; nothing here is ever written to the store, a journal, a log, an
 * audit entry or an error message, and a restart forgets every number (the push then waits for it
 * to be typed again). Numbers are checked by the caller (shared/digital-kyc/full-aadhaar.ts).
 */
export class AadhaarHolder {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly holdMs = AADHAAR_HOLD_MS,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** A new handle for `digits`. */
  hold(digits: string): string {
    const handle = `ah_${randomBytes(18).toString('base64url')}`;
    this.holdFor(handle, digits);
    return handle;
  }

  /** The number typed again for a push that lost it (a restart, or two minutes without the network). */
  holdFor(handle: string, digits: string): void {
    this.drop(handle);
    const timer = setTimeout(() => this.drop(handle), this.holdMs);
    timer.unref?.();
    this.held.set(handle, { digits, until: this.clock() + this.holdMs, timer });
  }

  has(handle: string): boolean {
    return this.peek(handle) !== null;
  }

  /** The number, while it is held; null once sent, dropped, expired, or never typed in this run. */
  peek(handle: string): string | null {
    const entry = this.held.get(handle);
    if (!entry) return null;
    if (this.clock() >= entry.until) {
      this.drop(handle);
      return null;
    }
    return entry.digits;
  }

  /** Forget the number: its request went (whatever the answer), or its push ended. */
  drop(handle: string): void {
    const entry = this.held.get(handle);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.held.delete(handle);
  }

  /** Numbers held now (for tests and the shutdown). */
  get size(): number {
    return this.held.size;
  }

  clear(): void {
    for (const handle of [...this.held.keys()]) this.drop(handle);
  }
}
