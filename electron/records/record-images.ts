import { IMAGE_CODE_AADHAAR } from '../../shared/codes/ckyc-codes';
import { IN_PERSON_VIDEO_CODE } from '../../shared/documents/in-person-video';
import { kilobytes, type DocumentLimits } from '../../shared/documents/limits';
import type { KycImage } from '../../shared/record/kyc-record';
import type { Store } from '../store/database';
import { DocumentRepository } from '../documents/document-repository';

export interface CheckedImages {
  /** The record's images as the document store knows them: its mime, size and masking, not the renderer's claim. */
  images: KycImage[];
  /** Problems by record path (`images`, `images.1`), in the form's plain words. */
  errors: Record<string, string>;
}

/**
 * A record may refer only to documents this PC holds, each on one record; an Aadhaar image only if
 * it was masked before it was stored; and all together within the per-record byte limit (the
 * in-person video, a document of the record but not a CKYC image, within its own limit at intake).
 */
export function checkRecordImages(store: Store, images: readonly KycImage[], recordId: string | null, limits: DocumentLimits): CheckedImages {
  const errors: Record<string, string> = {};
  const checked: KycImage[] = [];
  let total = 0;
  const documents = new DocumentRepository(store);
  images.forEach((image, i) => {
    const row = documents.find(image.documentHash);
    // The in-person video comes last in a kind's list and has a field of its own on the form.
    const video = image.code === IN_PERSON_VIDEO_CODE;
    const path = video ? 'inPersonVideo' : `images.${i}`;
    if (!row) {
      errors[path] = video ? 'This video is no longer on this PC. Record it again.' : 'This image is no longer on this PC. Attach it again.';
      return;
    }
    if (video !== (row.imageCode === IN_PERSON_VIDEO_CODE)) {
      errors[path] = video ? 'This is not a recorded video. Record it again.' : 'A video cannot be a document image. Attach the image again.';
      return;
    }
    const owner = row.recordId;
    if (owner !== null && owner !== recordId) {
      const reference = store.get('SELECT reference FROM records WHERE id = ?', [owner])?.reference;
      errors[path] = `This very ${video ? 'video' : 'image'} is already attached to record ${String(reference ?? 'another record')}. Is this customer captured twice?`;
      return;
    }
    const masked = row.masked;
    if (image.code === IMAGE_CODE_AADHAAR && !masked) {
      errors[path] = 'This Aadhaar image was stored without masking. Remove it and attach it again through the masking tool.';
      return;
    }
    // The per-customer byte limit is the registry's, for its images; the video has its own limit.
    if (!video) total += row.bytes;
    checked.push({ code: image.code, documentHash: image.documentHash, mime: row.mime, bytes: row.bytes, masked });
  });
  if (total > limits.recordBytes) {
    errors.images = `The images of this record come to ${kilobytes(total)}; the limit is ${kilobytes(limits.recordBytes)} per customer. Attach fewer pages or smaller scans.`;
  }
  return { images: checked, errors };
}

/** Inside the record's write: its documents point at it, and those it no longer uses are let go. */
export function linkRecordImages(store: Store, recordId: string, images: readonly KycImage[]): void {
  // A let-go row goes; its file becomes an orphan, removed at a later start-up.
  new DocumentRepository(store).linkToRecord(
    recordId,
    images.map((image) => image.documentHash),
  );
}
