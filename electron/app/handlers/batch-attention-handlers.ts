import { AppFailure } from '../../../shared/errors';
import { freeTextProblem } from '../../../shared/validation/free-text';
import type { Handlers } from '../../ipc/router';
import { actingOperator, auditActor, type HandlerContext } from './context';

type BatchAttentionHandlers = Pick<Handlers, 'batches.followAgain' | 'batches.close'>;

/** What a person's decision on a batch that needs attention works with. */
export type BatchAttentionServices = Pick<HandlerContext, 'batches' | 'sync' | 'audit' | 'session'>;

/**
 * A batch the registry answered in a way KYC Desk does not act on by itself (needs_attention): a
 * checker or admin follows it again, or closes it as failed with a reason. Both are audited.
 */
export function batchAttentionHandlers(context: BatchAttentionServices): BatchAttentionHandlers {
  const { batches, sync, audit } = context;
  const batchName = (id: string): string => {
    const batch = batches.find(id);
    if (!batch) throw new AppFailure('NOT_FOUND', 'That batch no longer exists.');
    return batch.batchFileName;
  };
  return {
    'batches.followAgain': ({ id }) => {
      const operator = actingOperator(context);
      const name = batchName(id);
      sync.followAgain(id);
      audit.record({ actor: auditActor(operator), action: 'batch-follow-again', subject: name });
      return {};
    },
    'batches.close': ({ id, reason }) => {
      const operator = actingOperator(context);
      const why = reason.replace(/\s+/g, ' ').trim();
      if (why.length < 3) throw new AppFailure('VALIDATION_FAILED', 'Say why the batch is closed: it is kept with each of its records.', { reason: 'Say why.' });
      const problem = freeTextProblem(why);
      if (problem !== undefined) throw new AppFailure('VALIDATION_FAILED', `Check the reason. ${problem}`, { reason: problem });
      const name = batchName(id);
      sync.closeBatch(id, why);
      audit.record({ actor: auditActor(operator), action: 'batch-close', subject: name, details: { reason: why } });
      return {};
    },
  };
}
