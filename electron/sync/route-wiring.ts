import type { CkycBulkClient } from '../connectors/ckyc-bulk/client';
import type { RecordsApiClient } from '../connectors/ckyc-records/client';
import type { SftpConnectionSettings } from '../transport/sftp';
import { httpFileDelivery, sftpFileDelivery } from './file-delivery';
import { recordsApiRoute } from './records-api-route';
import { collectSftpResponses } from './sftp-responses';
import type { SyncEngineOptions } from './sync-engine';

/** What the sync engine needs of a registry to use all three routes (app/registry-wiring.ts gives one per mode). */
export interface RouteEndpoints {
  bulk: CkycBulkClient;
  sftp: () => Promise<SftpConnectionSettings | { problem: string }>;
  recordsApi: () => RecordsApiClient;
}

/** The engine's route options over one registry: the same for the app and for the tests' harness. */
export function routeOptions(registry: RouteEndpoints): Pick<SyncEngineOptions, 'deliveries' | 'recordsApi' | 'collectResponses' | 'probe'> {
  return {
    deliveries: { 'bulk-api': httpFileDelivery(registry.bulk), 'bulk-sftp': sftpFileDelivery(registry.sftp) },
    recordsApi: recordsApiRoute(registry.recordsApi),
    collectResponses: async (batch, settled) => {
      const settings = await registry.sftp();
      return 'problem' in settings ? [] : collectSftpResponses(settings, `${batch.batchFileName}.zip`, settled);
    },
    probe: () => registry.bulk.reachable(),
  };
}
