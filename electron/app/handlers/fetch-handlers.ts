import { AppFailure } from '../../../shared/errors';
import type { Handlers } from '../../ipc/router';

type FetchHandlers = Pick<Handlers, 'fetch.request' | 'fetch.list' | 'fetch.results' | 'fetch.send'>;

const notYet = (): never => {
  throw new AppFailure('CONFLICT', 'Fetch from CKYC is not ready in this build yet.');
};

/** Fetch from CKYC (bulk download): the channels first, so the screen can be built against them; main follows. */
export function fetchHandlers(): FetchHandlers {
  return { 'fetch.request': notYet, 'fetch.list': notYet, 'fetch.results': notYet, 'fetch.send': notYet };
}
