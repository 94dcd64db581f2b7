import { CkycBulkClient, type CkycBulkConnection } from '../connectors/ckyc-bulk/client';
import type { SftpHealthHistory } from './sftp-health-history';

/**
 * The bulk client whose every sftp-health answer also goes into the run's health history: KYC
 * Desk's own checks (the SFTP route's check before its first transfer, the connection test) show
 * on the Registry screen beside the screen's, without the engine knowing of the screen.
 */
export class HealthWatchedBulkClient extends CkycBulkClient {
  constructor(
    connection: CkycBulkConnection,
    private readonly history: SftpHealthHistory,
  ) {
    super(connection);
  }

  override async health(): ReturnType<CkycBulkClient['health']> {
    const outcome = await super.health();
    this.history.record('app', outcome);
    return outcome;
  }
}
