// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { KycDeskApi } from '../../shared/contract';
import { REPORT_EVERY_MS, reportActivity } from '../../renderer/src/session/activity';

/** The renderer's report of key presses and clicks: the only thing besides a person's saves that keeps KYC Desk open. */
let stop: (() => void) | undefined;
afterEach(() => stop?.());

function setUp(signedIn = true) {
  const calls: string[] = [];
  const api = { invoke: async (channel: string) => (calls.push(channel), { ok: true, value: {} }), on: () => () => {} } as unknown as KycDeskApi;
  let now = 1_000_000;
  stop = reportActivity(api, () => signedIn, () => now);
  return {
    calls,
    advance: (ms: number) => void (now += ms),
    key: () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' })),
    click: () => window.dispatchEvent(new Event('pointerdown')),
  };
}

describe('reporting a person at the counter', () => {
  it('reports a key press or a click at once, then at most every 10 s', () => {
    const { calls, advance, key, click } = setUp();
    key();
    expect(calls).toEqual(['session.activity']);
    advance(2_000);
    key();
    click();
    expect(calls).toHaveLength(1);
    advance(REPORT_EVERY_MS - 2_000);
    click();
    expect(calls).toHaveLength(2);
  });

  it('reports often enough for the shortest idle time: a click 10 s after the last report counts', () => {
    // With a one-minute idle lock, a report only every 30 s could lock someone 31 s after their last click.
    expect(REPORT_EVERY_MS).toBeLessThanOrEqual(10_000);
    const { calls, advance, click } = setUp();
    click();
    advance(10_000);
    click();
    expect(calls).toEqual(['session.activity', 'session.activity']);
  });

  it('says nothing while nobody is signed in, and nothing once stopped', () => {
    const signedOut = setUp(false);
    signedOut.key();
    expect(signedOut.calls).toEqual([]);
    stop?.();
    const signedIn = setUp(true);
    stop?.();
    signedIn.key();
    expect(signedIn.calls).toEqual([]);
  });
});
