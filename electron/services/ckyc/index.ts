import type { SubmissionRoute } from '../../../shared/sync/routes';
import type { InstitutionCodes } from '../../connectors/ckyc-bulk/batch-csv';
import type { CkycBulkClient } from '../../connectors/ckyc-bulk/client';
import type { RecordsApiClient } from '../../connectors/ckyc-records/client';
import type { SubmissionService } from '../../sync/submission-service';
import type { SftpConnectionSettings } from '../../transport/sftp';
import { bulkSubmission } from './bulk-submission';
import { httpFileDelivery, sftpFileDelivery } from './file-delivery';
import { recordsApiService } from './records-api';
import { collectSftpResponses } from './sftp-responses';

/** What the CKYC services need of a registry to use all three routes (app/registry-wiring.ts gives one per mode). */
export interface CkycEndpoints {
  bulk: CkycBulkClient;
  sftp: () => Promise<SftpConnectionSettings | { problem: string }>;
  recordsApi: () => RecordsApiClient;
  /** The institution's CERSAI codes for batch-details.csv. */
  institution?: () => InstitutionCodes;
}

export interface CkycServiceOptions {
  /** DocumentStore.get: the records' images, for the batch ZIP. */
  readDocument: (documentHash: string) => Uint8Array;
  /** Cap of one batch ZIP (KYC_DESK_BATCH_MAX_BYTES). */
  maxBatchBytes?: number;
  /** Each sftp-health answer the SFTP route gets before a transfer (the Registry screen's history). */
  onSftpHealth?: (health: 'up' | 'down', at: Date) => void;
}

/**
 * CKYC's three routes as submission services, by route id (an admin picks the route in force:
 * route-setting.ts). The same for the app and for the tests' harness.
 */
export function ckycSubmissionServices(registry: CkycEndpoints, options: CkycServiceOptions): Record<SubmissionRoute, SubmissionService> {
  const probe = () => registry.bulk.reachable();
  const shared = {
    client: registry.bulk,
    readDocument: options.readDocument,
    ...(registry.institution ? { institution: registry.institution } : {}),
    ...(options.maxBatchBytes !== undefined ? { maxBatchBytes: options.maxBatchBytes } : {}),
  };
  return {
    'bulk-api': bulkSubmission({ ...shared, id: 'bulk-api', delivery: httpFileDelivery(registry.bulk), separateDelivery: false }),
    'bulk-sftp': bulkSubmission({
      ...shared,
      id: 'bulk-sftp',
      delivery: sftpFileDelivery(registry.sftp),
      separateDelivery: true,
      ...(options.onSftpHealth ? { onDeliveryHealth: options.onSftpHealth } : {}),
      responses: {
        // Once the whole file reached the server, its response files are read once.
        awaits: (batch) => batch.responseFiles === null && batch.fileBytes !== null && batch.sentBytes === batch.fileBytes,
        collect: async (batch, settled) => {
          const settings = await registry.sftp();
          return 'problem' in settings ? [] : collectSftpResponses(settings, `${batch.batchFileName}.zip`, settled);
        },
      },
    }),
    'records-api': recordsApiService(registry.recordsApi, probe),
  };
}
