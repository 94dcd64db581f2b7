import { IMAGE_CODE_AADHAAR } from '../../shared/codes/ckyc-codes';
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
 * it was masked before it was stored; and all together within the per-record byte limit.
 */
export function checkRecordImages(store: Store, images: readonly KycImage[], recordId: string | null, limits: DocumentLimits): CheckedImages {
  const errors: Record<string, string> = {};
  const checked: KycImage[] = [];
  let total = 0;
  const documents = new DocumentRepository(store);
  images.forEach((image, i) => {
    const row = documents.find(image.documentHash);
    if (!row) {
      errors[`images.${i}`] = 'This image is no longer on this PC. Attach it again.';
      return;
    }
    const owner = row.recordId;
    if (owner !== null && owner !== recordId) {
      const reference = store.get('SELECT reference FROM records WHERE id = ?', [owner])?.reference;
      errors[`images.${i}`] = `This very image is already attached to record ${String(reference ?? 'another record')}. Is this customer captured twice?`;
      return;
    }
    const masked = row.masked;
    if (image.code === IMAGE_CODE_AADHAAR && !masked) {
      errors[`images.${i}`] = 'This Aadhaar image was stored without masking. Remove it and attach it again through the masking tool.';
      return;
    }
    total += row.bytes;
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
