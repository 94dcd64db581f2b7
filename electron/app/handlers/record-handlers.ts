import { AppFailure } from '../../../shared/errors';
import { loadShippedPinMaster } from '../../pin-master/bundled';
import type { PinMaster } from '../../pin-master/pin-master';
import { DocumentIntake } from '../../documents/document-intake';
import type { Handlers } from '../../ipc/router';
import { actingOperator, auditActor, type HandlerContext } from './context';

type RecordHandlers = Pick<Handlers, 'app.info' | 'documents.put' | 'records.save' | 'drafts.get' | 'drafts.save' | 'drafts.discard' | 'pins.lookup' | 'records.list' | 'records.approve' | 'records.reject' | 'sync.start' | 'batches.list' | 'batches.get' | 'documents.get'>;

/** Capture, the queue, sync and batches: the counter's daily work. */
export function recordHandlers(context: HandlerContext): RecordHandlers {
  const { records, recordService, batches, sync, documents, audit, events, store } = context;
  // Loaded on the first lookup (about 60 ms, 3 MB), not at start-up.
  const intake = new DocumentIntake(store, documents);
  let loaded: PinMaster | undefined;
  const pinMaster = () => (loaded ??= loadShippedPinMaster());

  return {
    'app.info': () => ({ mode: context.mode, version: context.version, pollSeconds: context.pollSeconds, notices: context.notices }),

    'records.save': (request) => {
      const operator = actingOperator(context);
      // The record, its audit entry and the end of its draft are durable together.
      const saved = recordService.save(request, operator, (reference) => {
        audit.append({ actor: auditActor(operator), action: 'record-create', subject: reference });
        context.drafts.discard(operator.id, true);
      });
      events.emit('record-saved', { id: saved.id, state: saved.state });
      return saved;
    },

    'records.list': (request) => recordService.list(request),

    'pins.lookup': ({ pin }) => {
      const master = pinMaster();
      const source = `${master.sourceName} (${master.sourceDate})`;
      const found = master.lookup(pin.replace(/\s/g, ''));
      if (!found) {
        return { found: false, state: null, districts: [], source, message: `This PIN is not in the PIN list from ${source}. If you are sure it is right, keep it.` };
      }
      return { found: true, state: found.state, districts: [...found.districts], source, message: null };
    },

    'drafts.get': () => {
      const draft = context.drafts.get(actingOperator(context).id);
      return { draft: draft?.input ?? null, updatedAt: draft?.updatedAt ?? null };
    },
    'drafts.save': (input) => ({ updatedAt: context.drafts.save(actingOperator(context).id, input) }),
    'drafts.discard': () => {
      context.drafts.discard(actingOperator(context).id);
      return {};
    },

    'records.approve': ({ ids }) => {
      const checker = actingOperator(context);
      const outcome = recordService.approve(ids, checker, (reference) => audit.append({ actor: auditActor(checker), action: 'record-approve', subject: reference }));
      for (const id of ids) events.emit('record-saved', { id, state: 'ready' });
      return outcome;
    },

    'records.reject': ({ id, reason }) => {
      const checker = actingOperator(context);
      recordService.reject(id, reason, checker, (reference) => audit.append({ actor: auditActor(checker), action: 'record-reject', subject: reference }));
      events.emit('record-saved', { id, state: 'rejected' });
      return {};
    },

    'sync.start': () => {
      const operator = actingOperator(context);
      const started = sync.startSync(context.operators.verifierFor(operator));
      if (started.batchId) {
        audit.record({ actor: auditActor(operator), action: 'sync-start', subject: started.batchId, details: { records: started.recordCount } });
      }
      return started;
    },

    'batches.list': (request) => batches.list(request),

    'batches.get': ({ id }) => {
      const batch = batches.find(id);
      if (!batch) throw new AppFailure('NOT_FOUND', 'That batch no longer exists.');
      return {
        ...batches.summarise(batch),
        records: records.batchRecordSummaries(id).map(({ id: recordId, reference, name, state, message }) => ({ id: recordId, reference, name, state, message })),
      };
    },

    'documents.put': ({ imageCode, base64 }) => intake.accept({ bytes: Buffer.from(base64, 'base64'), imageCode }),

    'documents.get': ({ hash }) => {
      // Only a document a record refers to may be read, and only into memory.
      const row = store.get('SELECT mime FROM documents WHERE hash = ?', [hash]);
      if (!row) throw new AppFailure('NOT_FOUND', 'This document is no longer on this PC.');
      return { mime: String(row.mime), base64: documents.get(hash).toString('base64') };
    },
  };
}
