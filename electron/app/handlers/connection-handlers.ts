import type { Handlers } from '../../ipc/router';
import { actingOperator, type HandlerContext } from './context';

type ConnectionHandlers = Pick<Handlers, 'connections.get' | 'connections.save' | 'connections.probeSftpHostKey' | 'connections.pinSftpHostKey' | 'connections.testApi'>;

/** What the connection screen's handlers work with. */
export type ConnectionHandlerServices = Pick<HandlerContext, 'connections' | 'session'>;

/** The admin's connection screen: settings, the SFTP host key pin, and a connection test. Secrets go through `secrets.*`. */
export function connectionHandlers(context: ConnectionHandlerServices): ConnectionHandlers {
  const { connections } = context;
  return {
    'connections.get': () => connections.view(actingOperator(context)),
    'connections.save': (changes) => connections.save(actingOperator(context), changes),
    'connections.probeSftpHostKey': () => connections.probeSftpHostKey(actingOperator(context)),
    'connections.pinSftpHostKey': ({ fingerprint }) => connections.pinSftpHostKey(actingOperator(context), fingerprint),
    'connections.testApi': () => connections.testApi(actingOperator(context)),
  };
}
