/**
 * Main's masking of an Aadhaar image (or any image handed in as masked): decode the bytes the
 * renderer sent, check the operator's boxes, burn them into the pixels, and encode a new JPEG within
 * the document limit. Only that JPEG is returned for storing; the bytes handed in stay in memory.
 */
import { maskBoxesProblem, type MaskBox } from '../../../shared/documents/masking';
import { DOCUMENT_LONG_EDGE } from '../../../shared/documents/limits';
import type { DocumentKind } from '../../../shared/documents/file-kind';
import { AppFailure } from '../../../shared/errors';
import { burnBoxes } from './burn';
import { fitJpeg, type FittedJpeg } from './fit-jpeg';
import { decodeJpeg, decodePng } from './raster';

export interface MaskRequest {
  bytes: Uint8Array;
  /** What the intake judged the bytes to be, by their first bytes. */
  kind: DocumentKind;
  /** In the image's own pixels, as the redaction tool shows it. */
  boxes: readonly MaskBox[];
  limitBytes: number;
}

export function maskImage({ bytes, kind, boxes, limitBytes }: MaskRequest): FittedJpeg {
  if (kind !== 'jpeg' && kind !== 'png') {
    throw new AppFailure('VALIDATION_FAILED', 'Only a JPEG or PNG image can be masked. Scan or photograph the document as a JPEG or PNG.');
  }
  const raster = kind === 'jpeg' ? decodeJpeg(bytes) : decodePng(bytes);
  const problem = maskBoxesProblem(boxes, raster.width, raster.height);
  if (problem) throw new AppFailure('VALIDATION_FAILED', problem);
  burnBoxes(raster, boxes);
  return fitJpeg(raster, limitBytes, DOCUMENT_LONG_EDGE);
}
