import type { AgentApi } from '../connectors/agent-api/agent-api';

/** The agent API in force (Training: the sandbox; Live: the saved connection), or why there is none. */
export type AgentApiInForce = { ok: true; api: AgentApi } | { ok: false; problem: string };

/** What the video-KYC desk and services need of the agent API's wiring (electron/app/ builds it). */
export interface AgentApiWiring {
  /** Read at each use: settings saved on the Connections screen take effect for the next request. */
  inForce(): Promise<AgentApiInForce>;
  /** One token request with the settings in force, in plain words. */
  test(): Promise<{ ok: boolean; message: string }>;
  /** The least time between two asks about one session: the admin's poll interval. */
  pollIntervalMs(): number;
}
