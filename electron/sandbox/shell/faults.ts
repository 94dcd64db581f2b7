import { createHash } from 'node:crypto';

/**
 * Fault injection for the Training sandbox (KYC_DESK_SANDBOX_FAULTS, KYC_DESK_SANDBOX_SEED).
 *
 * Spec: comma-separated `name=probability[@timing]`, e.g. `http429=0.1,timeout=0.05@after,reset=0.05`.
 * - name: one of FAULT_NAMES; probability: a number in [0, 1]; each name at most once.
 * - timing (HTTP faults only): `before` — the fault answers instead of the request, which takes no
 *   effect; `after` — the request takes effect (an initialize is stored, a ZIP is accepted), then the
 *   answer is replaced by the fault: the case the app must reconcile; `random` — chosen per fault
 *   by the seeded PRNG, half and half. Defaults: http429 `before` (a rate limiter refuses before any
 *   work), corrupt `after` (a 200 with a mangled body means the work was done), http500 / timeout /
 *   reset `random`.
 * - `sftp_drop` is parsed and exposed (`FaultInjector.draw('sftp_drop')`) for the SFTP server; it has
 *   no HTTP effect. `sftp_down` is drawn once per `sftp-health` request (its own stream): when it
 *   fires, health reports the SFTP server down; nothing else changes. `registry_reject` is the
 *   share of individuals the registry rejects with a CERSAI-like message (see
 *   ckyc/registry-rules.ts): decided per reference from the seed, not drawn from the stream, so a
 *   record's fate does not depend on request order.
 *
 * One HTTP request draws once per configured HTTP fault, in the spec's order; the first whose draw
 * is below its probability fires (so with two faults at 1, the first listed always wins). A draw u
 * is in [0, 1): probability 0 never fires, 1 always does. The PRNG is mulberry32 seeded from the
 * SHA-256 of the seed string and the stream's name, so the same seed and the same sequence of
 * requests give the same faults; without a seed the seed is `kyc-desk` (reproducible too).
 * A malformed spec throws FaultSpecError at start.
 */

export const HTTP_FAULT_NAMES = ['http429', 'http500', 'timeout', 'reset', 'corrupt'] as const;
export const FAULT_NAMES = [...HTTP_FAULT_NAMES, 'sftp_drop', 'sftp_down', 'registry_reject'] as const;
export type HttpFaultName = (typeof HTTP_FAULT_NAMES)[number];
export type FaultName = (typeof FAULT_NAMES)[number];
export type FaultTiming = 'before' | 'after' | 'random';

export const DEFAULT_FAULT_TIMING: Readonly<Record<HttpFaultName, FaultTiming>> = {
  http429: 'before',
  http500: 'random',
  timeout: 'random',
  reset: 'random',
  corrupt: 'after',
};

export const DEFAULT_SANDBOX_SEED = 'kyc-desk';

export interface FaultRule {
  name: FaultName;
  probability: number;
  timing: FaultTiming;
}

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(`KYC_DESK_SANDBOX_FAULTS: ${message}`);
    this.name = 'FaultSpecError';
  }
}

const isHttpFault = (name: FaultName): name is HttpFaultName => (HTTP_FAULT_NAMES as readonly string[]).includes(name);

export function parseFaultSpec(spec: string | undefined): FaultRule[] {
  if (spec === undefined || spec.trim() === '') return [];
  const rules: FaultRule[] = [];
  for (const raw of spec.split(',')) {
    const item = raw.trim();
    if (item === '') throw new FaultSpecError(`"${spec}" has an empty item; write name=probability, separated by commas.`);
    const match = /^([a-z0-9_]+)=([^@]*)(?:@([a-z]+))?$/.exec(item);
    if (!match) throw new FaultSpecError(`"${item}" is not name=probability[@before|@after|@random].`);
    const [, name, probabilityText, timingText] = match as unknown as [string, string, string, string | undefined];
    if (!(FAULT_NAMES as readonly string[]).includes(name)) throw new FaultSpecError(`"${name}" is not a fault; known: ${FAULT_NAMES.join(', ')}.`);
    const faultName = name as FaultName;
    const probability = /^(\d+(\.\d*)?|\.\d+)$/.test(probabilityText.trim()) ? Number(probabilityText) : Number.NaN;
    if (!(probability >= 0 && probability <= 1)) throw new FaultSpecError(`the probability of ${name} must be a number from 0 to 1, not "${probabilityText}".`);
    if (rules.some((rule) => rule.name === faultName)) throw new FaultSpecError(`${name} is given twice.`);
    let timing: FaultTiming = isHttpFault(faultName) ? DEFAULT_FAULT_TIMING[faultName] : 'before';
    if (timingText !== undefined) {
      if (!isHttpFault(faultName)) throw new FaultSpecError(`${name} has no timing; only HTTP faults (${HTTP_FAULT_NAMES.join(', ')}) take @before/@after/@random.`);
      if (timingText !== 'before' && timingText !== 'after' && timingText !== 'random') throw new FaultSpecError(`"@${timingText}" is not @before, @after or @random.`);
      timing = timingText;
    }
    rules.push({ name: faultName, probability, timing });
  }
  return rules;
}

/** 32 bits from the SHA-256 of the parts, for seeding and for per-key decisions. */
export function hash32(...parts: string[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32LE(0);
}

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; values in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number in [0, 1) fixed by the seed and the key: the same every run, whatever the order. */
export function seededUnit(seed: string, ...key: string[]): number {
  return hash32(seed, ...key) / 4294967296;
}

export interface HttpFault {
  name: HttpFaultName;
  /** true: the request takes effect first, then the answer is replaced by the fault. */
  afterEffect: boolean;
}

export class FaultInjector {
  readonly rules: readonly FaultRule[];
  readonly seed: string;
  private readonly streams = new Map<string, () => number>();
  /** How many of each fault were injected so far: tests prove the faults really happened. */
  readonly injected = new Map<string, number>();

  constructor(spec: string | undefined, seed: string | undefined) {
    this.rules = parseFaultSpec(spec);
    this.seed = seed === undefined || seed === '' ? DEFAULT_SANDBOX_SEED : seed;
  }

  probability(name: FaultName): number {
    return this.rules.find((rule) => rule.name === name)?.probability ?? 0;
  }

  private stream(name: string): () => number {
    let next = this.streams.get(name);
    if (!next) {
      next = mulberry32(hash32(this.seed, name));
      this.streams.set(name, next);
    }
    return next;
  }

  /** One draw for a non-HTTP fault (sftp_drop, sftp_down): does it fire this time? Its own stream. */
  draw(name: Exclude<FaultName, HttpFaultName | 'registry_reject'>): boolean {
    const probability = this.probability(name);
    const fired = this.stream(name)() < probability;
    if (fired) this.injected.set(name, (this.injected.get(name) ?? 0) + 1);
    return fired;
  }

  /** The fault for the next HTTP request, if any. */
  nextHttpFault(): HttpFault | null {
    const next = this.stream('http');
    for (const rule of this.rules) {
      if (!isHttpFault(rule.name)) continue;
      if (next() < rule.probability) {
        const afterEffect = rule.timing === 'after' || (rule.timing === 'random' && next() < 0.5);
        const key = `${rule.name}@${afterEffect ? 'after' : 'before'}`;
        this.injected.set(key, (this.injected.get(key) ?? 0) + 1);
        return { name: rule.name, afterEffect };
      }
    }
    return null;
  }
}
