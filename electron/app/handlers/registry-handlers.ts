import type { Handlers } from '../../ipc/router';
import type { HandlerContext } from './context';

type RegistryHandlers = Pick<Handlers, 'registry.requests' | 'registry.downloads' | 'registry.activity' | 'registry.sftpHealth'>;

/** What the Registry screen's handlers work with. */
export type RegistryHandlerServices = Pick<HandlerContext, 'registryDashboard'>;

/** The Registry screen (checkers and admins; the router checked the role): the registry's own answers, read only. */
export function registryHandlers({ registryDashboard }: RegistryHandlerServices): RegistryHandlers {
  return {
    'registry.requests': (query) => registryDashboard.requests(query),
    'registry.downloads': (query) => registryDashboard.downloads(query),
    'registry.activity': ({ days }) => registryDashboard.activity(days),
    'registry.sftpHealth': ({ check }) => registryDashboard.sftpHealth(check),
  };
}
