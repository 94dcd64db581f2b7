import { AppFailure } from '../../shared/errors';
import type { HttpFailure } from '../transport/http-client';

/**
 * What a failed read from the registry means to the person looking at the Registry screen. These
 * are reads: nothing was changed at the registry whatever happened, so each is said plainly and
 * the screen offers to try again; nothing here retries by itself.
 */
export function registryFailure(what: string, failure: HttpFailure): AppFailure {
  switch (failure.kind) {
    case 'unreachable':
      return new AppFailure('REMOTE_UNREACHABLE', `The registry could not be reached for ${what}: ${failure.message} Check the network, then try again.`);
    case 'timeout':
      return new AppFailure('REMOTE_TIMEOUT', `The registry did not answer in time for ${what}: ${failure.message} Try again in a moment.`);
    case 'rate_limited':
      return new AppFailure('REMOTE_REJECTED', `The registry asked KYC Desk to slow down (${what}). Try again in a minute.`);
    case 'server_error':
      return new AppFailure('REMOTE_UNREACHABLE', `The registry had a problem of its own answering ${what} (HTTP ${failure.status}): ${failure.message} Try again later.`);
    case 'invalid_response':
      return new AppFailure('REMOTE_INVALID_RESPONSE', `The registry's answer for ${what} could not be read (HTTP ${failure.status}): ${failure.message} It may be a proxy's or the vendor's error page.`);
    case 'rejected':
      if (failure.status === 401 || failure.status === 403) {
        return new AppFailure('REMOTE_REJECTED', `The registry refused KYC Desk's credentials for ${what} (HTTP ${failure.status}). An admin checks the connection's token on the Connections screen.`);
      }
      return new AppFailure('REMOTE_REJECTED', `The registry refused the request for ${what} (HTTP ${failure.status}): ${failure.message}`);
  }
}

/** A live connection not set up yet (its base URL cannot be read): said as the connection's problem. */
export function notConfigured(problem: string): AppFailure {
  return new AppFailure('CONNECTION_NOT_ALLOWED', `The registry cannot be asked yet: ${problem}`);
}
