import { act } from '@testing-library/react';
import { vi } from 'vitest';
import type { EventName, EventPayloadOf, KycDeskApi, SessionStateView } from '../../shared/contract';
import type { ChannelName } from '../../shared/contract/names';
import type { Result } from '../../shared/errors';
import type { OperatorProfile, Role } from '../../shared/operators/roles';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';

export type Handler = (request: unknown) => Result<unknown> | Promise<Result<unknown>>;

export function operatorFor(role: Role): OperatorProfile {
  return { id: `op_${role}`, name: `Training ${role}`, employeeCode: `T-${role}`, designation: 'Officer', branch: 'Main', organisation: 'Bank', role, active: true };
}

export function signedIn(role: Role): SessionStateView {
  return { state: 'signed_in', operator: operatorFor(role), lockReason: null, needsFirstAdmin: false, trainingOperators: [] };
}

/**
 * A stand-in for `window.kycDesk`: every call is recorded and answered by a handler (an unknown
 * channel is refused, as main would), and `emit` plays an event from main to whoever listens.
 */
export function fakeBridge(handlers: Partial<Record<ChannelName, Handler>>) {
  const calls: Array<[ChannelName, unknown]> = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const api = {
    invoke: vi.fn(async (channel: ChannelName, request: unknown) => {
      calls.push([channel, request]);
      const handler = handlers[channel];
      return handler ? await handler(request) : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `No handler for ${channel}` } };
    }),
    on: vi.fn((event: EventName, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    }),
  };
  async function emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): Promise<void> {
    await act(async () => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
      // let the refreshes an event starts answer before the test looks
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
  const callsTo = (channel: ChannelName) => calls.filter(([name]) => name === channel).map(([, request]) => request);
  return { api: api as unknown as KycDeskApi, calls, callsTo, emit, listeners };
}

export const APP_INFO = { ok: true, value: { mode: 'training', nextMode: 'training', notices: [], version: 'test', pollSeconds: 2, documentLimits: DEFAULT_DOCUMENT_LIMITS } } as const;
