import type { KycDeskApi, PreviewClientMessage, PreviewServerMessage } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';

const TOKEN_KEY = 'kyc-desk-preview-token';

/**
 * The token arrives in the URL fragment; keep it for reloads of this tab only, and take it out of
 * the address bar so it is not bookmarked or shown on a shared screen.
 */
export function takePreviewToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The preview host's socket, shaped exactly like Electron's `window.kycDesk`. */
export function connectPreview(token: string, onConnectionLost: () => void): KycDeskApi {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}/ipc?token=${encodeURIComponent(token)}`);
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => resolve(true), { once: true });
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
    if ('id' in message) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve(lost);
    pending.clear();
    onConnectionLost();
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
