import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardPicture, jpegOf } from '../support/aadhaar-image';
import { sampleKycRecord } from '../support/kyc-records';
import { pdfPages } from '../support/pdf-text';
import { openAppChannels, type AppChannels, type TrainingRole } from '../support/app-channels';

/**
 * digitalKyc.form over the IPC contract, through the app's own wiring: a maker's record with its
 * photograph and signature sealed in the document store comes back as a PDF made in main, with the
 * customer's name, both images drawn and the Aadhaar as its last 4; a checker may have it too, the
 * making is audited by reference, and a record out of reach is refused.
 */
const ORIGIN = 'test://application-form-channel';
let app: AppChannels;

const call = (channel: string, payload: unknown): Promise<any> => app.call(channel, payload);
const as = (role: TrainingRole) => app.as(role);

async function put(imageCode: string, bytes: Buffer) {
  const stored = await call('documents.put', { imageCode, base64: bytes.toString('base64'), masked: false });
  if (!stored.ok) throw new Error(JSON.stringify(stored.error));
  return { code: imageCode, documentHash: stored.value.hash, mime: stored.value.mime, bytes: stored.value.bytes, masked: false };
}

beforeAll(async () => {
  app = await openAppChannels(ORIGIN, { KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.2' });
}, 60_000);
afterAll(async () => {
  await app?.close();
});

describe('digitalKyc.form', () => {
  it('gives the record’s application form as a PDF with its name, photograph and signature, to its maker and a checker, audited', async () => {
    await as('maker');
    const photo = await put('02', jpegOf(cardPicture(11, 120, 150, 4), 80));
    const signature = await put('09', jpegOf(cardPicture(12, 200, 60, 4), 80));
    const saved = await call('records.save', { record: sampleKycRecord(31, { firstName: 'Meenakshi', lastName: 'Iyer' }, [photo, signature]) });
    expect(saved).toMatchObject({ ok: true });
    const { id, reference } = saved.value as { id: string; reference: string };

    for (const role of ['maker', 'checker'] as const) {
      await as(role);
      const form = await call('digitalKyc.form', { recordId: id });
      expect(form).toMatchObject({ ok: true, value: { fileName: `KYC application form ${reference}.pdf` } });
      const { pages } = await pdfPages(Buffer.from(form.value.base64, 'base64'));
      const text = pages.map((page) => page.text).join('\n');
      expect(text).toContain('MEENAKSHI');
      expect(text).toContain('IYER');
      expect(text).toContain(reference);
      expect(text).toContain('XXXX XXXX 4321');
      expect(pages.reduce((sum, page) => sum + page.images, 0)).toBe(2);
    }

    await as('admin');
    const audit = await call('audit.list', { page: 1, pageSize: 50, action: 'application-form-made' });
    expect(audit.ok).toBe(true);
    const entries = audit.value.items as Array<{ subject: string; actor: { name: string } | string }>;
    expect(entries).toHaveLength(2);
    expect(entries.every((entry) => entry.subject === reference)).toBe(true);
  });

  it('refuses a record that is not there (or not the operator’s to read) in words, not as an internal error', async () => {
    await as('checker');
    const missing = await call('digitalKyc.form', { recordId: 'no-such-record' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(missing.error.message).toMatch(/\w/);
  });
});
