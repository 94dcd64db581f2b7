import type { Answer } from '../shell/http';

/**
 * The Training CDP's switches for bad answers on demand, and its own count of answers lost after
 * an onboarding took effect. The shell's faults strike any request at random and cannot tell an
 * onboarding from a token request; these strike the one endpoint a test names, and know which
 * customer the CDP enrolled before the answer broke, so a test can prove the client found that
 * customer again by the look-up (and never enrolled them twice).
 */
export type CdpEndpoint = 'token' | 'look-up' | 'onboarding';

/**
 * What the next request to an endpoint is answered with, instead of its own answer:
 * - `error-page`: a gateway's HTML page (502) — nothing reached the CDP, nothing was taken;
 * - `under-investigation`, `blocked`: onboarding's 406 with 45013 or 45051 (the look-up had not said so);
 * - `backend-problem`: onboarding's 502 with 40001, not taken;
 * - `taken-then-error-page`, `taken-then-cut-short`: onboarding takes effect, then the answer is a
 *   gateway's HTML page (504) or a 200 cut off halfway (the answer lost after the effect).
 */
export type CdpForcedAnswer = 'error-page' | 'under-investigation' | 'blocked' | 'backend-problem' | 'taken-then-error-page' | 'taken-then-cut-short';

export type LostAnswerHow = 'error-page' | 'cut-short' | 'backend-problem';

/** An onboarding the CDP took whose answer never reached the client whole. */
export interface LostAnswer {
  /** The ledger's key of the customer's id (ledger.ts). */
  idKey: string;
  how: LostAnswerHow;
  /** A look-up found this customer after the answer was lost (the client's way back to the ECRN). */
  foundByLookUp: boolean;
}

const GATEWAY_PAGE = (status: 502 | 504, title: string): Answer => ({
  status,
  body: Buffer.from(`<!DOCTYPE html><html><head><title>${status} ${title}</title></head><body><h1>${status} ${title}</h1><p>The upstream server did not answer.</p></body></html>`),
  headers: { 'content-type': 'text/html' },
});

/** A gateway's page for a request that never reached the CDP. */
export const BAD_GATEWAY_PAGE = GATEWAY_PAGE(502, 'Bad Gateway');
/** A gateway's page for a request the CDP was still working on when the gateway gave up. */
export const GATEWAY_TIMEOUT_PAGE = GATEWAY_PAGE(504, 'Gateway Time-out');

/** A 200 whose JSON stops halfway, as when a connection drops mid-answer. */
export function cutShort(answer: Answer): Answer {
  const text = JSON.stringify(answer.body);
  return { status: answer.status, body: Buffer.from(text.slice(0, Math.floor(text.length / 2))), headers: { 'content-type': 'application/json' } };
}

export class CdpSwitches {
  private readonly queued: Record<CdpEndpoint, CdpForcedAnswer[]> = { token: [], 'look-up': [], onboarding: [] };
  private readonly lost: LostAnswer[] = [];

  /** The next request to `endpoint` gets `answer` (several calls queue up, first in first out). */
  answerNext(endpoint: CdpEndpoint, answer: CdpForcedAnswer): void {
    if (endpoint !== 'onboarding' && answer !== 'error-page') throw new Error(`Only onboarding answers ${answer}; the ${endpoint} can be given an error page.`);
    this.queued[endpoint].push(answer);
  }

  /** The answer forced on this request to `endpoint`, if one is queued (taken off the queue). */
  take(endpoint: CdpEndpoint): CdpForcedAnswer | undefined {
    return this.queued[endpoint].shift();
  }

  noteLost(idKey: string, how: LostAnswerHow): void {
    this.lost.push({ idKey, how, foundByLookUp: false });
  }

  /** A look-up found this id: each lost answer of it is made up for. */
  noteFound(idKey: string): void {
    for (const entry of this.lost) if (entry.idKey === idKey) entry.foundByLookUp = true;
  }

  lostAnswers(): LostAnswer[] {
    return this.lost.map((entry) => ({ ...entry }));
  }
}
