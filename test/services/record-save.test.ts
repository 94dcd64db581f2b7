import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';
import { RecordService } from '../../electron/records/record-service';
import { makeTempDir } from '../support/temp-dir';
import { fakeJpeg } from '../support/stored-samples';
import { webmOf } from '../support/video-bytes';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';

let temp: ReturnType<typeof makeTempDir>;
let h: SyncHarness;
beforeEach(async () => {
  temp = makeTempDir();
  h = await openSyncHarness(temp.dir, { url: 'http://127.0.0.1:9', token: 'unused' });
});
afterEach(async () => {
  await h.close();
  temp.remove();
});

/** The failure a call throws, so a test can look at its code, message and fields. */
function failureOf(call: () => unknown): AppFailure {
  try {
    call();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('saving the canonical record', () => {
  it('stores the normalised record with its reference, its images linked to it', async () => {
    const saved = h.service.save({ record: await h.sample(1) }, h.maker);
    const stored = h.records.find(saved.id)!;
    expect(stored.record.firstName).toBe('ASHA');
    expect(stored.record.pan).toBe('ABCPV1001K');
    expect(stored.record.customerReference).toBe(saved.reference);
    expect(h.records.findSummary(saved.id)).toMatchObject({ name: 'ASHA VERMA', panMasked: '••••••001K', mobileMasked: '•••••••001' });
    const linked = h.store.all('SELECT hash, record_id, masked FROM documents ORDER BY image_code');
    expect(linked.map((row) => [row.record_id, row.masked])).toEqual([
      [saved.id, 0],
      [saved.id, 1],
    ]);
  });

  it('answers every problem by its field path, in plain words', async () => {
    const record = await h.sample(2, { pan: 'ABCCE1234F', pinCode: '012345' });
    const failure = failureOf(() => h.service.save({ record: { ...record, images: [] } }, h.maker));
    expect(failure.code).toBe('VALIDATION_FAILED');
    expect(failure.message).toBe('3 fields need attention before saving.');
    expect(Object.keys(failure.fields ?? {}).sort()).toEqual(['images', 'pan', 'permanentAddress.pinCode']);
    expect(failure.fields?.images).toMatch(/photograph/);
  });

  it('refuses an image the PC does not hold, an unmasked Aadhaar and one already on another record', async () => {
    const record = await h.sample(3);
    const missing = { ...record, images: [record.images[0]!, { ...record.images[1]!, documentHash: 'ab'.repeat(32) }] };
    expect(failureOf(() => h.service.save({ record: missing }, h.maker)).fields).toEqual({ 'images.1': 'This image is no longer on this PC. Attach it again.' });

    // Stored as a passport page (unmasked), then claimed to be the Aadhaar: main knows better.
    const page = await h.intake.accept({ imageCode: '05', bytes: fakeJpeg(9001), masked: false });
    const claimed = { ...record, images: [record.images[0]!, { code: '04', documentHash: page.hash, mime: page.mime, bytes: page.bytes, masked: true }] };
    expect(failureOf(() => h.service.save({ record: claimed }, h.maker)).fields?.['images.1']).toMatch(/stored without masking/);

    const first = h.service.save({ record }, h.maker);
    const other = await h.sample(4);
    const again = failureOf(() => h.service.save({ record: { ...other, images: record.images } }, h.maker));
    expect(again.fields?.['images.0']).toBe(`This very image is already attached to record ${first.reference}. Is this customer captured twice?`);
  });

  it('keeps the images of one record within the per-record limit', async () => {
    const record = await h.sample(5);
    const pages = await Promise.all([1, 2].map((i) => h.intake.accept({ imageCode: '05', bytes: fakeJpeg(7000 + i, 250 * 1024), masked: false })));
    const heavy = { ...record, images: [...record.images, ...pages.map((p) => ({ code: '05', documentHash: p.hash, mime: p.mime, bytes: p.bytes, masked: false }))] };
    expect(failureOf(() => h.service.save({ record: heavy }, h.maker)).fields?.images).toMatch(/come to 504 KB; the limit is 500 KB/);
  });

  it('an Aadhaar image is never stored unmasked, nor as a PDF that cannot be masked', async () => {
    await expect(h.intake.accept({ imageCode: '04', bytes: fakeJpeg(1), masked: false })).rejects.toThrow(/Mask the first 8 digits/);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100)]);
    await expect(h.intake.accept({ imageCode: '04', bytes: pdf, masked: true })).rejects.toThrow(/JPEG or PNG so that it can be masked/);
    expect(h.store.get('SELECT COUNT(*) AS n FROM documents')?.n).toBe(0);
  });
});

describe('changing a stored record', () => {
  it('the maker fixes a rejected record: same reference, back for approval, reason cleared', async () => {
    const record = await h.sample(6);
    const saved = h.service.save({ record }, h.maker);
    h.service.reject(saved.id, 'Photograph is blurred', h.checker);
    const again = h.service.save({ id: saved.id, record: { ...record, middleName: 'Rani' } }, h.maker);
    expect(again).toEqual({ id: saved.id, reference: saved.reference, state: 'awaiting_approval' });
    const stored = h.records.find(saved.id)!;
    expect(stored.record.middleName).toBe('RANI');
    expect(stored.message).toBeNull();
  });

  it('a change after approval sends the record back for approval, and the approval no longer stands', async () => {
    const record = await h.sample(7);
    const saved = h.service.save({ record }, h.maker);
    h.service.approve([saved.id], h.checker);
    expect(h.records.find(saved.id)?.state).toBe('ready');
    h.service.save({ id: saved.id, record: { ...record, contact: { ...record.contact, email: 'asha@example.com' } } }, h.maker);
    const stored = h.records.find(saved.id)!;
    expect(stored.state).toBe('awaiting_approval');
    expect(stored.approvedBy).toBeNull();
    expect(h.startSync().recordCount).toBe(0);
  });

  it('a removed image is let go: its row goes, so its file becomes an orphan', async () => {
    const record = await h.sample(8);
    const saved = h.service.save({ record }, h.maker);
    h.service.save({ id: saved.id, record: { ...record, images: [record.images[0]!] } }, h.maker);
    expect(h.store.all('SELECT hash FROM documents WHERE record_id = ?', [saved.id]).map((row) => row.hash)).toEqual([record.images[0]!.documentHash]);
    expect(h.store.get('SELECT 1 AS found FROM documents WHERE hash = ?', [record.images[1]!.documentHash])).toBeUndefined();
  });

  it('the in-person video is a document of the record, apart from its CKYC images, and goes with it', async () => {
    const record = await h.sample(11);
    const kept = await h.intake.accept({ imageCode: 'IPV', bytes: webmOf(600_000), masked: false });
    const inPersonVideo = { code: 'IPV', documentHash: kept.hash, mime: kept.mime, bytes: kept.bytes, masked: false };
    const saved = h.service.save({ record: { ...record, inPersonVideo } }, h.maker);
    const stored = h.records.find(saved.id)!.record;
    expect(stored.inPersonVideo).toEqual(inPersonVideo);
    expect(stored.images.map((image) => image.code)).not.toContain('IPV');
    // Linked to the record, so the retention purge (which takes a record's documents) takes it too.
    expect(h.store.get('SELECT record_id FROM documents WHERE hash = ?', [kept.hash])?.record_id).toBe(saved.id);
    // Over the per-record image limit together with the images, yet within its own: not counted there.
    expect(kept.bytes).toBeGreaterThan(DEFAULT_DOCUMENT_LIMITS.recordBytes);
    // Dropped on a later save: its row goes, so its file becomes an orphan.
    h.service.save({ id: saved.id, record: { ...stored, inPersonVideo: undefined } }, h.maker);
    expect(h.store.get('SELECT 1 AS found FROM documents WHERE hash = ?', [kept.hash])).toBeUndefined();
  });

  it('refuses a picture named as the video, and the video named as a picture', async () => {
    const record = await h.sample(12);
    const photo = record.images[0]!;
    const failure = failureOf(() => h.service.save({ record: { ...record, inPersonVideo: { ...photo, code: 'IPV', mime: 'video/webm' } } }, h.maker));
    expect(failure.fields?.inPersonVideo).toBe('This is not a recorded video. Record it again.');
    const kept = await h.intake.accept({ imageCode: 'IPV', bytes: webmOf(5000), masked: false });
    const asImage = { code: '09', documentHash: kept.hash, mime: 'image/jpeg', bytes: kept.bytes, masked: false };
    const wrong = failureOf(() => h.service.save({ record: { ...record, images: [...record.images, asImage] } }, h.maker));
    expect(wrong.fields?.[`images.${record.images.length}`]).toBe('A video cannot be a document image. Attach the image again.');
  });

  it('only its maker may change a record, and only until it is sent', async () => {
    const record = await h.sample(9);
    const saved = h.service.save({ record }, h.maker);
    expect(failureOf(() => h.service.save({ id: saved.id, record }, h.checker)).code).toBe('FORBIDDEN');
    h.service.approve([saved.id], h.checker);
    h.store.write(() => h.records.move(saved.id, 'submitted', { now: new Date().toISOString() }));
    const sent = failureOf(() => h.service.save({ id: saved.id, record }, h.maker));
    expect(sent.code).toBe('CONFLICT');
    expect(sent.message).toMatch(/sent to the registry/);
    expect(failureOf(() => h.service.save({ id: 'rec_nothere', record }, h.maker)).code).toBe('NOT_FOUND');
  });
});

describe('sending failed records again', () => {
  it('a checker puts failed records back to ready, keeping the last reason; other states are refused by name', async () => {
    const failed = h.service.save({ record: await h.sample(10) }, h.maker);
    const waiting = h.service.save({ record: await h.sample(11) }, h.maker);
    h.service.approve([failed.id], h.checker);
    h.store.write(() => {
      h.records.move(failed.id, 'submitted', { now: new Date().toISOString() });
      h.records.move(failed.id, 'failed', { message: 'PAN: invalid', now: new Date().toISOString() });
    });
    const outcome = h.service.markReady([failed.id, waiting.id], h.checker);
    expect(outcome).toEqual({ marked: [failed.reference], refused: [{ reference: waiting.reference, message: 'Only a record the registry failed can be sent again.' }] });
    const again = h.records.find(failed.id)!;
    expect(again.state).toBe('ready');
    expect(again.message).toBe(`Sent again by ${h.checker.name}. Last time: PAN: invalid`);
    expect(h.store.get('SELECT terminal_at FROM records WHERE id = ?', [failed.id])?.terminal_at).toBeNull();
  });
});

describe('a PIN the shipped list lacks', () => {
  const listedOnly = () =>
    new RecordService(h.store, h.records, () => new Date(), () => undefined, DEFAULT_DOCUMENT_LIMITS, (pin) => pin !== '799999');

  it('is kept when the operator says why, and the reason stays with the record', async () => {
    const record = await h.sample(20, { pinCode: '799999' });
    const refused = failureOf(() => listedOnly().save({ record }, h.maker));
    expect(Object.keys(refused.fields ?? {})).toEqual(['unlistedPinReason']);
    expect(refused.message).toMatch(/^Check Why this PIN is right: PIN 799999 is not in the PIN list on this PC/);
    const saved = listedOnly().save({ record: { ...record, unlistedPinReason: '  New PIN,  checked on the customer’s letter ' } }, h.maker);
    expect(h.records.find(saved.id)?.record.unlistedPinReason).toBe('New PIN, checked on the customer’s letter');
  });

  it('a listed PIN needs no reason, and a stale one is dropped', async () => {
    const record = await h.sample(21);
    const saved = listedOnly().save({ record: { ...record, unlistedPinReason: 'typed before the PIN was corrected' } }, h.maker);
    expect(h.records.find(saved.id)?.record.unlistedPinReason).toBeUndefined();
  });
});
