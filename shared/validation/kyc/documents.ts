/** The documents step: the scanned images; the photograph is mandatory and an Aadhaar image must be masked. */
import { IMAGE_CODE_AADHAAR, IMAGE_CODE_PHOTOGRAPH, IMAGE_MIME_TYPES, IMAGE_TYPES, isCode } from '../../codes/ckyc-codes';
import { IN_PERSON_VIDEO_CODE, IN_PERSON_VIDEO_MAX_BYTES, VIDEO_MIME_OF, videoTooLarge } from '../../documents/in-person-video';
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

/** The in-person verification video, when recorded: a WebM or MP4 of the document store, within its size. */
export function checkInPersonVideo(c: Context, r: KycRecord): KycImage | undefined {
  const video = r.inPersonVideo;
  if (video === undefined) return undefined;
  const mime = video.mime.trim().toLowerCase();
  if (video.code !== IN_PERSON_VIDEO_CODE) c.f.fail('inPersonVideo', 'This is not an in-person verification video. Record it again.');
  else if (!Object.values(VIDEO_MIME_OF).includes(mime)) c.f.fail('inPersonVideo', 'The in-person verification video must be a WebM or MP4 recording. Record it again.');
  else if (video.bytes === 0) c.f.fail('inPersonVideo', 'The stored video is empty. Record it again.');
  else if (video.bytes > IN_PERSON_VIDEO_MAX_BYTES) c.f.fail('inPersonVideo', videoTooLarge(video.bytes));
  return { code: IN_PERSON_VIDEO_CODE, documentHash: video.documentHash, mime, bytes: video.bytes, masked: false };
}
