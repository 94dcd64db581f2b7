import type { Handlers } from '../../ipc/router';
import { PushDesk } from '../../digital-kyc/push-desk';
import { recordScopeOf } from '../../records/record-scope';
import { DIGITAL_KYC_SERVICE_ID } from '../../services/digital-kyc';
import { actingOperator, auditActor, type HandlerContext } from './context';

type DigitalKycChannel = 'digitalKyc.forRecord' | 'digitalKyc.push' | 'digitalKyc.typeAadhaar' | 'digitalKyc.close';

/** What the digital-KYC handlers work with. */
export type DigitalKycHandlerServices = Pick<HandlerContext, 'store' | 'records' | 'recordService' | 'sync' | 'audit' | 'operators' | 'session' | 'events' | 'videoKyc' | 'digitalKyc'>;

/**
 * The digital-KYC push (docs/decisions/0044). A push is a record (kind dkyc-push) saved ready on the
 * pushing operator's say-so and sent at once through the sync engine's digital-KYC service; the
 * typed Aadhaar number stays in main's holder and is never in a request's audit details.
 */
export function digitalKycHandlers(context: DigitalKycHandlerServices): Pick<Handlers, DigitalKycChannel> {
  const { store, records, recordService, sync, audit, operators, events, videoKyc, digitalKyc } = context;
  const desk = new PushDesk({
    store,
    records,
    recordService,
    holder: digitalKyc.holder,
    agentApi: videoKyc.agentApi,
    pushSettings: digitalKyc.pushSettings,
    sendReady: (operator) => {
      const started = sync.startSync(operators.verifierFor(operator), DIGITAL_KYC_SERVICE_ID);
      if (started.batchId) audit.record({ actor: auditActor(operator), action: 'sync-start', subject: started.batchId, details: { records: started.recordCount, service: DIGITAL_KYC_SERVICE_ID } });
    },
    closeBatch: (batchId, reason) => sync.closeBatch(batchId, reason),
  });
  const scope = () => recordScopeOf(actingOperator(context));
  return {
    'digitalKyc.forRecord': ({ recordId }) => desk.forRecord(recordId, scope(), actingOperator(context)),
    'digitalKyc.push': async (request) => {
      const operator = actingOperator(context);
      const closed = (reference: string) => audit.record({ actor: auditActor(operator), action: 'dkyc-push-closed', subject: reference, details: { reason: 'Pushed again on purpose.' } });
      const pushed = await desk.push(request, operator, scope(), (reference) => audit.append({ actor: auditActor(operator), action: 'record-create', subject: reference, details: { kind: 'dkyc-push', approval: 'on-request', customer: request.recordId } }), closed);
      events.emit('record-saved', { id: pushed.id, state: pushed.state });
      return pushed;
    },
    'digitalKyc.typeAadhaar': ({ id, aadhaar }) => {
      const operator = actingOperator(context);
      const view = desk.typeAadhaar(id, aadhaar, operator, scope());
      audit.record({ actor: auditActor(operator), action: 'dkyc-push-aadhaar-typed', subject: view.reference, details: {} });
      return view;
    },
    'digitalKyc.close': ({ id, reason }) => {
      const operator = actingOperator(context);
      return desk.close(id, reason, scope(), (reference) => audit.record({ actor: auditActor(operator), action: 'dkyc-push-closed', subject: reference, details: { reason } }));
    },
  };
}
