import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../logging/logger';
import { FaultWire, type FaultWireOptions } from './fault-injection';
import type { FaultInjector } from './faults';
import { drain, HttpProblem, send, type Answer } from './http';
import type { SandboxRouter } from './router';

/**
 * The sandbox shell's HTTP server on 127.0.0.1: every request draws its fault first (faults.ts);
 * a fault `before` answers instead of the route, which takes no effect; a fault `after` replaces
 * the answer of a route that did. Routes come from the router; a refusal (HttpProblem) becomes its
 * answer, anything else a logged 500.
 */
export interface SandboxServerOptions extends FaultWireOptions {
  logger: Logger;
  faults: FaultInjector;
  router: SandboxRouter;
  /** A body dropped unread in front of a `before` fault is read at most this far. */
  drainBytes: number;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP on loopback. */
  tls?: { key: string; cert: string };
  /** The port on 127.0.0.1; default 0 (any free port). */
  port?: number;
}

export class SandboxServer {
  private readonly wire: FaultWire;

  private constructor(
    private readonly server: http.Server,
    private readonly options: SandboxServerOptions,
  ) {
    this.wire = new FaultWire(options);
  }

  static async start(options: SandboxServerOptions): Promise<SandboxServer> {
    // Over TLS when given a key and certificate: a stand-in for a real registry in Live-mode tests.
    const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }) : http.createServer();
    const shell = new SandboxServer(server, options);
    server.on('request', (req, res) => void shell.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return shell;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    this.wire.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const fault = this.options.faults.nextHttpFault();
    if (fault && !fault.afterEffect) {
      await drain(req, this.options.drainBytes);
      return this.wire.inject(fault, res, null);
    }
    const answer = await this.answer(req);
    if (fault) return this.wire.inject(fault, res, answer);
    send(res, answer.status, answer.body, answer.headers);
  }

  private async answer(req: http.IncomingMessage): Promise<Answer> {
    try {
      return await this.options.router.answer(req);
    } catch (error) {
      if (error instanceof HttpProblem) return error.answer;
      this.options.logger.error('sandbox request failed', { error });
      return { status: 500, body: { success: false, error: { code: 'INTERNAL', message: 'The sandbox had an internal error.' } } };
    }
  }
}
