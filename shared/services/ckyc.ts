import type { ServiceDeclaration } from './declaration';

/**
 * The CKYC registry (docs/apis/ckyc-bulk.md, docs/apis/ckyc-records.md): the vendor API and the
 * SFTP drop. Its non-secret settings: shared/connections/settings.ts (the connection) and
 * electron/services/ckyc/route-setting.ts (the route batches take).
 */
export const CKYC_SERVICE = {
  id: 'ckyc',
  label: 'CKYC registry',
  secrets: [
    { slot: 'ckyc-api-password', label: 'CKYC API password' },
    { slot: 'ckyc-api-token', label: 'CKYC API token' },
    { slot: 'sftp-password', label: 'SFTP password' },
    { slot: 'sftp-key-passphrase', label: 'SFTP private key passphrase' },
  ],
} as const satisfies ServiceDeclaration;
