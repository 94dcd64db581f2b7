import type http from 'node:http';
import { HttpProblem, type Answer } from './http';

/**
 * The shell's route table: a route is a path (or several), a method and a handler. A service
 * contributes its routes as a list (see electron/sandbox/services.ts); the router finds one by path,
 * refuses a wrong method (405), runs the route's guard (its auth check), then the handler.
 */

export interface RouteCall {
  req: http.IncomingMessage;
  url: URL;
}

export interface SandboxRoute {
  paths: readonly string[];
  /** 'ANY': the handler answers every method itself (in its own envelope). */
  method: 'GET' | 'POST' | 'ANY';
  /** `/a` and `/a/` are the same endpoint. */
  trailingSlash?: boolean;
  /** The path is a prefix: `/a/` answers `/a/<anything>` (a path parameter, read by the handler). */
  prefix?: boolean;
  /** Runs after the method check, before the handler: throws HttpProblem (e.g. 401) to refuse. */
  guard?: (call: RouteCall) => void;
  handle: (call: RouteCall) => Promise<Answer> | Answer;
}

const trimmed = (path: string) => path.replace(/\/+$/, '');

export class SandboxRouter {
  private readonly exact = new Map<string, SandboxRoute>();
  private readonly slashTolerant: SandboxRoute[] = [];
  private readonly prefixed: SandboxRoute[] = [];

  /** Add a service's routes; a path already taken is a programming error, refused at start. */
  add(routes: readonly SandboxRoute[]): this {
    for (const route of routes) {
      for (const path of route.paths) {
        if (this.find(path)) throw new Error(`Two sandbox routes claim ${path}.`);
        this.exact.set(path, route);
      }
      if (route.trailingSlash) this.slashTolerant.push(route);
      if (route.prefix) this.prefixed.push(route);
    }
    return this;
  }

  private find(pathname: string): SandboxRoute | undefined {
    return (
      this.slashTolerant.find((route) => route.paths.some((path) => trimmed(path) === trimmed(pathname))) ??
      this.exact.get(pathname) ??
      this.prefixed.find((route) => route.paths.some((path) => pathname.startsWith(path) && pathname.length > path.length))
    );
  }

  async answer(req: http.IncomingMessage): Promise<Answer> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const route = this.find(url.pathname);
    if (!route) throw new HttpProblem(404, 'NOT_FOUND', `No such endpoint: ${url.pathname}`);
    if (route.method !== 'ANY' && req.method !== route.method) throw new HttpProblem(405, 'METHOD_NOT_ALLOWED', `Use ${route.method}.`);
    const call = { req, url };
    route.guard?.(call);
    return route.handle(call);
  }
}
