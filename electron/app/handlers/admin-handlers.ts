import { AppFailure } from '../../../shared/errors';
import { toLocalIso } from '../../../shared/dates/local-day';
import type { OperatorProfile } from '../../../shared/operators/roles';
import type { AuditDetails } from '../../audit/audit-log';
import type { LiveCredential } from '../../live-setup/live-mode-gate';
import type { Handlers } from '../../ipc/router';
import { readIdleMinutes, writeIdleMinutes } from '../../session/idle-setting';
import { actingOperator, auditActor, type HandlerContext } from './context';

type AdminHandlers = Pick<
  Handlers,
  | 'operators.list'
  | 'operators.create'
  | 'operators.update'
  | 'operators.resetPassword'
  | 'operators.unlock'
  | 'audit.list'
  | 'audit.verify'
  | 'audit.exportCsv'
  | 'settings.get'
  | 'settings.update'
  | 'app.setMode'
  | 'secrets.status'
  | 'secrets.set'
  | 'secrets.clear'
>;

/** What a branch admin's handlers work with. */
export type AdminHandlerServices = Pick<
  HandlerContext,
  'mode' | 'nextMode' | 'chooseMode' | 'liveGate' | 'store' | 'operators' | 'audit' | 'session' | 'retention' | 'secrets'
>;

const MODE_NAMES = { training: 'Training mode', live: 'Live mode' } as const;

/** The gate's approval as audit details (never the code itself); a refusal is audited and passed on. */
async function approveLiveMode(context: Pick<AdminHandlerServices, 'liveGate' | 'audit'>, actor: OperatorProfile, credential: LiveCredential): Promise<AuditDetails> {
  try {
    const approval = await context.liveGate.approveSwitchToLive(credential);
    return { approvedBy: approval.via, liveAdmin: approval.liveAdmin ?? null, setupCodeIssuedAt: approval.setupCodeIssuedAt ?? null };
  } catch (error) {
    const via = credential.setupCode?.trim() ? 'setup code' : credential.liveAdmin ? 'live admin' : 'none';
    context.audit.record({ actor: auditActor(actor), action: 'live-setup-refused', subject: 'app.mode', details: { via, reason: (error as Error).message } });
    throw error;
  }
}

/** A branch admin's work: operators, the audit trail, settings and connection secrets. */
// eslint-disable-next-line max-lines-per-function -- one short entry per IPC channel of the group; its length is the number of channels, not one piece of logic
export function adminHandlers(context: AdminHandlerServices): AdminHandlers {
  const { operators, audit, store, retention, secrets, session } = context;

  return {
    'operators.list': () => ({ items: operators.list(actingOperator(context)) }),

    'operators.create': async (input) => {
      const actor = actingOperator(context);
      const created = await operators.create(actor, input);
      audit.record({ actor: auditActor(actor), action: 'operator-create', subject: created.id, details: { role: created.role, employeeCode: created.employeeCode } });
      return created;
    },

    'operators.update': ({ id, ...changes }) => {
      const actor = actingOperator(context);
      const updated = operators.update(actor, id, changes);
      audit.record({ actor: auditActor(actor), action: 'operator-change', subject: id, details: { employeeCode: updated.employeeCode, changed: Object.keys(changes).sort().join(', ') } });
      // An operator who was switched off or demoted loses what they had at once.
      if (session.snapshot().operator?.id === id) session.refresh(updated);
      return updated;
    },

    'operators.resetPassword': async ({ id, password }) => {
      const actor = actingOperator(context);
      await operators.resetPassword(actor, id, password);
      audit.record({ actor: auditActor(actor), action: 'operator-change', subject: id, details: { employeeCode: operators.get(id)?.employeeCode ?? null, changed: 'password reset' } });
      return {};
    },

    'operators.unlock': ({ id }) => {
      const actor = actingOperator(context);
      // Audited by the service, as the end of the lock-out, in the same transaction.
      return operators.unlock(actor, id);
    },

    'audit.list': (filter) => audit.list(filter),

    'audit.verify': () => {
      const result = audit.verify();
      return result.ok
        ? { ok: true, entries: result.entries, firstBrokenSeq: null, reason: null }
        : { ok: false, entries: result.entries, firstBrokenSeq: result.firstBrokenSeq, reason: result.reason };
    },

    'audit.exportCsv': (filter) => {
      const actor = actingOperator(context);
      const csv = audit.exportCsv(filter);
      audit.record({ actor: auditActor(actor), action: 'audit-export', details: { action: filter.action ?? null, from: filter.from ?? null, to: filter.to ?? null } });
      // The branch's local date, not UTC's: an export at 01:00 in India carries today's date.
      return { fileName: `kyc-desk-audit-${toLocalIso(new Date()).slice(0, 10)}.csv`, csv };
    },

    'app.setMode': async ({ mode, setupCode, liveAdmin }) => {
      const actor = actingOperator(context);
      const from = context.nextMode();
      if (from !== mode) {
        // Training's admin is one click away for anyone at the counter: Live mode needs a real credential.
        const approval = context.mode === 'training' && mode === 'live' ? await approveLiveMode(context, actor, { setupCode, liveAdmin }) : {};
        context.chooseMode(mode);
        audit.record({ actor: auditActor(actor), action: 'settings-change', subject: 'app.mode', details: { from, to: mode, ...approval } });
      }
      const message =
        mode === context.mode
          ? `KYC Desk stays in ${MODE_NAMES[mode]}.`
          : `KYC Desk opens in ${MODE_NAMES[mode]} the next time it starts. Close it and open it again to switch. Each mode keeps its own records; nothing moves between them.`;
      return { mode: context.mode, nextMode: mode, message };
    },

    'settings.get': () => ({ retentionDays: retention.days(), idleMinutes: readIdleMinutes(store) }),

    'settings.update': ({ retentionDays, idleMinutes }) => {
      const actor = actingOperator(context);
      if (retentionDays !== undefined) {
        try {
          retention.setDays(actor, retentionDays);
        } catch (error) {
          // The service names its field `days`; the screen's field is `retentionDays`.
          if (error instanceof AppFailure && error.fields?.days) throw new AppFailure(error.code, error.message, { retentionDays: error.fields.days });
          throw error;
        }
      }
      if (idleMinutes !== undefined) session.setIdleMs(writeIdleMinutes(store, audit, actor, idleMinutes) * 60_000);
      return { retentionDays: retention.days(), idleMinutes: readIdleMinutes(store) };
    },

    'secrets.status': () => secrets.status(),

    'secrets.set': async ({ slot, value }) => {
      const actor = actingOperator(context);
      await secrets.set(slot, value);
      audit.record({ actor: auditActor(actor), action: 'secret-set', subject: slot });
      return {};
    },

    'secrets.clear': async ({ slot }) => {
      const actor = actingOperator(context);
      await secrets.clear(slot);
      audit.record({ actor: auditActor(actor), action: 'secret-clear', subject: slot });
      return {};
    },
  };
}
