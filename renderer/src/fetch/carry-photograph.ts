import type { KycDeskApi } from '../../../shared/contract';
import { IMAGE_CODE_PHOTOGRAPH } from '../../../shared/codes/ckyc-codes';
import type { KycImage } from '../../../shared/record/kyc-record';
import { fitJpegToLimit } from '../capture/images/compress';
import { PHOTO_LONG_EDGE } from '../capture/images/crop';
import { loadImage, StoreError, storeImage } from '../capture/images/store-image';

/**
 * The registry's photograph of a fetched person, carried into an update as that draft's own
 * photograph: read back from the request (documents.get), drawn and encoded as a JPEG within the
 * photo limit as a picked file is (never taller than the capture's long edge), and handed in
 * through documents.put like any photograph. Its own bytes, so the request keeps its copy and the
 * new record owns this one; the operator may still replace it on the photograph step.
 */
export async function carryPhotograph(api: KycDeskApi | null, documentHash: string, limitBytes: number): Promise<KycImage> {
  const kept = await loadImage(api, documentHash);
  const bitmap = await createImageBitmap(new Blob([kept.bytes], { type: kept.mime })).catch(() => {
    throw new StoreError('the registry’s photograph could not be opened');
  });
  try {
    const fit = await fitJpegToLimit(bitmap, limitBytes, { longEdge: PHOTO_LONG_EDGE });
    const image = await storeImage(api, IMAGE_CODE_PHOTOGRAPH, fit.blob);
    // The same bytes would be the request's document, which a record may not take as its own.
    if (image.documentHash === documentHash) throw new StoreError('the registry’s photograph came out unchanged and stays with the request');
    return image;
  } finally {
    bitmap.close();
  }
}
