import type { Handlers } from '../../ipc/router';
import { DocumentIntake } from '../../documents/document-intake';
import { recordScopeOf } from '../../records/record-scope';
import { VIDEO_KYC_SERVICE_ID } from '../../services/video-kyc';
import { VideoKycDesk } from '../../video-kyc/video-kyc-desk';
import { actingOperator, auditActor, type HandlerContext } from './context';

type VideoKycChannel =
  | 'videoKyc.send'
  | 'videoKyc.sendAgain'
  | 'videoKyc.close'
  | 'videoKyc.list'
  | 'videoKyc.get'
  | 'videoKyc.forRecord'
  | 'videoKyc.media'
  | 'videoKyc.keepMedia'
  | 'videoKyc.linkTypes'
  | 'videoKyc.settings.get'
  | 'videoKyc.settings.save'
  | 'videoKyc.settings.test';

/** What the Video KYC handlers work with. */
export type VideoKycHandlerServices = Pick<HandlerContext, 'mode' | 'store' | 'records' | 'recordService' | 'sync' | 'audit' | 'operators' | 'session' | 'events' | 'documents' | 'documentLimits' | 'secrets' | 'videoKyc'>;

/**
 * Video KYC (docs/decisions/0042). A link request is a record (kind video-kyc-link) saved ready on
 * the asking operator's say-so and sent at once through the sync engine's video-KYC service; its
 * session is followed there. The agent API's connection is an admin's.
 */
export function videoKycHandlers(context: VideoKycHandlerServices): Pick<Handlers, VideoKycChannel> {
  const { store, records, recordService, sync, audit, operators, events, videoKyc } = context;
  const desk = new VideoKycDesk({
    store,
    records,
    recordService,
    sessions: videoKyc.sessions,
    agentApi: videoKyc.agentApi,
    linkTypes: () => videoKyc.settings.inForce().linkTypes,
    sendReady: (operator) => {
      const started = sync.startSync(operators.verifierFor(operator), VIDEO_KYC_SERVICE_ID);
      if (started.batchId) audit.record({ actor: auditActor(operator), action: 'sync-start', subject: started.batchId, details: { records: started.recordCount, service: VIDEO_KYC_SERVICE_ID } });
    },
    closeBatch: (batchId, reason) => sync.closeBatch(batchId, reason),
    intake: new DocumentIntake(store, context.documents, context.documentLimits),
  });
  const scope = () => recordScopeOf(actingOperator(context));
  const view = async () => ({
    settings: videoKyc.settings.inForce(),
    configured: videoKyc.settings.saved() !== null,
    passwordSet: (await context.secrets.status())['agent-api-password'] === true,
    mode: context.mode,
  });
  return {
    'videoKyc.send': async (request) => {
      const operator = actingOperator(context);
      const sent = await desk.send(request, operator, scope(), (reference) => audit.append({ actor: auditActor(operator), action: 'record-create', subject: reference, details: { kind: 'video-kyc-link', approval: 'on-request' } }));
      events.emit('record-saved', { id: sent.id, state: sent.state });
      return sent;
    },
    'videoKyc.sendAgain': async ({ id }) => {
      const operator = actingOperator(context);
      const onClosed = (reference: string) => audit.record({ actor: auditActor(operator), action: 'video-kyc-link-closed', subject: reference, details: { reason: 'Replaced by a new link.' } });
      const sent = await desk.sendAgain(id, operator, scope(), (reference) => audit.append({ actor: auditActor(operator), action: 'record-create', subject: reference, details: { kind: 'video-kyc-link', approval: 'on-request', replaces: id } }), onClosed);
      events.emit('record-saved', { id: sent.id, state: sent.state });
      return sent;
    },
    'videoKyc.close': ({ id, reason }) => {
      const operator = actingOperator(context);
      return desk.close(id, reason, scope(), (reference) => audit.record({ actor: auditActor(operator), action: 'video-kyc-link-closed', subject: reference, details: { reason } }));
    },
    'videoKyc.list': ({ page, pageSize, status, from, to }) => desk.list.list(scope(), { ...(status ? { status } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }, { page, pageSize }),
    'videoKyc.get': ({ id }) => desk.detail(id, scope()),
    'videoKyc.forRecord': ({ recordId }) => desk.forRecord(recordId, scope()),
    'videoKyc.media': ({ id, index }) => desk.media(id, index, scope()),
    'videoKyc.keepMedia': ({ id, index, boxes }) => desk.keepMedium(id, index, scope(), actingOperator(context), boxes),
    'videoKyc.linkTypes': async () => {
      const inForce = await videoKyc.agentApi.inForce();
      return { linkTypes: [...videoKyc.settings.inForce().linkTypes], problem: inForce.ok ? null : inForce.problem };
    },
    'videoKyc.settings.get': () => view(),
    'videoKyc.settings.save': async ({ settings }) => {
      videoKyc.settings.save(auditActor(actingOperator(context)), settings);
      return view();
    },
    'videoKyc.settings.test': () => videoKyc.agentApi.test(),
  };
}
