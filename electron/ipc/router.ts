import { CONTRACT, isChannelName, type ChannelName, type RequestOf, type ResponseOf } from '../../shared/contract';
import { AppFailure, fail, ok, type Result } from '../../shared/errors';
import type { Logger } from '../logging/logger';

export type Handlers = { [C in ChannelName]: (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

export interface IpcCall {
  channel: unknown;
  payload: unknown;
  /** Origin of the frame that sent the call, as the host saw it. */
  origin: string;
}

export type Dispatch = (call: IpcCall) => Promise<Result<unknown>>;

/**
 * The one door into the main-process services, used by Electron's ipcMain and by the preview
 * host alike. Checks the caller's origin and the channel, validates the payload, and turns every
 * failure into an error value: nothing thrown, and no stack trace, crosses to the renderer.
 */
export interface RouterOptions {
  trustedOrigins: () => readonly string[];
  logger: Logger;
  /** Throws an AppFailure (SIGNED_OUT, FORBIDDEN) when the signed-in operator may not use the channel. */
  authorize?: (channel: ChannelName) => void;
}

export function createRouter(handlers: Handlers, options: RouterOptions): Dispatch {
  const route = routeOne(handlers, options);
  // Total: whatever arrives (a channel that cannot even be turned into text, a logger that throws),
  // the answer is an error value, never a throw or a rejection that could end the host.
  return async (call) => {
    try {
      return await route(call);
    } catch (error) {
      try {
        options.logger.error('ipc call failed before it reached a handler', { error });
      } catch {
        // Nothing more can be done; the caller still gets its answer.
      }
      return fail('INTERNAL', 'Something went wrong inside KYC Desk. It has been logged; nothing saved was lost.');
    }
  };
}

/** A short, printable account of a value that came from outside, without calling any of its methods. */
export function describeUntrusted(value: unknown, limit = 100): string {
  if (typeof value === 'string') return value.slice(0, limit);
  if (value === null) return 'null';
  if (Array.isArray(value)) return '(an array)';
  if (typeof value === 'object') return '(an object)';
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'undefined' ? String(value) : `(a ${typeof value})`;
}

function routeOne(handlers: Handlers, options: RouterOptions): Dispatch {
  return async ({ channel, payload, origin }) => {
    if (typeof origin !== 'string' || !options.trustedOrigins().includes(origin)) {
      options.logger.warn('ipc call from untrusted origin refused', { origin: describeUntrusted(origin, 200) });
      return fail('FORBIDDEN_ORIGIN', 'This request did not come from KYC Desk and was refused.');
    }
    if (!isChannelName(channel)) {
      options.logger.warn('ipc call on unknown channel refused', { channel: describeUntrusted(channel) });
      return fail('UNKNOWN_CHANNEL', 'KYC Desk does not know that request.');
    }
    try {
      options.authorize?.(channel);
    } catch (error) {
      return asErrorValue(error, channel, options.logger);
    }
    const parsed = CONTRACT[channel].request.safeParse(payload);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of namedIssues(parsed.error.issues).slice(0, 20)) fields[issue.path.join('.') || '(request)'] = issue.message;
      return fail('BAD_REQUEST', 'The request was malformed and was not carried out.', fields);
    }
    try {
      const handler = handlers[channel] as (request: unknown) => unknown;
      const response = await handler(parsed.data);
      return ok(CONTRACT[channel].response.parse(response));
    } catch (error) {
      return asErrorValue(error, channel, options.logger);
    }
  };
}

/** An AppFailure goes to the renderer as written; anything else is logged and summarised. */
function asErrorValue(error: unknown, channel: ChannelName, logger: Logger): Result<never> {
  if (error instanceof AppFailure) return { ok: false, error: error.toValue() };
  logger.error('ipc handler failed', { channel, error });
  return fail('INTERNAL', 'Something went wrong inside KYC Desk. It has been logged; nothing saved was lost.');
}

interface NamedIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * The issues with each field's own path. A union (a record of either kind) fails as one issue at
 * its own path; the branch it came nearest to matching (fewest issues) names the fields instead.
 */
function namedIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string; errors?: unknown }>, prefix: PropertyKey[] = []): NamedIssue[] {
  return issues.flatMap((issue) => {
    const branches = issue.code === 'invalid_union' && Array.isArray(issue.errors) ? (issue.errors as Array<Array<{ path: PropertyKey[]; message: string }>>) : [];
    const nearest = branches.filter((branch) => branch.length > 0).sort((a, b) => a.length - b.length)[0];
    if (nearest) return namedIssues(nearest, [...prefix, ...issue.path]);
    return [{ path: [...prefix, ...issue.path], message: issue.message }];
  });
}
