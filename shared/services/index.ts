import { AGENT_API_SERVICE } from './agent-api';
import { BULK_UPDATE_SERVICE } from './bulk-update';
import { CKYC_SERVICE } from './ckyc';
import type { ServiceDeclaration } from './declaration';
import { UAE_ONBOARDING_SERVICE } from './uae-onboarding';

export type { ServiceDeclaration, SecretDeclaration } from './declaration';

/**
 * Every service KYC Desk knows, one line each, in the order screens list them. A new service adds
 * its declaration file here and one line below (its app side registers in
 * electron/app/submission-services.ts, its Training stand-in in electron/sandbox/services.ts).
 */
export const SERVICE_DECLARATIONS = [CKYC_SERVICE, AGENT_API_SERVICE, UAE_ONBOARDING_SERVICE, BULK_UPDATE_SERVICE] as const satisfies readonly ServiceDeclaration[];
