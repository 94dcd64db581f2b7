import type { KycDeskApi, PreviewClientMessage, PreviewServerMessage } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';

const SESSION_KEY = 'kyc-desk-preview-session';

/**
 * How this page may open the preview host's socket: the one-time token of the address it was
 * opened with, or, after a reload, the session key the host gave this tab for that token.
 */
export type PreviewCredential = { kind: 'token' | 'session'; value: string };

export const USED_ADDRESS_PROBLEM =
  'This address has already been used, or KYC Desk was restarted: each address printed by “npm run preview” opens one page. Open the newest address it printed.';

/**
 * The token arrives in the URL fragment and works once; take it out of the address bar so it is
 * not bookmarked or shown on a shared screen. A reload finds this tab's session key instead.
 */
export function takePreviewCredential(): PreviewCredential | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return { kind: 'token', value: match[1] };
  }
  const session = sessionStorage.getItem(SESSION_KEY);
  return session ? { kind: 'session', value: session } : null;
}

/**
 * The preview host's socket, shaped exactly like Electron's `window.kycDesk`. `onConnectionLost`
 * gets a message when the host refused the page's credential (the address was used or is stale).
 */
// eslint-disable-next-line max-lines-per-function -- the socket, its pending calls and its listeners share one closure; each method is a line or two
export function connectPreview(credential: PreviewCredential, onConnectionLost: (problem?: string) => void): KycDeskApi {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}/ipc?${credential.kind}=${encodeURIComponent(credential.value)}`);
  let everOpened = false;
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener(
      'open',
      () => {
        everOpened = true;
        resolve(true);
      },
      { once: true },
    );
    socket.addEventListener('error', () => resolve(false), { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const lost: Result<never> = {
    ok: false,
    error: { code: 'INTERNAL', message: 'The connection to the KYC Desk preview host was lost. Restart it and reload this page.' },
  };

  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as PreviewServerMessage;
    if ('session' in message) {
      // This tab's own key: a reload reconnects with it, and it ends with the tab.
      sessionStorage.setItem(SESSION_KEY, message.session);
    } else if ('id' in message) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve(lost);
    pending.clear();
    if (everOpened) {
      onConnectionLost();
    } else {
      sessionStorage.removeItem(SESSION_KEY);
      onConnectionLost(USED_ADDRESS_PROBLEM);
    }
  });

  return {
    async invoke(channel, request) {
      if (!(await opened) || socket.readyState !== WebSocket.OPEN) return lost;
      const id = nextId++;
      const message: PreviewClientMessage = { id, channel, payload: request };
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        socket.send(JSON.stringify(message));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
