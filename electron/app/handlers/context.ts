import type { DocumentLimits } from '../../../shared/documents/limits';
import type { AppMode } from '../../../shared/mode';
import type { OperatorProfile } from '../../../shared/operators/roles';
import { AppFailure } from '../../../shared/errors';
import type { AuditLog } from '../../audit/audit-log';
import type { ConnectionService } from '../../connections/connection-service';
import type { DocumentStore } from '../../documents/document-store';
import type { DraftStore } from '../../drafts/draft-store';
import type { LiveModeGate } from '../../live-setup/live-mode-gate';
import type { Logger } from '../../logging/logger';
import type { OperatorService } from '../../operators/operator-service';
import type { PinMaster } from '../../pin-master/pin-master';
import type { RecordRepository } from '../../records/record-repository';
import type { RecordService } from '../../records/record-service';
import type { RetentionSettings } from '../../retention/retention-settings';
import type { OperatorSession } from '../../session/session';
import type { Store } from '../../store/database';
import type { BatchRepository } from '../../sync/batch-repository';
import type { SyncEngine } from '../../sync/sync-engine';
import type { SubmissionRoute } from '../../../shared/sync/routes';
import type { SecretService } from '../../vault/secret-service';
import type { EventHub } from '../../events/event-hub';
import type { RegistryDashboard } from '../../registry-dashboard';
import type { TrainingSandboxSwitches } from './training-sandbox-switches';
import type { AgentApiWiring } from '../../video-kyc/agent-api-in-force';
import type { AgentApiSettingsStore } from '../../video-kyc/agent-api-settings';
import type { AgentSessions } from '../../video-kyc/agent-sessions';
import type { CdpWiring } from '../../uae-onboarding/cdp-in-force';
import type { BulkUpdateWiring } from '../../bulk-update/bulk-update-wiring';
import type { BulkUpdateSettingsStore } from '../../bulk-update/bulk-update-settings';
import type { CdpSettingsStore } from '../../uae-onboarding/cdp-settings';
import type { AadhaarHolder } from '../../digital-kyc/aadhaar-holder';
import type { PushSettings } from '../../connectors/agent-api/dkyc-mapping';

/**
 * Everything the IPC handlers work with, built once by services.ts. No handler group receives all of
 * it: each declares the few members it uses (a `Pick` of this) and all-handlers.ts hands it just those.
 */
export interface HandlerContext {
  mode: AppMode;
  /** The mode chosen for the next start (mode-choice.ts), and how to change it. */
  nextMode: () => AppMode;
  chooseMode: (mode: AppMode) => void;
  /** The credential check for choosing Live mode and for Live mode's first admin. */
  liveGate: LiveModeGate;
  version: string;
  pollSeconds: number;
  notices: string[];
  documentLimits: DocumentLimits;
  /** The shipped PIN list, loaded on first use (about 60 ms, 3 MB), not at start-up. */
  pinMaster: () => PinMaster;
  store: Store;
  records: RecordRepository;
  recordService: RecordService;
  batches: BatchRepository;
  sync: SyncEngine<SubmissionRoute>;
  documents: DocumentStore;
  drafts: DraftStore;
  audit: AuditLog;
  operators: OperatorService;
  session: OperatorSession;
  retention: RetentionSettings;
  secrets: SecretService;
  connections: ConnectionService;
  events: EventHub;
  logger: Logger;
  /** The Registry screen's reads of the registry's own lists, charts and SFTP health. */
  registryDashboard: RegistryDashboard;
  /** Training mode's switches on its sandbox (an admin's "Pretend the SFTP server is down"); null in Live mode. */
  trainingSandbox: TrainingSandboxSwitches | null;
  /** Video KYC: the agent API in force, its settings, the sessions kept (electron/video-kyc/). */
  videoKyc: VideoKycParts;
  /** UAE partner onboarding: the CDP in force and its settings (electron/uae-onboarding/). */
  uaeCdp: UaeCdpParts;
  /** The bulk customer update: the platform in force and its settings (electron/bulk-update/). */
  bulkUpdate: BulkUpdateParts;
  /** The digital-KYC push: the typed Aadhaar numbers held for their pushes, the institution's codes (electron/digital-kyc/). */
  digitalKyc: DigitalKycParts;
}

export interface DigitalKycParts {
  holder: AadhaarHolder;
  pushSettings: () => PushSettings | { problem: string };
}

/** What the Video KYC handlers work with beyond the common services. */
export interface VideoKycParts {
  agentApi: AgentApiWiring;
  settings: AgentApiSettingsStore;
  sessions: AgentSessions;
}

/** The operator acting now; the router has already checked the channel's permission. */
export function actingOperator(context: Pick<HandlerContext, 'session'>): OperatorProfile {
  const operator = context.session.current();
  if (!operator) throw new AppFailure('SIGNED_OUT', 'Sign in first.');
  return operator;
}

export const auditActor = (operator: OperatorProfile) => ({ id: operator.id, name: operator.name });

/** What the bulk update handlers work with beyond the common services. */
export interface BulkUpdateParts {
  wiring: BulkUpdateWiring;
  settings: BulkUpdateSettingsStore;
}

/** What the UAE onboarding handlers work with beyond the common services. */
export interface UaeCdpParts {
  cdp: CdpWiring;
  settings: CdpSettingsStore;
}
