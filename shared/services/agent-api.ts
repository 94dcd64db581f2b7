import type { ServiceDeclaration } from './declaration';

/**
 * The agent API for video-KYC links and digital-KYC push (docs/apis/agent-api.md).
 * Its non-secret settings are shared/connections/agent-api-settings.ts.
 */
export const AGENT_API_SERVICE = {
  id: 'agent-api',
  label: 'Video KYC and digital KYC (agent API)',
  // Seed 002's generate_token: a password is 8 to 32 letters and digits.
  secrets: [{ slot: 'agent-api-password', label: 'Agent API password', rule: { pattern: /^[A-Za-z0-9]{8,32}$/, message: 'The agent API password has 8 to 32 letters and digits, nothing else (the vendor’s rule).' } }],
} as const satisfies ServiceDeclaration;
