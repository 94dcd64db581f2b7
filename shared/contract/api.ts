import type { Result } from '../errors';
import type { ChannelName, EventName } from './names';
import type { EventPayloadOf, RequestOf, ResponseOf } from './channels';

/**
 * What the renderer sees as `window.kycDesk` in Electron, and what the preview client
 * provides over a WebSocket: the same shape, so screens do not know which host they run in.
 */
export interface KycDeskApi {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
}

/** Wire messages of the preview host's socket. */
export type PreviewClientMessage = { id: number; channel: string; payload: unknown };
export type PreviewServerMessage =
  | { id: number; result: Result<unknown> }
  | { event: EventName; payload: unknown }
  /** First message to a page that used the one-time token: its own key, for reconnecting after a reload. */
  | { session: string };
