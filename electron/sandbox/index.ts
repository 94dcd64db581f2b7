/**
 * What the rest of the app (Training wiring) and the tests use of the Training sandbox. The
 * sandbox is a shared shell (shell/: HTTP server and route table, auth helpers, fault injection,
 * the ledger, multipart, state files) and a folder per service (ckyc/, agent-api/, cdp/, bulk-update/; services.ts is where
 * another one is registered).
 */
export { CkycSandbox, TRAINING_RECORDS_API_CREDENTIALS, TRAINING_AGENT_API_CREDENTIALS, type SandboxOptions } from './ckyc/sandbox';
export { RecordsApiSandbox, recordsApiListener, ALREADY_UPLOADED_MESSAGE, type RecordsApiSandboxOptions } from './ckyc/records-api';
export { SFTP_RESULT_COLUMNS } from './ckyc/sftp-drop';
export {
  SftpSandbox,
  SFTP_SANDBOX_FOLDERS,
  SFTP_SANDBOX_USERNAME,
  sandboxSftpIdentity,
  sftpSandboxPaths,
  type SftpDrop,
  type SftpDropOutcome,
  type SftpSandboxIdentity,
} from './ckyc/sftp/server';
export { readLedger, duplicateRegistrations, type LedgerEntry } from './shell/ledger';
export { FaultInjector, FaultSpecError, parseFaultSpec } from './shell/faults';
export { SANDBOX_SERVICES } from './services';
export type { SandboxService, SandboxServiceContext, RunningSandboxService } from './shell/service';
export type { SandboxRoute, RouteCall } from './shell/router';
export { agentApiSandbox, AGENT_SANDBOX_LINK_TYPES, type AgentSandboxSettings } from './agent-api/service';
export { readAgentLedger, replacedLiveSessions, repeatedPushes, type AgentLedgerEntry } from './agent-api/ledger';
export { cdpSandbox, cdpSamples, TRAINING_CDP_CREDENTIALS, CDP_SANDBOX_TOKEN_SECONDS, type CdpSandbox, type CdpSandboxSettings } from './cdp/service';
export type { CdpEndpoint, CdpForcedAnswer, LostAnswer } from './cdp/switches';
export { readCdpLedger, idsOnboardedTwice, cdpIdKey, type CdpLedgerEntry } from './cdp/ledger';
export { bulkUpdateSandbox, sampleUpdateFile, TRAINING_BULK_UPDATE_CREDENTIALS, TRAINING_PARENT_COMPANY_ID } from './bulk-update/service';
export { readBulkUpdateLedger, type AppliedRow } from './bulk-update/customer-master';
export { seededCustomers, type SeededCustomer, type SeededOutcome } from './cdp/people';
