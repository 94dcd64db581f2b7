import type { Logger } from '../../logging/logger';
import type { FaultInjector } from './faults';
import type { SandboxRoute } from './router';

/**
 * A sandbox service plugged into the Training sandbox's shell: it gets its own state folder, the
 * shared fault injector and clock, and gives back its routes (served behind the same faults) and,
 * if it holds timers or sockets, a close. Registered in one line in electron/sandbox/services.ts.
 */
export interface SandboxServiceContext {
  /** `<sandbox state>/<service name>`: the service's own folder (created before start). */
  stateDir: string;
  logger: Logger;
  now: () => number;
  /** The sandbox's fault injector: its seed makes a service's own random choices reproducible too. */
  faults: FaultInjector;
  /**
   * The sandbox's one token endpoint (seed 002 §1, served with CKYC's routes): why a JWT it issued
   * is not accepted now, or null when it is. A service behind that vendor's tokens checks them here.
   */
  tokenProblem: (token: string) => 'invalid' | 'expired' | null;
  /** KYC_DESK_SANDBOX_PROCESSING_SECONDS in ms: how long the sandbox's vendors take to get on with things. */
  processingMs: number;
}

export interface RunningSandboxService {
  routes: readonly SandboxRoute[];
  close?: () => Promise<void> | void;
}

export interface SandboxService {
  /** A plain folder name: lowercase letters, digits and dashes. */
  name: string;
  start: (context: SandboxServiceContext) => Promise<RunningSandboxService> | RunningSandboxService;
}
