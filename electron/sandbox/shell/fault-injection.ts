import type http from 'node:http';
import type { Logger } from '../../logging/logger';
import type { HttpFault } from './faults';
import { send, type Answer } from './http';

/**
 * How an HTTP fault (faults.ts) reaches the wire: it replaces the answer a route gave (null: the
 * fault fired before the request, which then took no effect). A `timeout` holds the response until
 * `faultHoldMs`; `release()` lets go of every held one (the server closing).
 */
export interface FaultWireOptions {
  logger: Logger;
  /** How long a `timeout` fault holds the response before dropping the connection (default 35 s). */
  faultHoldMs?: number;
  /** Retry-After of an `http429` fault, in whole seconds (default 1). */
  retryAfterSeconds?: number;
}

const DEFAULT_FAULT_HOLD_MS = 35_000;

export class FaultWire {
  private readonly held = new Set<NodeJS.Timeout>();

  constructor(private readonly options: FaultWireOptions) {}

  inject(fault: HttpFault, res: http.ServerResponse, answer: Answer | null): void {
    this.options.logger.info('sandbox fault injected', { fault: fault.name, afterEffect: fault.afterEffect });
    const text = JSON.stringify(answer?.body ?? { success: false, error: { code: 'FAULT', message: 'Injected fault.' } });
    switch (fault.name) {
      case 'http429':
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(this.options.retryAfterSeconds ?? 1) });
        res.end(JSON.stringify({ success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests; try again after Retry-After seconds.' } }));
        return;
      case 'http500':
        send(res, 500, { success: false, error: { code: 'INTERNAL', message: 'The registry had an internal error (injected).' } });
        return;
      case 'corrupt':
        // Status 200, half the real body and bytes no JSON parser accepts.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`${text.slice(0, Math.floor(text.length / 2))}\u0000<!-- corrupt`);
        return;
      case 'reset':
        // Headers and part of the body, then the socket is destroyed: the client sees a reset mid-body.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) + 64 });
        res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))), () => res.socket?.destroy());
        return;
      case 'timeout':
        this.hold(res);
        return;
    }
  }

  /** Held past the client's timeout, then dropped without an answer: bounded by faultHoldMs. */
  private hold(res: http.ServerResponse): void {
    const timer = setTimeout(() => {
      this.held.delete(timer);
      res.socket?.destroy();
    }, this.options.faultHoldMs ?? DEFAULT_FAULT_HOLD_MS);
    this.held.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      this.held.delete(timer);
    });
  }

  release(): void {
    for (const timer of this.held) clearTimeout(timer);
    this.held.clear();
  }
}
