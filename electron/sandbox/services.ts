import { agentApiSandbox } from './agent-api/service';
import { bulkUpdateSandbox } from './bulk-update/service';
import { cdpSandbox } from './cdp/service';
import type { SandboxService } from './shell/service';

/**
 * The services the Training sandbox serves beside CKYC (whose bulk API, records API and SFTP drop
 * live in ckyc/ and are started by ckyc/sandbox.ts). A new service — video KYC, UAE CDP, bulk
 * update — is a folder `electron/sandbox/<name>/` exporting a SandboxService, and one line here:
 *
 *   import { videoKycSandbox } from './video-kyc/service';
 *   export const SANDBOX_SERVICES = [videoKycSandbox];
 *
 * Its routes then sit behind the same fault injection, on the same loopback URL, and its state in
 * `<sandbox state>/<name>/`.
 */
export const SANDBOX_SERVICES: readonly SandboxService[] = [agentApiSandbox(), cdpSandbox(), bulkUpdateSandbox()];
