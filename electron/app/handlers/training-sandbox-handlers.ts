import { AppFailure } from '../../../shared/errors';
import type { Handlers } from '../../ipc/router';
import { actingOperator, type HandlerContext } from './context';

type TrainingSandboxHandlers = Pick<Handlers, 'training.sftpDown'>;

export type TrainingSandboxHandlerServices = Pick<HandlerContext, 'trainingSandbox' | 'session' | 'logger'>;

/**
 * "Pretend the SFTP server is down": the sandbox's sftp-health answers `down` and its SFTP server
 * refuses new connections until it is switched back (or the app restarts). Only in Training mode:
 * in Live mode there is no sandbox, and the channel says so.
 */
export function trainingSandboxHandlers(context: TrainingSandboxHandlerServices): TrainingSandboxHandlers {
  return {
    'training.sftpDown': ({ down }) => {
      const sandbox = context.trainingSandbox;
      if (!sandbox) throw new AppFailure('NOT_FOUND', 'This switch exists only in Training mode: in Live mode KYC Desk talks to the real registry.');
      if (down !== undefined && down !== sandbox.sftpDown()) {
        sandbox.setSftpDown(down);
        context.logger.info('training sandbox SFTP switched', { down, by: actingOperator(context).id });
      }
      return { down: sandbox.sftpDown() };
    },
  };
}
