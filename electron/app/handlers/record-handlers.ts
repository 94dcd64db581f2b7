import { setSubmissionRoute } from '../../services/ckyc/route-setting';
import { responseFileSchema } from '../../../shared/contract/channels';
import { z } from 'zod';
import { AppFailure } from '../../../shared/errors';
import { DocumentIntake } from '../../documents/document-intake';
import type { Handlers } from '../../ipc/router';
import { can } from '../../../shared/operators/roles';
import { verifierFromOperator } from '../../../shared/record/kyc-record';
import { EDITABLE_STATES } from '../../records/record-service';
import { NOT_IN_SCOPE_DOCUMENT, NOT_IN_SCOPE_RECORD, recordScopeOf } from '../../records/record-scope';
import { readableDocument } from '../../documents/document-access';
import { refuseKindsNotReviewed } from '../../records/review-kinds';
import { actingOperator, auditActor, type HandlerContext } from './context';

type RecordHandlers = Pick<Handlers, 'app.info' | 'documents.put' | 'records.save' | 'records.get' | 'records.makers' | 'records.findSameCustomer' | 'drafts.get' | 'drafts.save' | 'drafts.discard' | 'pins.lookup' | 'records.list' | 'records.approve' | 'records.reject' | 'records.markReady' | 'sync.start' | 'sync.status' | 'sync.setRoute' | 'batches.list' | 'batches.get' | 'documents.get'>;

/** What the counter's handlers work with. */
export type RecordHandlerServices = Pick<
  HandlerContext,
  | 'mode' | 'nextMode' | 'version' | 'pollSeconds' | 'notices' | 'documentLimits' | 'pinMaster'
  | 'store' | 'records' | 'recordService' | 'batches' | 'sync' | 'documents' | 'drafts' | 'audit' | 'operators' | 'session' | 'events'
>;

/** Capture, the queue, sync and batches: the counter's daily work. */
// eslint-disable-next-line max-lines-per-function -- one short entry per IPC channel of the group; its length is the number of channels, not one piece of logic
export function recordHandlers(context: RecordHandlerServices): RecordHandlers {
  const { records, recordService, batches, sync, documents, audit, events, store } = context;
  const intake = new DocumentIntake(store, documents, context.documentLimits);
  const { pinMaster } = context;
  // A request may approve some records and refuse others: each screen hears the state each one is in now.
  const emitStates = (ids: readonly string[]) => {
    for (const id of ids) {
      const state = records.findSummary(id)?.state;
      if (state) events.emit('record-saved', { id, state });
    }
  };

  return {
    'app.info': () => ({ mode: context.mode, nextMode: context.nextMode(), version: context.version, pollSeconds: context.pollSeconds, notices: context.notices, documentLimits: context.documentLimits }),

    'records.save': (request) => {
      const operator = actingOperator(context);
      // The record, its audit entry and the end of its draft are durable together.
      const saved = recordService.save(request, operator, (reference, kind, duplicate) => {
        audit.append({ actor: auditActor(operator), action: kind === 'create' ? 'record-create' : 'record-edit', subject: reference });
        // The other records by reference and the field's name: never the number itself.
        if (duplicate) audit.append({ actor: auditActor(operator), action: 'duplicate-acknowledged', subject: reference, details: { sameCustomerAs: duplicate.references.join(', '), fields: duplicate.fields.join(', '), reason: duplicate.reason } });
        context.drafts.discard(operator.id, true);
      });
      events.emit('record-saved', { id: saved.id, state: saved.state });
      return saved;
    },

    // Every read of records is within the acting operator's scope, applied in its SQL (record-scope.ts).
    'records.list': (request) => recordService.list(request, recordScopeOf(actingOperator(context))),

    'records.makers': () => ({ items: records.makers(recordScopeOf(actingOperator(context))) }),

    'records.findSameCustomer': (request) => recordService.findSameCustomer(request, actingOperator(context)),

    'records.get': ({ id }) => {
      const viewer = actingOperator(context);
      const found = records.findInFull(id, recordScopeOf(viewer));
      if (!found) throw new AppFailure('NOT_FOUND', NOT_IN_SCOPE_RECORD);
      const { stored, summary } = found;
      refuseKindsNotReviewed(stored.kind, stored.record, summary.reference);
      const capturedBy = stored.createdBy === null ? undefined : context.operators.get(stored.createdBy);
      const approvedBy = stored.approvedBy === null ? undefined : context.operators.get(stored.approvedBy);
      const verifier = approvedBy ?? capturedBy;
      return {
        summary,
        kind: stored.kind,
        record: stored.record,
        registryErrors: stored.registryErrors,
        registryCkycNumber: stored.ckycNumber,
        capturedBy: capturedBy?.name ?? null,
        approvedBy: approvedBy?.name ?? null,
        verifier: verifier ? verifierFromOperator(verifier) : null,
        editable: stored.createdBy === viewer.id && can(viewer.role, 'records.capture') && EDITABLE_STATES.includes(stored.state),
      };
    },

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
      return { draft: draft ? { record: draft.record, editing: draft.editing, ...(draft.kind === undefined ? {} : { kind: draft.kind }) } : null, updatedAt: draft?.updatedAt ?? null };
    },
    'drafts.save': (draft) => ({ updatedAt: context.drafts.save(actingOperator(context).id, draft) }),
    'drafts.discard': () => {
      context.drafts.discard(actingOperator(context).id);
      return {};
    },

    'records.approve': ({ ids }) => {
      const checker = actingOperator(context);
      const outcome = recordService.approve(ids, checker, (reference) => audit.append({ actor: auditActor(checker), action: 'record-approve', subject: reference }));
      emitStates(ids);
      return outcome;
    },

    'records.markReady': ({ ids }) => {
      const checker = actingOperator(context);
      const outcome = recordService.markReady(ids, checker, (reference) => audit.append({ actor: auditActor(checker), action: 'record-submit', subject: reference, details: { again: true } }));
      emitStates(ids);
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

    'sync.status': () => sync.status(),

    'sync.setRoute': ({ route }) => {
      setSubmissionRoute(store, audit, actingOperator(context), route);
      sync.routeChanged();
      return sync.status();
    },

    'batches.list': (request) => batches.list(request, (id) => sync.liveSentBytes(id)),

    'batches.get': ({ id }) => {
      const batch = batches.find(id);
      if (!batch) throw new AppFailure('NOT_FOUND', 'That batch no longer exists.');
      return {
        ...batches.summarise(batch, sync.liveSentBytes(id)),
        records: records.batchOutcomes(id),
        // Written by the engine from sftp-responses.ts records; anything unreadable reads as not yet read.
        responseFiles: readResponseFiles(batch.responseFiles),
        // What the registry said as it came may hold anything: admins only (decision 0041).
        lastAnswer: can(actingOperator(context).role, 'settings.manage') ? batch.lastAnswer : null,
      };
    },

    'documents.put': ({ imageCode, base64, masked, boxes }) => intake.accept({ bytes: Buffer.from(base64, 'base64'), imageCode, masked, boxes, putBy: actingOperator(context).id }),

    'documents.get': ({ hash }) => {
      // Only a document the operator may read (document-access.ts), and only into memory.
      const readable = readableDocument(store, hash, recordScopeOf(actingOperator(context)));
      if (!readable) throw new AppFailure('NOT_FOUND', NOT_IN_SCOPE_DOCUMENT);
      return { mime: readable.mime, base64: documents.get(hash).toString('base64') };
    },
  };
}

function readResponseFiles(json: string | null): z.infer<typeof responseFileSchema>[] | null {
  if (json === null) return null;
  const parsed = z.array(responseFileSchema).safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}
