import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuditLog } from '../../electron/audit/audit-log';
import { DocumentIntake } from '../../electron/documents/document-intake';
import { DocumentRepository } from '../../electron/documents/document-repository';
import { DocumentStore } from '../../electron/documents/document-store';
import { DraftStore } from '../../electron/drafts/draft-store';
import { OperatorRepository } from '../../electron/operators/operator-repository';
import { OperatorService } from '../../electron/operators/operator-service';
import { RecordRepository } from '../../electron/records/record-repository';
import { ALL_RECORDS } from '../../electron/records/record-scope';
import { RecordService } from '../../electron/records/record-service';
import { DAY_MS, RetentionPurge } from '../../electron/retention/purge';
import type { Store } from '../../electron/store/database';
import { MIGRATIONS } from '../../electron/store/migrations';
import { CONTRACT } from '../../shared/contract';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';
import { AppFailure } from '../../shared/errors';
import type { OperatorProfile } from '../../shared/operators/roles';
import { imageSchema } from '../../shared/record/kyc-record';
import { maskMobile } from '../../shared/record/masking';
import { CKYC_INDIVIDUAL, RecordKindRegistry, recordKind, type FieldErrors, type RecordKind } from '../../shared/record-kinds';
import { countErrorsByStep, validateStep } from '../../shared/record-kinds/kind-steps';
import { sampleKycRecord } from '../support/kyc-records';
import { fakeJpeg, storedImagesFor } from '../support/stored-samples';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore, testKey } from '../support/test-store';

// A toy kind, written here in the test tree only, through the RecordKind interface: a branch's
// visitor pass (a holder's name, a 6-digit pass number, a photograph). Nothing in electron/records,
// electron/drafts or electron/retention knows it; they are handed a registry that holds it.
const visitorPassSchema = z.object({
  holder: z.string().max(100),
  passNumber: z.string().max(20),
  photos: z.array(imageSchema).max(2),
  reference: z.string().max(30).optional(),
});
type VisitorPass = z.infer<typeof visitorPassSchema>;

const LABELS: Record<string, string> = { holder: 'Holder’s name', passNumber: 'Pass number', photos: 'Photograph' };

const VISITOR_PASS: RecordKind<VisitorPass> = {
  id: 'toy-visitor-pass',
  label: 'Visitor pass',
  schema: visitorPassSchema,
  steps: [{ id: 'visitor', title: 'Visitor' }],
  stepOf: () => 'visitor',
  fieldLabel: (field) => LABELS[field.split('.')[0]!] ?? field,
  blank: () => ({ holder: '', passNumber: '', photos: [] }),
  validate(input) {
    const parsed = visitorPassSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: { record: 'This is not a visitor pass.' } };
    const holder = parsed.data.holder.replace(/\s+/g, ' ').trim().toUpperCase();
    const errors: FieldErrors = {};
    if (!/^[A-Z][A-Z ]{1,99}$/.test(holder)) errors.holder = 'Type the holder’s name in letters.';
    if (!/^\d{6}$/.test(parsed.data.passNumber)) errors.passNumber = 'A pass number has 6 digits.';
    if (parsed.data.photos.length === 0) errors.photos = 'Take the holder’s photograph.';
    return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { ...parsed.data, holder } };
  },
  freeTextFields: (pass) => [
    ['holder', pass.holder],
    ['passNumber', pass.passNumber],
  ],
  columns: (pass) => ({ name: pass.holder, panMasked: '', mobileMasked: maskMobile(pass.passNumber) }),
  images: (pass) => pass.photos,
  withImages: (pass, photos) => ({ ...pass, photos }),
  withReference: (pass, reference) => ({ ...pass, reference }),
};

const NOW = Date.parse('2026-11-22T10:00:00.000Z');
let now: number;
const clock = () => new Date(now);

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let kinds: RecordKindRegistry;
let records: RecordRepository;
let service: RecordService;
let drafts: DraftStore;
let documents: DocumentStore;
let intake: DocumentIntake;
let audit: AuditLog;
let maker: OperatorProfile;
let checker: OperatorProfile;

beforeEach(async () => {
  now = NOW;
  temp = makeTempDir();
  store = (await openTestStore(path.join(temp.dir, 'store'))).store;
  kinds = new RecordKindRegistry([CKYC_INDIVIDUAL, VISITOR_PASS]);
  records = new RecordRepository(store, kinds);
  const operators = new OperatorService(store, new OperatorRepository(store), clock);
  [maker, checker] = operators.ensureTrainingOperators() as [OperatorProfile, OperatorProfile];
  service = new RecordService(store, records, clock, (approver, record) => operators.assertCanApprove(approver, record), DEFAULT_DOCUMENT_LIMITS);
  drafts = new DraftStore(store, clock, kinds);
  documents = new DocumentStore(path.join(temp.dir, 'documents'), testKey(temp.dir));
  intake = new DocumentIntake(store, documents, DEFAULT_DOCUMENT_LIMITS, clock);
  audit = new AuditLog(store, clock);
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

async function photo(n: number): Promise<VisitorPass['photos'][number]> {
  const put = await intake.accept({ imageCode: '02', bytes: fakeJpeg(n), masked: false });
  return { code: '02', documentHash: put.hash, mime: put.mime, bytes: put.bytes, masked: put.masked };
}

const rowCount = (table: string) => Number(store.get(`SELECT COUNT(*) AS n FROM ${table}`)?.n ?? 0);

describe('a kind of record added through the registry only', () => {
  it('goes from draft to save, a checker’s approval, the queue and the retention purge beside a CKYC individual', async () => {
    const picture = await photo(7);
    const typed: VisitorPass = { holder: '  meera   nair ', passNumber: '123456', photos: [picture] };

    // Draft: kept with its kind, its photograph counted as in use, a full Aadhaar refused by the kind's label.
    drafts.save(maker.id, { kind: VISITOR_PASS.id, record: typed, editing: null });
    expect(drafts.read(maker.id)).toMatchObject({ kind: VISITOR_PASS.id, record: typed, editing: null });
    expect([...drafts.referencedDocuments()]).toEqual([picture.documentHash]);
    expect(() => drafts.save(maker.id, { kind: VISITOR_PASS.id, record: { ...typed, passNumber: '2345 6789 0124' }, editing: null })).toThrow(/^Pass number: /);
    expect(drafts.read(maker.id)?.record).toEqual(typed);
    // The same photograph handed in by another operator first: the maker still reads it, as their draft's.
    store.write(() => store.run('UPDATE documents SET put_by = ? WHERE hash = ?', [checker.id, picture.documentHash]));
    expect(new DocumentRepository(store).mimeReadableBy(picture.documentHash, maker.id)).toBe('image/jpeg');
    expect(new DocumentRepository(store).mimeReadableBy(picture.documentHash, 'op_someone_else')).toBeUndefined();

    // Save: the kind's rules answer by field path; then the record is stored normalised, with its kind.
    expect(() => service.save({ kind: VISITOR_PASS.id, record: { ...typed, passNumber: '12' } }, maker)).toThrow('Check Pass number: A pass number has 6 digits.');
    const saved = service.save({ kind: VISITOR_PASS.id, record: typed }, maker, () => drafts.discard(maker.id, true));
    expect(saved.state).toBe('awaiting_approval');
    expect(drafts.read(maker.id)).toBeNull();
    const stored = records.find(saved.id)!;
    expect(stored.kind).toBe(VISITOR_PASS.id);
    expect(stored.record).toEqual({ holder: 'MEERA NAIR', passNumber: '123456', photos: [picture], reference: saved.reference });
    expect(store.get('SELECT record_id FROM documents WHERE hash = ?', [picture.documentHash])?.record_id).toBe(saved.id);

    // A CKYC individual beside it, saved without naming a kind, as every caller does today.
    const individual = service.save({ record: sampleKycRecord(3, {}, await storedImagesFor(3, (request) => intake.accept(request))) }, maker);
    expect(records.find(individual.id)?.kind).toBe('ckyc-individual');

    // Maker–checker: not the maker's own, then the checker's, re-checked by the kind's rules.
    expect(service.approve([saved.id], maker).refused).toHaveLength(1);
    expect(service.approve([saved.id], checker)).toEqual({ approved: [saved.reference], refused: [] });
    expect(records.find(saved.id)?.state).toBe('ready');

    // The queue: each record in its kind's columns, and the kind on the summary.
    const queue = service.list({ page: 1, pageSize: 50 }, ALL_RECORDS);
    expect(queue.items.find((item) => item.id === saved.id)).toMatchObject({ kind: VISITOR_PASS.id, name: 'MEERA NAIR', panMasked: '', mobileMasked: '•••456', state: 'ready' });
    expect(queue.items.find((item) => item.id === individual.id)).toMatchObject({ kind: 'ckyc-individual', state: 'awaiting_approval' });
    expect(service.list({ page: 1, pageSize: 50, search: 'meera na' }, ALL_RECORDS).items.map((item) => item.id)).toEqual([saved.id]);
    expect(records.inState('ready', 10, VISITOR_PASS.id).map((record) => record.id)).toEqual([saved.id]);
    expect(records.inState('ready', 10, 'ckyc-individual')).toEqual([]);

    // The service that took it settled it (as the sync engine does); a year later retention purges it and its photograph.
    store.write(() => {
      records.move(saved.id, 'submitted', { batchId: 'bat_toy', now: new Date(now).toISOString() });
      records.move(saved.id, 'succeeded', { now: new Date(now).toISOString() });
    });
    now += 400 * DAY_MS;
    const purge = new RetentionPurge({ store, audit, clock, deleteDocumentFiles: (hashes) => hashes.forEach((hash) => documents.delete(hash)) });
    expect(await purge.runOnce()).toMatchObject({ purgedRecords: 1, purgedDocuments: 1, filesDeleted: 1, filesPending: 0 });
    expect(records.find(saved.id)).toBeUndefined();
    expect(() => documents.get(picture.documentHash)).toThrow();
    expect(records.find(individual.id)?.state).toBe('awaiting_approval');
  });

  it('a stored record its kind’s rules of today refuse is not approved, and its maker sees why by field', () => {
    store.write(() =>
      records.insert({ id: 'rec_old', reference: 'KD000000000001', kind: VISITOR_PASS.id, state: 'awaiting_approval', record: { holder: 'RAVI', passNumber: '12', photos: [] }, now: new Date(now).toISOString(), createdBy: maker.id }),
    );
    const outcome = service.approve(['rec_old'], checker);
    expect(outcome.approved).toEqual([]);
    expect(outcome.refused[0]?.message).toMatch(/Pass number: A pass number has 6 digits\. Photograph: Take the holder’s photograph\.$/);
    expect(records.find('rec_old')).toMatchObject({ state: 'awaiting_approval', registryErrors: { passNumber: 'A pass number has 6 digits.', photos: 'Take the holder’s photograph.' } });
  });

  it('its capture step and step validation come from the kind', () => {
    expect(validateStep(VISITOR_PASS, { holder: 'A', passNumber: '1', photos: [] }, 'visitor')).toEqual({
      holder: 'Type the holder’s name in letters.',
      passNumber: 'A pass number has 6 digits.',
      photos: 'Take the holder’s photograph.',
    });
    expect(countErrorsByStep(VISITOR_PASS, { holder: 'x', passNumber: 'y' })).toEqual({ visitor: 2 });
    expect(countErrorsByStep(CKYC_INDIVIDUAL, { pan: 'x', 'permanentAddress.pinCode': 'y' })).toEqual({ personal: 0, identity: 1, addresses: 1, contact: 0, documents: 0, declaration: 0 });
  });
});

describe('a kind KYC Desk does not know', () => {
  const UNKNOWN = /^KYC Desk does not know records of the kind "uae-partner": this version knows CKYC individual \(ckyc-individual\), Visitor pass \(toy-visitor-pass\)\. A record of another kind needs the version of KYC Desk that brings it\. Nothing was saved\.$/;

  it('is refused on save and as a draft with a clear message, and nothing is kept', () => {
    const refusal = (() => {
      try {
        service.save({ kind: 'uae-partner', record: { holder: 'ASHA' } }, maker);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(AppFailure);
    expect(refusal).toMatchObject({ code: 'VALIDATION_FAILED', fields: { kind: 'KYC Desk does not know this kind of record.' } });
    expect((refusal as AppFailure).message).toMatch(UNKNOWN);
    expect(() => drafts.save(maker.id, { kind: 'uae-partner', record: {}, editing: null })).toThrow(UNKNOWN);
    expect(rowCount('records')).toBe(0);
    expect(rowCount('drafts')).toBe(0);
    // This version's own registry names only its own kinds.
    expect(() => recordKind('uae-partner')).toThrow(/^KYC Desk does not know records of the kind "uae-partner": this version knows CKYC individual \(ckyc-individual\), CKYC download request \(ckyc-download-request\), Video KYC link \(video-kyc-link\)[.,]/);
    // Over the contract, a kind that is not even a name is refused before any handler runs.
    expect(CONTRACT['records.save'].request.safeParse({ kind: '../../etc', record: CKYC_INDIVIDUAL.blank() }).success).toBe(false);
    expect(CONTRACT['records.save'].request.safeParse({ kind: 'ckyc-individual', record: CKYC_INDIVIDUAL.blank() }).success).toBe(true);
  });

  it('a stored record or draft of an unknown kind (a newer version’s) is never guessed at: not approved, not offered, its images kept', async () => {
    const picture = await photo(9);
    store.write(() => {
      records.insert({ id: 'rec_new', reference: 'KD000000000002', kind: VISITOR_PASS.id, state: 'awaiting_approval', record: { holder: 'RAVI', passNumber: '123456', photos: [picture] }, now: new Date(now).toISOString(), createdBy: maker.id });
      store.run("UPDATE records SET kind = 'uae-partner' WHERE id = 'rec_new'");
      store.run("INSERT INTO drafts (operator_id, data, updated_at) VALUES ('op_x', ?, '2026-11-22T10:00:00.000Z')", [JSON.stringify({ kind: 'uae-partner', editing: null, record: { nested: { documentHash: picture.documentHash } } })]);
    });
    const outcome = service.approve(['rec_new'], checker);
    expect(outcome.refused[0]?.message).toMatch(/^KYC Desk does not know records of the kind "uae-partner"/);
    expect(records.find('rec_new')?.state).toBe('awaiting_approval');
    expect(drafts.get('op_x')).toBeNull();
    expect([...drafts.referencedDocuments()]).toEqual([picture.documentHash]);
  });

  it('every record stored before kinds existed reads as a CKYC individual', async () => {
    await store.close();
    const dir = path.join(temp.dir, 'old-store');
    const { store: old } = await openTestStore(dir, { migrations: MIGRATIONS.slice(0, 9) });
    old.write(() =>
      old.run(
        `INSERT INTO records (id, reference, state, data, name, pan_masked, mobile_masked, created_at, updated_at)
         VALUES ('rec_before', 'KD000000000003', 'ready', ?, 'ASHA VERMA', '', '', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
        [JSON.stringify(sampleKycRecord(1))],
      ),
    );
    await old.close();
    store = (await openTestStore(dir)).store;
    const reopened = new RecordRepository(store);
    expect(reopened.find('rec_before')?.kind).toBe('ckyc-individual');
    expect(reopened.findSummary('rec_before')?.kind).toBe('ckyc-individual');
  });
});
