import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { PreviewClientMessage, PreviewServerMessage } from '../../shared/contract';
import { fail } from '../../shared/errors';
import type { AppServices } from '../app/services';
import { securityHeaders } from '../security/content-security-policy';
import { createPageAccess } from './page-access';
import { readStaticFile } from './static-files';

export interface PreviewHostOptions {
  services: AppServices;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  /** The address's token was used by a page; `url` is the next one-time address, for another tab. */
  onNewAddress?: (url: string) => void;
  /** How long a page's session outlives its socket, for a reload (default 30 s). */
  reloadGraceMs?: number;
}

export interface PreviewHost {
  /**
   * The address to open now, with its one-time token (in the fragment, so it never reaches a log or
   * a Referer). Once a page has used it, this is a new one.
   */
  readonly url: string;
  port: number;
  close(): Promise<void>;
}

// The largest document, the 25 MB in-person video, travels as base64 (×4/3, about 34 MB) inside a
// JSON message; every other document is at most 10 MB.
const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

/** The request's path and query, or null when it is not a URL at all (`//[` would throw). */
function parseTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://preview');
  } catch {
    return null;
  }
}

/**
 * Development and test host: the same main-process services as Electron, behind 127.0.0.1 only.
 * It serves the built renderer and carries the IPC contract over a WebSocket guarded by a one-time
 * token exchanged for a per-page session key (page-access.ts) and by Host and Origin checks
 * (against DNS rebinding and other local pages).
 * Never part of a packaged build.
 */
// eslint-disable-next-line max-lines-per-function -- the HTTP and socket handlers share the port and the page access checks in their closure; each handler is short
export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const { services } = options;
  let port = 0;
  const addressNow = () => `http://127.0.0.1:${port}/#token=${access.invitation()}`;
  const access = createPageAccess({ reloadGraceMs: options.reloadGraceMs, onInvitationUsed: () => options.onNewAddress?.(addressNow()) });
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((host) => `http://${host}`);

  const server = http.createServer((req, res) => {
    if (!allowedHosts().includes(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const requested = parseTarget(req.url);
    if (!requested) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
      return;
    }
    const file = readStaticFile(options.rendererDir, requested.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      ...securityHeaders([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
      'content-type': file.contentType,
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.bytes);
  });

  // Over the cap, ws closes that socket with 1009; a text frame that is not UTF-8 gets 1007. Either
  // way ws reports an 'error' on that socket first, which must be listened to (below): an
  // unheard 'error' would end the whole host.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  sockets.on('error', (error) => services.logger.warn('preview socket server error', { error }));
  server.on('error', (error) => services.logger.warn('preview server error', { error }));
  server.on('upgrade', (req, socket, head) => {
    // A reset during the handshake is this connection's problem only.
    socket.on('error', () => socket.destroy());
    const url = parseTarget(req.url) ?? new URL('http://preview/(unreadable)');
    const origin = req.headers.origin ?? '';
    const trusted = url.pathname === '/ipc' && allowedHosts().includes(req.headers.host ?? '') && allowedOrigins().includes(origin);
    // Only a trusted caller may use up the invitation.
    const admission = trusted ? access.admit(url.searchParams) : null;
    if (!admission) {
      services.logger.warn('preview socket refused', { origin: origin.slice(0, 200), path: url.pathname });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      access.attach(admission, ws);
      if (admission.fresh) ws.send(JSON.stringify({ session: admission.session } satisfies PreviewServerMessage));
      serveSocket(ws, origin);
    });
  });

  function serveSocket(ws: WebSocket, origin: string): void {
    const send = (message: PreviewServerMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      try {
        ws.send(JSON.stringify(message));
      } catch (error) {
        // An answer that cannot be sent is this socket's loss, never the host's end.
        services.logger.warn('preview message could not be sent', { error });
      }
    };
    const unsubscribe = services.events.subscribe((event, payload) => send({ event, payload }));
    ws.on('close', unsubscribe);
    ws.on('error', (error) => services.logger.warn('preview socket closed after a bad frame', { error }));
    ws.on('message', (data) => {
      let message: PreviewClientMessage;
      try {
        message = JSON.parse(String(data)) as PreviewClientMessage;
      } catch {
        ws.close(1003, 'Malformed message');
        return;
      }
      if (typeof message !== 'object' || message === null || !Number.isSafeInteger(message.id)) {
        ws.close(1003, 'Malformed message');
        return;
      }
      const { id } = message;
      // The router answers every call with a value; the catch is there all the same, so that no
      // call can ever end the host.
      services
        .dispatch({ channel: message.channel, payload: message.payload, origin })
        .catch((error: unknown) => {
          services.logger.error('preview call failed outside the router', { error });
          return fail('INTERNAL', 'Something went wrong inside KYC Desk. It has been logged; nothing saved was lost.');
        })
        .then((result) => send({ id, result }))
        .catch((error: unknown) => services.logger.warn('preview answer could not be sent', { error }));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  for (const origin of allowedOrigins()) services.trustOrigin(origin);

  return {
    get url() {
      return addressNow();
    },
    port,
    close: async () => {
      access.close();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
