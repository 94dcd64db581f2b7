import { AppFailure } from '../../../shared/errors';
import { BulkUpdateDesk } from '../../bulk-update/bulk-update-desk';
import type { Handlers } from '../../ipc/router';
import { recordScopeOf } from '../../records/record-scope';
import { BULK_UPDATE_SERVICE_ID } from '../../services/bulk-update';
import { actingOperator, auditActor, type HandlerContext } from './context';

type BulkUpdateChannel =
  | 'bulkUpdate.candidates'
  | 'bulkUpdate.prepareFromRecords'
  | 'bulkUpdate.prepareFromFile'
  | 'bulkUpdate.list'
  | 'bulkUpdate.detail'
  | 'bulkUpdate.file'
  | 'bulkUpdate.forRecord'
  | 'bulkUpdate.send'
  | 'bulkUpdate.settings.get'
  | 'bulkUpdate.settings.save'
  | 'bulkUpdate.settings.test';

/** What the bulk update handlers work with. */
export type BulkUpdateHandlerServices = Pick<HandlerContext, 'mode' | 'store' | 'records' | 'recordService' | 'batches' | 'secrets' | 'session' | 'sync' | 'audit' | 'operators' | 'events' | 'bulkUpdate'>;

/**
 * The bulk customer update (issue 15): a maker prepares an update (a record of kind
 * bulk-customer-update) from records or a brought file, a checker approves it with records.approve
 * and sends approved ones here; the Updates screen reads each update and its rows' ends. The
 * platform's token goes through the keychain's own channels; the settings view says only whether it is set.
 */
export function bulkUpdateHandlers(context: BulkUpdateHandlerServices): Pick<Handlers, BulkUpdateChannel> {
  const { store, records, recordService, batches, sync, audit, operators, events, bulkUpdate } = context;
  const desk = new BulkUpdateDesk({ store, records, recordService, batches, operatorName: (id) => operators.get(id)?.name ?? null });
  const scope = () => recordScopeOf(actingOperator(context));
  const created = (reference: string) => audit.append({ actor: auditActor(actingOperator(context)), action: 'record-create', subject: reference, details: { kind: 'bulk-customer-update' } });
  const view = async () => {
    const secrets = await context.secrets.status();
    return { settings: bulkUpdate.settings.inForce(), configured: bulkUpdate.settings.saved() !== null, tokenSet: secrets['bulk-update-token'] === true, mode: context.mode };
  };
  return {
    'bulkUpdate.candidates': () => desk.candidates(scope()),
    'bulkUpdate.prepareFromRecords': ({ recordIds }) => {
      const saved = desk.prepareFromRecords(recordIds, actingOperator(context), scope(), created);
      events.emit('record-saved', { id: saved.id, state: 'awaiting_approval' });
      return saved;
    },
    'bulkUpdate.prepareFromFile': ({ fileName, contentBase64 }) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64)) throw new AppFailure('VALIDATION_FAILED', 'The file could not be read. Nothing was saved.');
      const saved = desk.prepareFromFile(fileName, Buffer.from(contentBase64, 'base64'), actingOperator(context), created);
      events.emit('record-saved', { id: saved.id, state: 'awaiting_approval' });
      return saved;
    },
    'bulkUpdate.list': () => ({ items: desk.list(scope()) }),
    'bulkUpdate.detail': ({ id }) => desk.detail(id, scope()),
    'bulkUpdate.file': ({ id }) => {
      // A file of customers' details leaving the store for the PC's disk: who took which, written down.
      const operator = actingOperator(context);
      const file = desk.file(id, scope());
      audit.record({ actor: auditActor(operator), action: 'bulk-update-file-downloaded', subject: file.reference, details: { sha256: file.sha256, customers: file.customers } });
      return { fileName: file.fileName, text: file.text, sha256: file.sha256 };
    },
    'bulkUpdate.forRecord': ({ recordId }) => ({ items: desk.forRecord(recordId, scope()) }),
    'bulkUpdate.send': () => {
      const operator = actingOperator(context);
      const started = sync.startSync(operators.verifierFor(operator), BULK_UPDATE_SERVICE_ID);
      if (started.batchId) audit.record({ actor: auditActor(operator), action: 'sync-start', subject: started.batchId, details: { records: started.recordCount, service: BULK_UPDATE_SERVICE_ID } });
      return started;
    },
    'bulkUpdate.settings.get': () => view(),
    'bulkUpdate.settings.save': async ({ settings }) => {
      bulkUpdate.settings.save(auditActor(actingOperator(context)), settings);
      return view();
    },
    'bulkUpdate.settings.test': () => bulkUpdate.wiring.test(),
  };
}
