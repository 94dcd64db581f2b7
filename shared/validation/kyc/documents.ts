/** The documents step: the scanned images; the photograph is mandatory and an Aadhaar image must be masked. */
import { IMAGE_CODE_AADHAAR, IMAGE_CODE_PHOTOGRAPH, IMAGE_MIME_TYPES, IMAGE_TYPES, isCode } from '../../codes/ckyc-codes';
import type { KycImage, KycRecord } from '../../record/kyc-record';
import { choice } from './field-rules';
import type { Context } from './findings';

export function checkImages(c: Context, r: KycRecord): KycImage[] {
  const { f } = c;
  const images = r.images.map((image: KycImage, i): KycImage => {
    const path = `images.${i}`;
    const code = choice(c, `${path}.code`, image.code, IMAGE_TYPES, true);
    const mime = image.mime.trim().toLowerCase();
    if (!isCode(IMAGE_MIME_TYPES, mime)) f.fail(`${path}.mime`, 'Use a JPEG, PDF or TIFF file.');
    if (image.bytes === 0) f.fail(`${path}.bytes`, 'The stored file is empty. Capture or attach it again.');
    if (code === IMAGE_CODE_AADHAAR && !image.masked) {
      f.fail(`${path}.masked`, 'Mask the first 8 digits of the Aadhaar number (and the QR code) on this image before it is kept.');
    }
    return { code, documentHash: image.documentHash, mime, bytes: image.bytes, masked: image.masked };
  });
  if (!images.some((image) => image.code === IMAGE_CODE_PHOTOGRAPH)) {
    f.fail('images', 'Add the customer’s photograph: it is mandatory.');
  }
  return images;
}
