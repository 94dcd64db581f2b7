/** Handing an image to main (`documents.put`) and getting it back (`documents.get`). */
import type { KycDeskApi } from '../../../../shared/contract';
import type { MaskBox } from '../../../../shared/documents/masking';
import type { KycImage } from '../../../../shared/record/kyc-record';
import { base64ToBytes, blobToBase64, bytesToBase64 } from './base64';

export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * `boxes` (an Aadhaar image): main burns them into the pixels and keeps its own JPEG, so the stored
 * image, shown afterwards through `documents.get`, is main's, not these bytes.
 */
export async function storeImage(api: KycDeskApi | null, imageCode: string, data: Blob | Uint8Array, boxes?: readonly MaskBox[]): Promise<KycImage> {
  if (!api) throw new StoreError('KYC Desk is not connected, so the image could not be kept. Reload the window and try again.');
  const base64 = data instanceof Uint8Array ? bytesToBase64(data) : await blobToBase64(data);
  const masking = boxes ? { masked: true, boxes: boxes.map(({ x, y, width, height }) => ({ x, y, width, height })) } : { masked: false };
  const result = await api.invoke('documents.put', { imageCode, base64, ...masking });
  if (!result.ok) throw new StoreError(result.error.message);
  const { hash, mime, bytes } = result.value;
  return { code: imageCode, documentHash: hash, mime, bytes, masked: result.value.masked };
}

export async function loadImage(api: KycDeskApi | null, hash: string): Promise<{ mime: string; bytes: Uint8Array<ArrayBuffer> }> {
  if (!api) throw new StoreError('KYC Desk is not connected, so the image could not be shown.');
  const result = await api.invoke('documents.get', { hash });
  if (!result.ok) throw new StoreError(result.error.message);
  return { mime: result.value.mime, bytes: base64ToBytes(result.value.base64) };
}
