import type { SessionStateView } from '../../../shared/contract';
import { AppFailure } from '../../../shared/errors';
import type { Handlers } from '../../ipc/router';
import { auditActor, type HandlerContext } from './context';

type SessionHandlers = Pick<
  Handlers,
  'session.state' | 'session.signIn' | 'session.switchTraining' | 'session.lock' | 'session.unlock' | 'session.signOut' | 'session.activity' | 'session.createFirstAdmin'
>;

/** What sign-in and the session's handlers work with. */
export type SessionHandlerServices = Pick<HandlerContext, 'mode' | 'session' | 'operators' | 'audit' | 'liveGate'>;

/** Sign-in, lock, unlock, Training mode's one-click switch, and the first admin of a live install. */
// eslint-disable-next-line max-lines-per-function -- one short entry per IPC channel of the group; its length is the number of channels, not one piece of logic
export function sessionHandlers(context: SessionHandlerServices): SessionHandlers {
  const { session, operators, audit, mode } = context;
  const trainingOperators = mode === 'training' ? operators.ensureTrainingOperators() : [];

  const view = (): SessionStateView => {
    const snapshot = session.snapshot();
    return {
      state: snapshot.state,
      operator: snapshot.operator,
      lockReason: snapshot.lockReason,
      needsFirstAdmin: mode === 'live' && operators.needsFirstAdmin(),
      trainingOperators,
    };
  };

  return {
    'session.state': () => view(),

    'session.signIn': async ({ employeeCode, password }) => {
      let profile;
      try {
        profile = await operators.authenticate(employeeCode, password);
      } catch (error) {
        audit.record({ actor: null, action: 'sign-in-failed', subject: employeeCode.trim().toUpperCase().slice(0, 50) });
        throw error;
      }
      session.signIn(profile);
      audit.record({ actor: auditActor(profile), action: 'sign-in' });
      return view();
    },

    'session.switchTraining': ({ operatorId }) => {
      if (mode !== 'training') throw new AppFailure('FORBIDDEN', 'Switching operators without a password is only for Training mode.');
      const profile = trainingOperators.find((operator) => operator.id === operatorId);
      if (!profile) throw new AppFailure('NOT_FOUND', 'That training operator does not exist.');
      session.switchTo(profile);
      audit.record({ actor: auditActor(profile), action: 'sign-in', details: { via: 'training switch' } });
      return view();
    },

    'session.lock': () => {
      const operator = session.current();
      session.lock('manual');
      if (operator) audit.record({ actor: auditActor(operator), action: 'lock', details: { reason: 'manual' } });
      return view();
    },

    'session.unlock': async ({ password }) => {
      const locked = session.snapshot();
      if (locked.state !== 'locked' || !locked.operator) throw new AppFailure('CONFLICT', 'KYC Desk is not locked.');
      const profile = await operators.authenticate(locked.operator.employeeCode, password);
      session.unlock(profile);
      audit.record({ actor: auditActor(profile), action: 'sign-in', details: { via: 'unlock' } });
      return view();
    },

    'session.signOut': () => {
      const operator = session.snapshot().operator;
      session.signOut();
      if (operator) audit.record({ actor: auditActor(operator), action: 'sign-out' });
      return view();
    },

    'session.activity': () => {
      session.touch();
      return {};
    },

    'session.createFirstAdmin': async ({ password, setupCode, ...profile }) => {
      if (mode !== 'live') throw new AppFailure('FORBIDDEN', 'Training mode has its own ready-made operators.');
      if (!operators.needsFirstAdmin()) throw new AppFailure('CONFLICT', 'KYC Desk already has a branch admin. Ask them to add you as an operator.');
      // Whoever opens a new Live folder first must not become its admin: only the holder of IT's one-time code.
      let issued: { setupCodeIssuedAt?: string };
      try {
        issued = await context.liveGate.checkFirstAdminCode(setupCode);
      } catch (error) {
        audit.record({ actor: null, action: 'live-setup-refused', subject: 'first admin', details: { reason: (error as Error).message } });
        throw error;
      }
      const admin = await operators.createFirstAdmin({ ...profile, password });
      context.liveGate.consume();
      audit.record({
        actor: auditActor(admin),
        action: 'operator-create',
        subject: admin.id,
        details: { role: admin.role, firstAdmin: true, setupCodeIssuedAt: issued.setupCodeIssuedAt ?? null },
      });
      session.signIn(admin);
      audit.record({ actor: auditActor(admin), action: 'sign-in' });
      return view();
    },
  };
}
