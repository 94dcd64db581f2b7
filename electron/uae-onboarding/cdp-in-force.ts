import type { CdpClient } from '../connectors/cdp/client';

/** The CDP client in force (Training: the sandbox; Live: the saved connection), or why there is none. */
export type CdpInForce = { ok: true; client: CdpClient } | { ok: false; problem: string };

/** What the UAE onboarding service and the Connections screen need of the CDP's wiring (electron/app/ builds it). */
export interface CdpWiring {
  /** Read at each use: settings and secrets saved on the Connections screen take effect for the next request. */
  inForce(): Promise<CdpInForce>;
  /** One password-grant token request with the settings in force, in plain words. */
  test(): Promise<{ ok: boolean; message: string }>;
}
