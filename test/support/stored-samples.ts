import type { MaskBox } from '../../shared/documents/masking';
import type { KycRecord } from '../../shared/record/kyc-record';
import { cardPicture, digitsBox, jpegOf } from './aadhaar-image';
import { sampleKycRecord, type SampleOverrides } from './kyc-records';

// Helpers that make real bytes (Node's Buffer): for service tests, not for the renderer's.

/** Bytes that the document intake takes for a JPEG (its magic bytes), different for each `n`. */
export function fakeJpeg(n: number, size = 2048): Buffer {
  const bytes = Buffer.alloc(size, n % 251);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.writeUInt32BE(n >>> 0, 4);
  return bytes;
}

/**
 * A small real picture of a card for sample `n` (main decodes and masks it, so fake bytes no longer
 * do), and the box main burns over its digits. Masked, it is about 2 KB, like the photograph.
 */
export function aadhaarSample(n: number): { bytes: Buffer; boxes: MaskBox[] } {
  return { bytes: jpegOf(cardPicture(n * 2 + 1, 64, 68, 4)), boxes: [digitsBox(64, 68)] };
}

/** The record's photograph and masked Aadhaar image, stored through `put` (the intake, or the contract). */
export async function storedImagesFor(
  n: number,
  put: (request: { imageCode: string; bytes: Buffer; masked: boolean; boxes?: MaskBox[] }) =>
    | { hash: string; mime: string; bytes: number; masked: boolean }
    | Promise<{ hash: string; mime: string; bytes: number; masked: boolean }>,
): Promise<KycRecord['images']> {
  const photo = await put({ imageCode: '02', bytes: fakeJpeg(n * 2), masked: false });
  const aadhaar = await put({ imageCode: '04', masked: true, ...aadhaarSample(n) });
  return [
    { code: '02', documentHash: photo.hash, mime: photo.mime, bytes: photo.bytes, masked: photo.masked },
    { code: '04', documentHash: aadhaar.hash, mime: aadhaar.mime, bytes: aadhaar.bytes, masked: aadhaar.masked },
  ];
}

/** Anything that carries the contract: the router, the preview socket, Electron's IPC. */
export type ContractCall = (channel: string, payload: unknown) => Promise<{ ok: boolean; value?: any; error?: unknown }>;

/**
 * A `records.save` request for sample `n` as the form sends it: the photograph and the masked
 * Aadhaar image stored first over the contract (`documents.put`), then referenced by the record.
 */
export async function saveRequestOverContract(call: ContractCall, n: number, overrides: SampleOverrides = {}): Promise<{ record: KycRecord }> {
  const images = await storedImagesFor(n, async ({ imageCode, bytes, masked, boxes }) => {
    const put = await call('documents.put', { imageCode, base64: bytes.toString('base64'), masked, ...(boxes ? { boxes } : {}) });
    if (!put.ok) throw new Error(`documents.put failed: ${JSON.stringify(put.error)}`);
    return put.value as { hash: string; mime: string; bytes: number; masked: boolean };
  });
  return { record: sampleKycRecord(n, overrides, images) };
}
