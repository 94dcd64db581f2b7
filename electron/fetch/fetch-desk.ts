import type { FetchedPerson, FetchRequestSummary, RequestOf } from '../../shared/contract';
import { AppFailure } from '../../shared/errors';
import type { OperatorProfile } from '../../shared/operators/roles';
import { CKYC_DOWNLOAD_REQUEST_KIND_ID, type DownloadPerson, type DownloadRequest } from '../../shared/record-kinds/ckyc-download-request';
import { CKYC_INDIVIDUAL_KIND_ID } from '../../shared/record-kinds/ckyc-individual';
import type { KycRecord } from '../../shared/record/kyc-record';
import type { RecordRepository, StoredRecord } from '../records/record-repository';
import { NOT_IN_SCOPE_RECORD, type RecordScope } from '../records/record-scope';
import type { RecordService } from '../records/record-service';
import type { Store } from '../store/database';
import { FetchedPeople, type FetchedPersonRow } from './fetched-people';

/** The sealed photograph kept with a fetched person (keep-fetched.ts notes its mime and size in the raw answer). */
function photographOf(answer: FetchedPersonRow): FetchedPerson['photograph'] {
  const noted = answer.data?.raw.photograph as { mime?: unknown; bytes?: unknown } | undefined;
  if (answer.photoHash === null || typeof noted?.mime !== 'string' || typeof noted.bytes !== 'number') return null;
  return { documentHash: answer.photoHash, mime: noted.mime, bytes: noted.bytes };
}

export interface FetchDeskOptions {
  store: Store;
  records: RecordRepository;
  recordService: RecordService;
  /** An operator's name by id, when known. */
  operatorName: (id: string) => string | null;
}

/**
 * Fetch from CKYC, the counter's side: a request is saved as a record of kind
 * ckyc-download-request (so maker–checker, the queue, the engine, audit and retention apply as for
 * any record); its people's answers are read from fetched_people. Every read is within the acting
 * operator's scope (a maker sees the requests they made).
 */
export class FetchDesk {
  private readonly people: FetchedPeople;

  constructor(private readonly options: FetchDeskOptions) {
    this.people = new FetchedPeople(options.store);
  }

  /** Saves the request (awaiting approval); `alsoInTransaction` gets its reference (the audit entry). */
  request(request: RequestOf<'fetch.request'>, operator: OperatorProfile, scope: RecordScope, alsoInTransaction: (reference: string) => void): FetchRequestSummary {
    const people: DownloadPerson[] = [...request.people.map((person) => ({ ...person, ckycNumber: person.ckycNumber.trim() })), ...request.recordIds.map((id) => this.personOfRecord(id, scope))];
    const record: DownloadRequest = { people };
    const saved = this.options.recordService.save({ kind: CKYC_DOWNLOAD_REQUEST_KIND_ID, record } as Parameters<RecordService['save']>[0], operator, (reference) => alsoInTransaction(reference));
    return this.summaryOf(saved.id, scope);
  }

  list(page: { page: number; pageSize: number }, scope: RecordScope): { items: FetchRequestSummary[]; total: number } {
    const own = scope.kind === 'own';
    const where = `WHERE kind = ?${own ? ' AND created_by = ?' : ''}`;
    const params = own ? [CKYC_DOWNLOAD_REQUEST_KIND_ID, scope.operatorId] : [CKYC_DOWNLOAD_REQUEST_KIND_ID];
    const total = Number(this.options.store.get(`SELECT COUNT(*) AS n FROM records ${where}`, params)?.n ?? 0);
    const ids = this.options.store.all(`SELECT id FROM records ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, [...params, page.pageSize, (page.page - 1) * page.pageSize]).map((row) => String(row.id));
    return { items: ids.map((id) => this.summaryOf(id, scope)), total };
  }

  /** One request and each person in it, in the order asked: what the registry said, and the fetched copy. */
  results(id: string, scope: RecordScope): { request: FetchRequestSummary; people: FetchedPerson[] } {
    const { stored } = this.found(id, scope);
    const answers = new Map(this.people.forRequest(id).map((row) => [row.position, row]));
    const people = (stored.record as unknown as DownloadRequest).people.map((person, position): FetchedPerson => {
      const answer = answers.get(position);
      return {
        ckycNumber: person.ckycNumber,
        dob: person.dob ?? null,
        mobileMasked: person.mobile ? `XXXXXX${person.mobile.slice(-4)}` : null,
        state: answer?.state ?? 'waiting',
        registryState: answer?.registryState ?? null,
        error: answer?.error ?? null,
        record: answer?.data?.record ?? null,
        raw: answer?.data?.raw ?? null,
        photograph: answer ? photographOf(answer) : null,
        fetchedAt: answer?.fetchedAt ?? null,
      };
    });
    return { request: this.summaryOf(id, scope), people };
  }

  private found(id: string, scope: RecordScope): { stored: StoredRecord<unknown>; summary: ReturnType<RecordRepository['findSummary']> & object } {
    const found = this.options.records.findInFull(id, scope);
    if (!found || found.stored.kind !== CKYC_DOWNLOAD_REQUEST_KIND_ID) throw new AppFailure('NOT_FOUND', NOT_IN_SCOPE_RECORD);
    return found;
  }

  private summaryOf(id: string, scope: RecordScope): FetchRequestSummary {
    const { stored, summary } = this.found(id, scope);
    const counts = this.people.counts([id]).get(id) ?? { fetched: 0, failed: 0 };
    return {
      id,
      reference: summary.reference,
      state: summary.state,
      people: (stored.record as unknown as DownloadRequest).people.length,
      fetched: counts.fetched,
      failed: counts.failed,
      createdAt: summary.createdAt,
      updatedAt: summary.updatedAt,
      requestedBy: stored.createdBy === null ? null : this.options.operatorName(stored.createdBy),
      batchId: summary.batchId,
      message: summary.message,
    };
  }

  /** A stored individual with a CKYC number, asked with its date of birth (or else its mobile number). */
  private personOfRecord(id: string, scope: RecordScope): DownloadPerson {
    const found = this.options.records.findInFull(id, scope);
    if (!found || found.stored.kind !== CKYC_INDIVIDUAL_KIND_ID) throw new AppFailure('NOT_FOUND', NOT_IN_SCOPE_RECORD);
    const record = found.stored.record as KycRecord;
    const ckycNumber = (found.stored.ckycNumber ?? record.ckycNumber).trim();
    const reference = found.summary.reference;
    if (ckycNumber === '') throw new AppFailure('VALIDATION_FAILED', `Record ${reference} has no CKYC number yet, so it cannot be fetched. Nothing was saved.`);
    const mobile = record.contact.mobile.replace(/\D/g, '').slice(-10);
    if (record.dateOfBirth === '' && mobile.length !== 10) throw new AppFailure('VALIDATION_FAILED', `Record ${reference} has neither a date of birth nor a 10-digit mobile number; the registry needs one of the two. Nothing was saved.`);
    return { ckycNumber, ...(record.dateOfBirth !== '' ? { dob: record.dateOfBirth } : { mobile }), recordId: id };
  }
}
