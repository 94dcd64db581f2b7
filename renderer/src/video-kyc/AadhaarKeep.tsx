import { useEffect, useState } from 'react';
import type { MaskBox } from '../../../shared/documents/masking';
import { RedactionTool } from '../capture/images';
import { DOCUMENT_LONG_EDGE, scaledSize } from '../capture/images/crop';

/** The image for the redaction tool, no larger than the document long edge, and how much smaller than the original it is. */
async function forMasking(image: Blob): Promise<{ bitmap: ImageBitmap; scale: number }> {
  const full = await createImageBitmap(image);
  const size = scaledSize(full, DOCUMENT_LONG_EDGE);
  if (size.width === full.width && size.height === full.height) return { bitmap: full, scale: 1 };
  try {
    return { bitmap: await createImageBitmap(full, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' }), scale: full.width / size.width };
  } finally {
    full.close();
  }
}

/** Boxes drawn on the smaller copy, in the original's pixels, rounded outwards so nothing they covered shows. */
export function boxesInOriginal(boxes: readonly MaskBox[], scale: number): MaskBox[] {
  return boxes.map((box) => {
    const x = Math.floor(box.x * scale);
    const y = Math.floor(box.y * scale);
    return { x, y, width: Math.ceil((box.x + box.width) * scale) - x, height: Math.ceil((box.y + box.height) * scale) - y };
  });
}

/**
 * Keeping an Aadhaar image from a session: the person covers the first 8 digits and the QR code
 * with the capture form's redaction tool; main fetches the image again, burns the same boxes into
 * its own copy and seals only that (the unmasked image is never kept).
 */
export function AadhaarKeep({ image, onKeep, onCancel }: { image: Blob; onKeep(boxes: MaskBox[]): Promise<void>; onCancel(): void }) {
  const [prepared, setPrepared] = useState<{ bitmap: ImageBitmap; scale: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    forMasking(image).then(
      (made) => (current ? setPrepared(made) : made.bitmap.close()),
      () => current && setProblem('This image could not be opened for masking.'),
    );
    return () => {
      current = false;
    };
  }, [image]);
  useEffect(() => () => prepared?.bitmap.close(), [prepared]);
  if (problem) return <p className="field__error">{problem}</p>;
  if (!prepared) return <p className="muted">Opening the image for masking…</p>;
  return <RedactionTool image={prepared.bitmap} onDone={({ boxes }) => onKeep(boxesInOriginal(boxes, prepared.scale))} onCancel={onCancel} />;
}
