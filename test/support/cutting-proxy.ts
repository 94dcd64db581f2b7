import net from 'node:net';

/**
 * A TCP proxy on a loopback port in front of `targetPort` that cuts every connection (both sides,
 * at once) after `cutAfterBytes` bytes went from client to server — a connection dropped
 * mid-transfer, for real, with a real server on the other side. `Infinity` never cuts.
 */
export interface CuttingProxy {
  port: number;
  /** Connections cut so far. */
  cuts(): number;
  close(): Promise<void>;
}

export function startCuttingProxy(targetPort: number, cutAfterBytes: number): Promise<CuttingProxy> {
  const sockets = new Set<net.Socket>();
  let cuts = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    sockets.add(client);
    sockets.add(upstream);
    let forwarded = 0;
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (forwarded + chunk.length > cutAfterBytes) {
        upstream.write(chunk.subarray(0, Math.max(0, cutAfterBytes - forwarded)));
        cuts++;
        cut();
        return;
      }
      forwarded += chunk.length;
      upstream.write(chunk);
    });
    upstream.pipe(client);
    for (const socket of [client, upstream]) {
      socket.on('error', cut);
      socket.on('close', () => {
        sockets.delete(socket);
        cut();
      });
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        cuts: () => cuts,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
