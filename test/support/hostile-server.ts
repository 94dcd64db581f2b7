import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A loopback HTTP server that misbehaves exactly as told, to test how clients cope. */
export async function startHostileServer(
  behaviour: Behaviour,
): Promise<{ url: string; hits: () => number; hitsTo: (pathEnd: string) => number; close: () => Promise<void> }> {
  let hits = 0;
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    hits++;
    paths.push(new URL(req.url ?? '/', 'http://x').pathname);
    req.resume();
    req.on('end', () => behaviour(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    /** How many requests went to a path ending so: `/initialize` counts sends, not look-ups. */
    hitsTo: (pathEnd) => paths.filter((p) => p.endsWith(pathEnd)).length,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on which nothing listens: bind, note the port, close. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
