import type { KycDeskApi } from '../../../../shared/contract';
import { IMAGE_CODE_PHOTOGRAPH } from '../../../../shared/codes/ckyc-codes';
import type { KycImage } from '../../../../shared/record/kyc-record';
import { fitJpegToLimit } from '../images/compress';
import { PHOTO_LONG_EDGE } from '../images/crop';
import { loadImage, StoreError, storeImage } from '../images/store-image';

/**
 * A photograph kept with something else — a fetched person's request, or the customer's earlier
 * record — carried into an update as that draft's own photograph: read back (documents.get), drawn
 * and encoded as a JPEG within the photo limit as a picked file is (never taller than the capture's
 * long edge), and handed in through documents.put like any photograph. Its own bytes, so the
 * source keeps its copy and the new record owns this one (a document belongs to one record); the
 * operator may still replace it on the photograph step. `whose` names the source in the errors.
 */
export async function carryPhotograph(api: KycDeskApi | null, documentHash: string, limitBytes: number, whose = 'the registry’s'): Promise<KycImage> {
  const kept = await loadImage(api, documentHash);
  const bitmap = await createImageBitmap(new Blob([kept.bytes], { type: kept.mime })).catch(() => {
    throw new StoreError(`${whose} photograph could not be opened`);
  });
  try {
    const fit = await fitJpegToLimit(bitmap, limitBytes, { longEdge: PHOTO_LONG_EDGE });
    const image = await storeImage(api, IMAGE_CODE_PHOTOGRAPH, fit.blob);
    // The same bytes would be the source's document, which a record may not take as its own.
    if (image.documentHash === documentHash) throw new StoreError(`${whose} photograph came out unchanged and stays where it was`);
    return image;
  } finally {
    bitmap.close();
  }
}
