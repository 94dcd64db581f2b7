import type { SandboxService } from '../shell/service';
import { AgentLedger } from './ledger';
import { RateWindow, type RateLimit } from './rate-window';
import { agentRoutes } from './routes';
import { AgentSessions } from './sessions';

/**
 * Training mode's stand-in for the vendor's agent API (seed 002 §2–4): sendLink, get_details with
 * sessions that move through the statuses over time (timeline.ts), media for each session,
 * push_user_data judged field by field (connectors/agent-api/dkyc-fields.ts), a send rate it
 * enforces with 429s, and a ledger of every link and push (ledger.ts). Tokens come from the
 * sandbox's one token endpoint (seed 002 §1, served with CKYC's routes), checked through the
 * context. Its state (sessions.json, ledger.jsonl) lives in `<sandbox state>/agent-api/`.
 */
export interface AgentSandboxSettings {
  /** The rate it enforces over all its routes; default 600 requests a minute. */
  rateLimit?: RateLimit;
  /** Time per session step; default a third of the sandbox's processing time (at least 50 ms). */
  stepMs?: number;
  /** The link types sendLink takes (case-sensitive). */
  linkTypes?: readonly string[];
  /** How long a link stays valid; default a day. */
  validitySeconds?: number;
}

export const AGENT_SANDBOX_LINK_TYPES: readonly string[] = ['free', 'scheduled', 'assisted'];
export const AGENT_SANDBOX_DEFAULT_RATE: RateLimit = { requests: 600, perMs: 60_000 };

export function agentApiSandbox(settings: AgentSandboxSettings = {}): SandboxService {
  return {
    name: 'agent-api',
    start: ({ stateDir, now, faults, tokenProblem, processingMs }) => {
      const stepMs = settings.stepMs ?? Math.max(50, Math.round(processingMs / 3));
      const sessions = new AgentSessions(stateDir, { stepMs, seed: faults.seed, now, ledger: new AgentLedger(stateDir) });
      const routes = agentRoutes({
        sessions,
        rate: new RateWindow(settings.rateLimit ?? AGENT_SANDBOX_DEFAULT_RATE, now),
        tokenProblem,
        linkTypes: settings.linkTypes ?? AGENT_SANDBOX_LINK_TYPES,
        validitySeconds: settings.validitySeconds ?? 86_400,
        stepMs,
      });
      return { routes };
    },
  };
}
