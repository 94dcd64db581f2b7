import type { KycImage } from '../../shared/record/kyc-record';
import { UAE_CUSTOMER_KIND_ID, UAE_IMAGE_CODES } from '../../shared/record-kinds/uae-customer';
import { fakeJpeg } from './stored-samples';
import type { SyncHarness } from './sync-harness';
import { completeUaeCustomer } from './uae-customers';

/**
 * A UAE customer with this Emirates ID saved by the harness's maker — its Emirates ID (front and
 * back), passport and profile photo as real stored documents, the passport numbered by `n` so no two
 * customers share one — and approved by its checker unless `approve` is false. Returns the record's id.
 */
export async function saveUaeCustomer(h: SyncHarness, emiratesId: string, n: number, approve = true): Promise<string> {
  const image = async (code: string, k: number): Promise<KycImage> => {
    const put = await h.intake.accept({ imageCode: code, bytes: fakeJpeg(n * 10 + k), masked: false });
    return { code, documentHash: put.hash, mime: put.mime, bytes: put.bytes, masked: put.masked };
  };
  const base = completeUaeCustomer();
  const record = {
    ...base,
    ids: [
      { ...base.ids[0]!, number: emiratesId, front: await image(UAE_IMAGE_CODES.idFront, 1), back: await image(UAE_IMAGE_CODES.idBack, 2) },
      { ...base.ids[1]!, number: `P${String(4_000_000 + n)}`, front: await image(UAE_IMAGE_CODES.idFront, 3) },
    ],
    classification: { ...base.classification, profilePhoto: await image(UAE_IMAGE_CODES.profilePhoto, 4) },
  };
  const saved = h.service.save({ kind: UAE_CUSTOMER_KIND_ID, record }, h.maker);
  if (approve) h.service.approve([saved.id], h.checker);
  return saved.id;
}
