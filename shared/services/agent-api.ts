import type { ServiceDeclaration } from './declaration';

/**
 * The agent API for video-KYC links and digital-KYC push (docs/apis/agent-api.md).
 * Only its secrets exist so far; the rest comes with the service (issue 13).
 */
export const AGENT_API_SERVICE = {
  id: 'agent-api',
  label: 'Video KYC and digital KYC (agent API)',
  secrets: [{ slot: 'agent-api-password', label: 'Agent API password' }],
} as const satisfies ServiceDeclaration;
