import { IMAGE_CODE_PHOTOGRAPH, IMAGE_CODE_SIGNATURE } from '../../shared/codes/ckyc-codes';
import type { KycRecord } from '../../shared/record/kyc-record';
import { applicationFormPdf, type FormImages } from './application-form';

/**
 * A stored record's application form with its own photograph and signature, read from the sealed
 * document store into memory. A document that cannot be read (purged, damaged) leaves its box
 * empty rather than costing the branch the form: the form is what the customer signs at the counter.
 */
export async function applicationFormFor(record: KycRecord, readDocument: (hash: string) => Uint8Array): Promise<Uint8Array> {
  const images: FormImages = {};
  const bytesOf = (code: string): Uint8Array | undefined => {
    const image = record.images.find((candidate) => candidate.code === code);
    if (!image) return undefined;
    try {
      return readDocument(image.documentHash);
    } catch {
      return undefined;
    }
  };
  const photo = bytesOf(IMAGE_CODE_PHOTOGRAPH);
  const signature = bytesOf(IMAGE_CODE_SIGNATURE);
  if (photo) images.photo = photo;
  if (signature) images.signature = signature;
  return applicationFormPdf(record, images);
}

/** The file name the form is saved under: the record's reference, nothing of the customer. */
export function applicationFormFileName(reference: string): string {
  return `KYC application form ${reference.replace(/[^A-Za-z0-9-]/g, '')}.pdf`;
}
