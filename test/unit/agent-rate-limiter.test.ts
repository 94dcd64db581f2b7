import { describe, expect, it } from 'vitest';
import { SendRateLimiter } from '../../electron/connectors/agent-api/rate-limiter';
import type { HttpOutcome } from '../../electron/transport/http-client';

/**
 * The agent API's send-rate limiter on a clock the test moves: sends spaced 60/rate seconds apart
 * in the order they asked, a turn too far away refused unsent, and a 429 holding everyone for the
 * Retry-After or the exponential floor, whichever is longer.
 */
function harness(requestsPerMinute: number, maxWaitMs = 30_000) {
  let clock = 0;
  const sentAt: number[] = [];
  const limiter = new SendRateLimiter({
    requestsPerMinute,
    maxWaitMs,
    now: () => clock,
    // Time passes when the sleeper wakes, so callers that asked together all asked at the same time.
    sleep: (ms) => {
      const wakeAt = clock + ms;
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          clock = Math.max(clock, wakeAt);
          resolve();
        }),
      );
    },
  });
  const ok: HttpOutcome<string> = { ok: true, status: 200, body: 'fine' };
  const send = (answer: HttpOutcome<string> = ok) => limiter.run(() => {
    sentAt.push(clock);
    return Promise.resolve(answer);
  });
  return { limiter, send, sentAt, advance: (ms: number) => (clock += ms), now: () => clock };
}

const tooMany = (retryAfterMs: number | null): HttpOutcome<string> => ({ ok: false, failure: { kind: 'rate_limited', status: 429, message: 'slow down', retryAfterMs } });

describe('SendRateLimiter', () => {
  it('never sends faster than the rate: 120 a minute are 500 ms apart, whoever asks', async () => {
    const h = harness(120);
    for (let i = 0; i < 10; i += 1) expect((await h.send()).ok).toBe(true);
    expect(h.sentAt).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500]);
    // Any window of 60 s holds at most 120 sends.
    h.advance(10_000);
    await h.send();
    expect(h.sentAt.at(-1)).toBe(14_500);
  });

  it('refuses a request whose turn is further than the longest wait, without sending it', async () => {
    const h = harness(60, 2500);
    const turns = [h.limiter.run(() => Promise.resolve<HttpOutcome<number>>({ ok: true, status: 200, body: 1 }))];
    // Reserved synchronously: three more callers queue behind the first at 1 s, 2 s, then 3 s (too far).
    const second = h.send();
    const third = h.send();
    const fourth = await h.send();
    expect(fourth.ok).toBe(false);
    if (!fourth.ok) {
      expect(fourth.failure).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
      expect(fourth.failure.message).toMatch(/^Nothing was sent: KYC Desk keeps to the agent API's configured rate/);
    }
    await Promise.all([...turns, second, third]);
    expect(h.sentAt).toHaveLength(2);
  });

  it("holds everyone after a 429 for the vendor's Retry-After or the exponential floor (1 s, 2 s, 4 s …), and resets after an answer", async () => {
    const h = harness(6000, 60_000);
    const first = await h.send(tooMany(null));
    expect(first.ok || first.failure).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1000 });
    const second = await h.send(tooMany(null));
    expect(second.ok || second.failure).toMatchObject({ retryAfterMs: 2000 });
    expect(h.sentAt[1]! - h.sentAt[0]!).toBeGreaterThanOrEqual(1000);
    const third = await h.send(tooMany(1500));
    expect(third.ok || third.failure).toMatchObject({ retryAfterMs: 4000 });
    const fourth = await h.send(tooMany(9000));
    expect(fourth.ok || fourth.failure).toMatchObject({ retryAfterMs: 9000 });
    expect(h.sentAt[3]! - h.sentAt[2]!).toBeGreaterThanOrEqual(4000);
    expect((await h.send()).ok).toBe(true);
    expect(h.sentAt[4]! - h.sentAt[3]!).toBeGreaterThanOrEqual(9000);
    const again = await h.send(tooMany(null));
    expect(again.ok || again.failure).toMatchObject({ retryAfterMs: 1000 });
  });

  it('keeps the floor growing when an answer to a request sent before the 429 comes back after it', async () => {
    const h = harness(6000, 60_000);
    let answerEarlier: (value: HttpOutcome<string>) => void = () => undefined;
    const earlier = h.limiter.run(() => new Promise<HttpOutcome<string>>((resolve) => (answerEarlier = resolve)));
    await h.send(tooMany(null));
    answerEarlier({ ok: true, status: 200, body: 'late' });
    await earlier;
    const next = await h.send(tooMany(null));
    expect(next.ok || next.failure).toMatchObject({ retryAfterMs: 2000 });
  });

  it('refuses unsent while held longer than the longest wait, saying when it will be asked again', async () => {
    const h = harness(600, 5000);
    await h.send(tooMany(60_000));
    const refused = await h.send();
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.failure.message).toMatch(/^Nothing was sent: the agent API asked KYC Desk to slow down; it will be asked again in 60 seconds/);
    expect(h.sentAt).toHaveLength(1);
  });

  it('refuses a rate that is not a positive number', () => {
    expect(() => new SendRateLimiter({ requestsPerMinute: 0 })).toThrow(/positive number of requests per minute/);
  });
});
