import { useEffect, useId, useState, type ChangeEvent, type DragEvent } from 'react';
import { IMAGE_CODE_AADHAAR } from '../../../../shared/codes/ckyc-codes';
import { SNIFF_BYTES } from '../../../../shared/documents/file-kind';
import { DEFAULT_DOCUMENT_LIMITS, kilobytes, limitFor } from '../../../../shared/documents/limits';
import type { KycImage } from '../../../../shared/record/kyc-record';
import { useAppStore } from '../../state/app-store';
import { fitJpegToLimit } from './compress';
import { DOCUMENT_LONG_EDGE, scaledSize } from './crop';
import { originalToKeep, planIntake, refuseBySize, stripOriginal } from './intake';
import { RedactionTool, type MaskedHandover } from './RedactionTool';
import { storeImage } from './store-image';

const ACCEPT = 'image/jpeg,image/png,image/tiff,application/pdf';
const message = (error: unknown, fallback: string) => (error instanceof Error && error.message ? error.message : fallback);

async function decode(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file);
  } catch {
    throw new Error('This picture could not be opened: the file may be damaged. Scan or photograph the document again.');
  }
}

/** A bitmap no larger than the document long edge, for the redaction tool (the full one is closed). */
async function forRedaction(file: Blob): Promise<ImageBitmap> {
  const full = await decode(file);
  const size = scaledSize(full, DOCUMENT_LONG_EDGE);
  if (size.width === full.width && size.height === full.height) return full;
  try {
    return await createImageBitmap(full, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' });
  } finally {
    full.close();
  }
}

/**
 * One document image or PDF: picked or dropped, judged by its first bytes, fitted to its limit,
 * an Aadhaar masked before anything is stored; then `documents.put` and `onAttached`.
 */
export function DocumentAttach({ imageCode, label, onAttached }: { imageCode: string; label: string; onAttached: (image: KycImage) => void }) {
  const api = useAppStore((s) => s.api);
  const limits = useAppStore((s) => s.info?.documentLimits) ?? DEFAULT_DOCUMENT_LIMITS;
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [redacting, setRedacting] = useState<ImageBitmap | null>(null);
  const [attached, setAttached] = useState<KycImage | null>(null);
  const limit = limitFor(limits, imageCode);

  // The unmasked bitmap is freed when the tool closes or the component goes.
  useEffect(() => {
    if (!redacting) return;
    return () => redacting.close();
  }, [redacting]);

  async function keep(data: Blob | Uint8Array, boxes?: MaskedHandover['boxes']) {
    setBusy(boxes ? 'Masking and keeping the image…' : 'Keeping the document…');
    const image = await storeImage(api, imageCode, data, boxes);
    setAttached(image);
    onAttached(image);
  }

  async function take(file: File) {
    setError(null);
    setAttached(null);
    const bySize = refuseBySize(file.size, limits);
    if (bySize) {
      setError(bySize); // refused before a byte is read
      return;
    }
    setBusy('Reading the file…');
    try {
      const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
      const plan = planIntake(head, file.size, imageCode, limits);
      switch (plan.action) {
        case 'refuse':
          setError(plan.message);
          return;
        case 'as-is':
          await keep(new Uint8Array(await file.arrayBuffer()));
          return;
        case 'redact':
          setRedacting(await forRedaction(file));
          return;
        case 'compress': {
          setBusy('Making the image smaller…');
          // A JPEG may be kept as it is, so its metadata (GPS, camera serial) is stripped first; a
          // damaged one is refused here. The bitmap comes from the file itself, so the re-encoded
          // copy still follows the EXIF orientation.
          const original = plan.kind === 'jpeg' ? stripOriginal(new Uint8Array(await file.arrayBuffer())) : null;
          const bitmap = await decode(file);
          let fit;
          try {
            fit = await fitJpegToLimit(bitmap, limit, { longEdge: DOCUMENT_LONG_EDGE });
          } finally {
            bitmap.close();
          }
          await keep(originalToKeep(original, fit.blob.size, limit) ?? fit.blob);
          return;
        }
      }
    } catch (failure) {
      setError(message(failure, 'The document could not be attached. Try again.'));
    } finally {
      setBusy(null);
    }
  }

  async function masked({ image, boxes }: MaskedHandover) {
    setError(null);
    try {
      await keep(image, boxes);
      setRedacting(null);
    } catch (failure) {
      setError(message(failure, 'The masked image could not be kept. Try again.'));
    } finally {
      setBusy(null);
    }
  }

  function picked(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // the same file can be picked again after a refusal
    if (file) void take(file);
  }

  function dropped(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (busy || redacting) return;
    const files = event.dataTransfer.files;
    if (files.length > 1) setError('Drop one file at a time.');
    else if (files[0]) void take(files[0]);
  }

  const aadhaar = imageCode === IMAGE_CODE_AADHAAR;
  return (
    <div className="document-attach">
      <div
        className={`document-attach__zone${dragging ? ' document-attach__zone--over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = busy || redacting ? 'none' : 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={dropped}
      >
        <label htmlFor={`${id}-file`} className="document-attach__label">
          {label}
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept={ACCEPT}
          onChange={picked}
          disabled={Boolean(busy) || Boolean(redacting)}
          aria-describedby={`${id}-hint`}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {aadhaar
            ? `Choose or drop a JPEG or PNG of the Aadhaar; you will mask the number before it is kept. Up to ${kilobytes(limit)} once masked.`
            : `Choose or drop a JPEG, PNG, TIFF or PDF. Images are made smaller to fit ${kilobytes(limit)}; a PDF or TIFF must already fit.`}
        </p>
      </div>
      {busy && (
        <p className="muted" role="status">
          {busy}
        </p>
      )}
      {error && (
        <p className="alert alert--inline" role="alert">
          {error}
        </p>
      )}
      {attached && !busy && (
        <p className="outcome outcome--saved" role="status">
          Attached ({kilobytes(attached.bytes)}{attached.masked ? ', masked' : ''}).
        </p>
      )}
      {redacting && (
        <RedactionTool
          image={redacting}
          onDone={masked}
          onCancel={() => {
            setRedacting(null);
            setError(null);
          }}
        />
      )}
    </div>
  );
}
