import type { Handlers } from '../../ipc/router';
import type { HandlerContext } from './context';
import { recordHandlers } from './record-handlers';
import { sessionHandlers } from './session-handlers';
import { adminHandlers } from './admin-handlers';
import { connectionHandlers } from './connection-handlers';
import { registryHandlers } from './registry-handlers';
import { batchAttentionHandlers } from './batch-attention-handlers';
import { fetchHandlers } from './fetch-handlers';
import { trainingSandboxHandlers } from './training-sandbox-handlers';
import { videoKycHandlers } from './video-kyc-handlers';
import { uaeOnboardingHandlers } from './uae-onboarding-handlers';
import { masterDataHandlers } from './master-data-handlers';
import { digitalKycHandlers } from './digital-kyc-handlers';
import { digitalKycFormHandlers } from './digital-kyc-form-handlers';
import { bulkUpdateHandlers } from './bulk-update-handlers';

/**
 * Every IPC channel's handler, each group handed only the services it declares: a group cannot reach
 * what it was not given, and a new need shows up here and in the group's type.
 */
export function handlersFrom(context: HandlerContext): Handlers {
  const { mode, nextMode, chooseMode, liveGate, version, pollSeconds, notices, documentLimits, pinMaster } = context;
  const { store, records, recordService, batches, sync, documents, drafts, audit, operators, session, retention, secrets, connections, events } = context;
  return {
    ...recordHandlers({ mode, nextMode, version, pollSeconds, notices, documentLimits, pinMaster, store, records, recordService, batches, sync, documents, drafts, audit, operators, session, events }),
    ...sessionHandlers({ mode, session, operators, audit, liveGate }),
    ...adminHandlers({ mode, nextMode, chooseMode, liveGate, store, operators, audit, session, retention, secrets }),
    ...connectionHandlers({ connections, session }),
    ...registryHandlers({ registryDashboard: context.registryDashboard }),
    ...batchAttentionHandlers({ batches, sync, audit, session }),
    ...fetchHandlers({ store, records, recordService, sync, audit, operators, session, events }),
    ...trainingSandboxHandlers({ trainingSandbox: context.trainingSandbox, session, logger: context.logger }),
    ...videoKycHandlers({ mode, store, records, recordService, sync, audit, operators, session, events, documents, documentLimits, secrets, videoKyc: context.videoKyc }),
    ...masterDataHandlers({ store, audit, session }),
    ...uaeOnboardingHandlers({ mode, store, records, secrets, session, sync, audit, operators, uaeCdp: context.uaeCdp }),
    ...digitalKycHandlers({ store, records, recordService, sync, audit, operators, session, events, videoKyc: context.videoKyc, digitalKyc: context.digitalKyc }),
    ...digitalKycFormHandlers({ records, documents, audit, session }),
    ...bulkUpdateHandlers({ mode, store, records, recordService, batches, secrets, session, sync, audit, operators, events, bulkUpdate: context.bulkUpdate }),
  };
}
