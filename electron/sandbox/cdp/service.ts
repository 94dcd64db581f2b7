import type { SandboxService } from '../shell/service';
import { hash32, mulberry32 } from '../shell/faults';
import { CdpLedger } from './ledger';
import { seededCustomers, type SeededCustomer } from './people';
import { cdpRoutes } from './routes';
import { BAD_GATEWAY_PAGE, CdpSwitches, type CdpEndpoint, type CdpForcedAnswer, type LostAnswer } from './switches';
import { CdpTokenEndpoint, type CdpTrainingCredentials } from './token-endpoint';

/**
 * Training mode's stand-in for the UAE Customer Data Platform (seed 003; decision 0049): the token
 * endpoint (password and refresh grants, form-urlencoded only), the look-up and onboarding with
 * every documented answer, master-data checks, seeded Emirates IDs for each look-up outcome and a
 * ledger of every onboarding call. Its state (ledger.jsonl, ledger.key) lives in
 * `<sandbox state>/cdp/`; its routes sit behind the sandbox's faults like every service's.
 */
export interface CdpSandboxSettings {
  credentials?: CdpTrainingCredentials;
  /** Access token lifetime in seconds; default the seed's 7199. */
  accessSeconds?: number;
  /** Refresh token lifetime in seconds; default the seed's 7199. */
  refreshSeconds?: number;
  /** Share of onboardings answered 502 / 40001 (half of them after taking effect); default 0. */
  backendProblemRate?: number;
  /** Share of onboardings answered with a gateway's HTML error page (502), not taken; default 0. */
  errorPageRate?: number;
  /** Share of onboardings taken, then answered with a gateway's page (504) or a 200 cut short; default 0. */
  lostAnswerRate?: number;
}

/** The Training CDP's sign-in; `npm run sandbox` prints it (never a real partner's). */
export const TRAINING_CDP_CREDENTIALS: Readonly<CdpTrainingCredentials> = Object.freeze({
  client_id: 'kyc-desk-training',
  client_secret: 'TrainingCdpSecret2026',
  scope: 'api://kyc-desk-training/customer',
  username: 'kycdesktraining',
  password: 'TrainingOnly2026',
});

/** The seed's token lifetime. */
export const CDP_SANDBOX_TOKEN_SECONDS = 7199;

export type CdpSandbox = SandboxService & {
  /** Every token issued so far stops working (a test's 401). Only after start. */
  revokeTokens(): void;
  /** How many tokens each grant gave so far. */
  issued(): { password: number; refresh_token: number };
  /** The next request to `endpoint` gets `answer` instead of its own (switches.ts). */
  answerNext(endpoint: CdpEndpoint, answer: CdpForcedAnswer): void;
  /** Onboardings this CDP took whose answer it lost on purpose (lostAnswerRate, a forced or a backend 502 after the effect). */
  lostAnswers(): LostAnswer[];
};

/** The seeded customers for a sandbox seed, by outcome (what `npm run sandbox` offers as samples). */
export function cdpSamples(seed: string): Record<SeededCustomer['outcome'], string> {
  return Object.fromEntries(seededCustomers(seed).map((person) => [person.outcome, person.emiratesId])) as Record<SeededCustomer['outcome'], string>;
}

export function cdpSandbox(settings: CdpSandboxSettings = {}): CdpSandbox {
  let endpoint: CdpTokenEndpoint | null = null;
  const switches = new CdpSwitches();
  return {
    name: 'cdp',
    start: ({ stateDir, now, faults }) => {
      endpoint = new CdpTokenEndpoint({
        credentials: settings.credentials ?? TRAINING_CDP_CREDENTIALS,
        accessSeconds: settings.accessSeconds ?? CDP_SANDBOX_TOKEN_SECONDS,
        refreshSeconds: settings.refreshSeconds ?? CDP_SANDBOX_TOKEN_SECONDS,
        now,
      });
      const routes = cdpRoutes({
        access: endpoint.access,
        ledger: new CdpLedger(stateDir),
        seeded: seededCustomers(faults.seed),
        now,
        draw: mulberry32(hash32(faults.seed, 'cdp-onboarding')),
        backendProblemRate: settings.backendProblemRate ?? 0,
        errorPageRate: settings.errorPageRate ?? 0,
        lostAnswerRate: settings.lostAnswerRate ?? 0,
        switches,
      });
      const token = endpoint.route();
      // A gateway's page in front of the token endpoint, when a test asks for one; else the endpoint's answer.
      const gated = { ...token, handle: (call: Parameters<typeof token.handle>[0]) => (switches.take('token') === 'error-page' ? BAD_GATEWAY_PAGE : token.handle(call)) };
      return { routes: [gated, ...routes] };
    },
    revokeTokens: () => endpoint?.revokeAll(),
    issued: () => ({ ...(endpoint?.issued ?? { password: 0, refresh_token: 0 }) }),
    answerNext: (at, answer) => switches.answerNext(at, answer),
    lostAnswers: () => switches.lostAnswers(),
  };
}
