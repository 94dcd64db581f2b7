/**
 * Is the way out to the registry up? A small state machine the sync engine feeds with what its
 * requests met, so a dropped network pauses sync instead of burning retries, and sync resumes by
 * itself once a probe gets through:
 *
 *   unknown ──answer──▶ online ──unreachable──▶ offline ──probe answered──▶ online
 *
 * Any answer from the server (even an error status) proves the network; only "could not reach"
 * (refused, no route, DNS) counts as offline. While offline, one probe runs at a time, backing off
 * from the poll interval to a minute, jittered so branch PCs coming back together do not stampede.
 */
export type ConnectivityState = 'unknown' | 'online' | 'offline';

export interface ConnectivityOptions {
  /** One cheap request; true when the server answered at all. */
  probe: () => Promise<boolean>;
  baseDelayMs: number;
  maxDelayMs?: number;
  onChange: () => void;
  /** Called once per return to online: the engine runs what it parked. */
  onBackOnline: () => void;
  random?: () => number;
}

export class Connectivity {
  private current: ConnectivityState = 'unknown';
  private reason: string | null = null;
  private probeTimer: NodeJS.Timeout | undefined;
  private failedProbes = 0;
  private stopped = false;
  checkedAt: Date | null = null;
  nextCheckAt: Date | null = null;

  constructor(private readonly options: ConnectivityOptions) {}

  get state(): ConnectivityState {
    return this.current;
  }

  get message(): string | null {
    return this.current === 'offline' ? this.reason : null;
  }

  /** A request got an answer. */
  reached(): void {
    this.checkedAt = new Date();
    if (this.current === 'online') return;
    const wasOffline = this.current === 'offline';
    this.current = 'online';
    this.reason = null;
    this.failedProbes = 0;
    this.nextCheckAt = null;
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    this.options.onChange();
    if (wasOffline) this.options.onBackOnline();
  }

  /** A request could not reach the server at all. */
  unreachable(message: string): void {
    this.checkedAt = new Date();
    this.reason = `The registry cannot be reached (${message}). Sync is paused and resumes by itself when the network is back; capture goes on as usual.`;
    if (this.current !== 'offline') {
      this.current = 'offline';
      this.options.onChange();
    }
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    if (this.stopped || this.probeTimer) return;
    const { baseDelayMs, maxDelayMs = 60_000, random = Math.random } = this.options;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(this.failedProbes, 10));
    const delay = Math.max(baseDelayMs, ceiling / 2 + random() * (ceiling / 2));
    this.nextCheckAt = new Date(Date.now() + delay);
    this.options.onChange();
    this.probeTimer = setTimeout(() => void this.runProbe(), delay);
  }

  private async runProbe(): Promise<void> {
    this.probeTimer = undefined;
    if (this.stopped) return;
    let answered = false;
    try {
      answered = await this.options.probe();
    } catch {
      answered = false;
    }
    if (this.stopped) return;
    if (answered) {
      this.reached();
      return;
    }
    this.failedProbes += 1;
    this.checkedAt = new Date();
    this.scheduleProbe();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
  }
}
