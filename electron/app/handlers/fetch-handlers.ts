import type { Handlers } from '../../ipc/router';
import { FetchDesk } from '../../fetch/fetch-desk';
import { recordScopeOf } from '../../records/record-scope';
import { CKYC_DOWNLOAD_SERVICE_ID } from '../../services/ckyc-download';
import { actingOperator, auditActor, type HandlerContext } from './context';

type FetchHandlers = Pick<Handlers, 'fetch.request' | 'fetch.list' | 'fetch.results' | 'fetch.send'>;

/** What the Fetch from CKYC handlers work with. */
export type FetchHandlerServices = Pick<HandlerContext, 'store' | 'records' | 'recordService' | 'sync' | 'audit' | 'operators' | 'session' | 'events'>;

/**
 * Fetch from CKYC (bulk download). A request is a record (kind ckyc-download-request): a maker saves
 * it, a checker approves it with records.approve, a checker or admin sends the approved ones here.
 */
export function fetchHandlers(context: FetchHandlerServices): FetchHandlers {
  const { store, records, recordService, sync, audit, operators, events } = context;
  const desk = new FetchDesk({ store, records, recordService, operatorName: (id) => operators.get(id)?.name ?? null });
  return {
    'fetch.request': (request) => {
      const operator = actingOperator(context);
      const saved = desk.request(request, operator, recordScopeOf(operator), (reference) => audit.append({ actor: auditActor(operator), action: 'record-create', subject: reference }));
      events.emit('record-saved', { id: saved.id, state: saved.state });
      return saved;
    },
    'fetch.list': (page) => desk.list(page, recordScopeOf(actingOperator(context))),
    'fetch.results': ({ id }) => desk.results(id, recordScopeOf(actingOperator(context))),
    'fetch.send': () => {
      const operator = actingOperator(context);
      const started = sync.startSync(operators.verifierFor(operator), CKYC_DOWNLOAD_SERVICE_ID);
      if (started.batchId) audit.record({ actor: auditActor(operator), action: 'sync-start', subject: started.batchId, details: { records: started.recordCount, service: CKYC_DOWNLOAD_SERVICE_ID } });
      return started;
    },
  };
}
