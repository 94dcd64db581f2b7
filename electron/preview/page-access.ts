import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { WebSocket } from 'ws';

/**
 * Who may open the preview host's socket.
 *
 * The printed address carries a one-time token (the invitation). The first page that opens the
 * socket with it uses it up: the host makes a new invitation at once (the launcher prints the new
 * address, for another tab) and gives that page a session key of its own, sent as the socket's
 * first message. The page keeps the key in its tab (sessionStorage) and reconnects with it after a
 * reload. A session lives while its page is connected and `reloadGraceMs` after that, then is
 * forgotten: a closed tab's key opens nothing. One socket per session: a newer one replaces it.
 */
export interface PageAccess {
  /** The current, unused one-time token. */
  invitation(): string;
  /**
   * Checks a socket's `token` or `session` query parameter. A valid invitation is used up and
   * yields a new session (`fresh`); a live session key yields that session. Otherwise null.
   */
  admit(query: URLSearchParams): Admission | null;
  /** The admitted page's socket is open. */
  attach(admission: Admission, socket: WebSocket): void;
  close(): void;
}

export interface Admission {
  session: string;
  fresh: boolean;
}

export interface PageAccessOptions {
  /** How long a page's session outlives its socket (a reload); 30 s by default. */
  reloadGraceMs?: number;
  /** Called after an invitation was used and a new one made. */
  onInvitationUsed?: () => void;
}

interface Session {
  socket: WebSocket | null;
  expiry: NodeJS.Timeout | null;
}

const DEFAULT_RELOAD_GRACE_MS = 30_000;

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createPageAccess(options: PageAccessOptions = {}): PageAccess {
  const graceMs = options.reloadGraceMs ?? DEFAULT_RELOAD_GRACE_MS;
  let invitation = newSecret();
  const sessions = new Map<string, Session>();

  // A session with no open socket is forgotten after the grace period (also one admitted whose
  // handshake never completed).
  const expireLater = (id: string, session: Session) => {
    if (session.expiry) clearTimeout(session.expiry);
    session.expiry = setTimeout(() => sessions.delete(id), graceMs);
    session.expiry.unref();
  };

  return {
    invitation: () => invitation,
    admit(query) {
      if (sameSecret(query.get('token'), invitation)) {
        invitation = newSecret(); // used: that address stops working now
        const id = newSecret();
        const session: Session = { socket: null, expiry: null };
        sessions.set(id, session);
        expireLater(id, session);
        options.onInvitationUsed?.();
        return { session: id, fresh: true };
      }
      const given = query.get('session');
      for (const [id, session] of sessions) {
        if (!sameSecret(given, id)) continue;
        expireLater(id, session);
        return { session: id, fresh: false };
      }
      return null;
    },
    attach({ session: id }, socket) {
      const session = sessions.get(id);
      if (!session) {
        socket.close(4001, 'This page’s access has ended');
        return;
      }
      if (session.expiry) clearTimeout(session.expiry);
      session.expiry = null;
      const previous = session.socket;
      session.socket = socket;
      if (previous && previous !== socket) previous.close(4002, 'This page was opened again');
      socket.once('close', () => {
        if (session.socket !== socket) return;
        session.socket = null;
        expireLater(id, session);
      });
    },
    close() {
      for (const session of sessions.values()) if (session.expiry) clearTimeout(session.expiry);
      sessions.clear();
    },
  };
}
