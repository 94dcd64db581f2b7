/**
 * The rate the agent API sandbox enforces: at most `requests` answered in any `perMs` window
 * (sliding). A request over it is answered 429 `{ status, message }` with a Retry-After, and is
 * not counted (a client that waits is let in as soon as the window has room).
 */
export interface RateLimit {
  requests: number;
  perMs: number;
}

export class RateWindow {
  private readonly times: number[] = [];

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {}

  /** null: let it in (and count it); else the ms until there is room. */
  admit(): number | null {
    const now = this.now();
    while (this.times.length > 0 && this.times[0]! <= now - this.limit.perMs) this.times.shift();
    if (this.times.length < this.limit.requests) {
      this.times.push(now);
      return null;
    }
    return Math.max(1, this.times[0]! + this.limit.perMs - now);
  }
}
