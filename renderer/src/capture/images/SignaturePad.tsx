import { useEffect, useId, useRef, useState } from 'react';
import SignaturePadLibrary from 'signature_pad';
import { IMAGE_CODE_SIGNATURE } from '../../../../shared/codes/ckyc-codes';
import { DEFAULT_DOCUMENT_LIMITS, kilobytes } from '../../../../shared/documents/limits';
import type { KycImage } from '../../../../shared/record/kyc-record';
import { useAppStore } from '../../state/app-store';
import { context2d, drawToCanvas, releaseCanvas } from './canvas';
import { fitJpegToLimit } from './compress';
import { DEFAULT_PEN, inkBounds, PAD_HEIGHT, PAD_WIDTH, penWidths } from './signature';
import { storeImage } from './store-image';

const message = (error: unknown, fallback: string) => (error instanceof Error && error.message ? error.message : fallback);

/** The ink on the pad, cropped to itself on white, as a JPEG within the document limit (CKYC takes JPEG, not PNG). */
async function signatureJpeg(canvas: HTMLCanvasElement, limitBytes: number): Promise<Blob> {
  const pixels = context2d(canvas).getImageData(0, 0, canvas.width, canvas.height);
  const ink = inkBounds(pixels.data, canvas.width, canvas.height);
  if (!ink) throw new Error('Nothing is signed yet. Ask the customer to sign in the box.');
  const cropped = drawToCanvas(canvas, ink, { width: ink.width, height: ink.height });
  try {
    return (await fitJpegToLimit(cropped, limitBytes)).blob;
  } finally {
    releaseCanvas(cropped);
  }
}

/**
 * The customer signs on the screen — a pen tablet, a touch screen or the mouse, through pointer
 * events (signature_pad), a pen's pressure widening its line — with undo and clear; kept as a JPEG
 * of the ink, image code 09, through `documents.put`.
 */
export function SignaturePad({ onSigned }: { onSigned: (image: KycImage) => void }) {
  const api = useAppStore((s) => s.api);
  const limits = useAppStore((s) => s.info?.documentLimits) ?? DEFAULT_DOCUMENT_LIMITS;
  const id = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadLibrary | null>(null);
  const [strokes, setStrokes] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [kept, setKept] = useState<KycImage | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // As many canvas pixels as the screen has per CSS pixel, so a pen's line is as sharp as it looks.
    const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
    canvas.width = PAD_WIDTH * ratio;
    canvas.height = PAD_HEIGHT * ratio;
    let pad: SignaturePadLibrary;
    try {
      context2d(canvas).scale(ratio, ratio);
      pad = new SignaturePadLibrary(canvas, { backgroundColor: 'rgb(255, 255, 255)', penColor: '#10233f', ...DEFAULT_PEN });
    } catch (failure) {
      // Said once the effect is over: without a pad, the scanned signature below is the way.
      void Promise.resolve().then(() => setError(message(failure, 'The signature pad could not start on this PC. Attach a scanned signature instead.')));
      return;
    }
    // The width a stroke is drawn with follows the pen's pressure as it moves.
    const onPoint = (event: Event) => {
      const pointer = (event as CustomEvent<{ event: Event }>).detail.event;
      if (!(pointer instanceof PointerEvent)) return;
      const widths = penWidths(pointer.pointerType, pointer.pressure);
      const groups = pad.toData();
      const current = groups[groups.length - 1];
      if (current) Object.assign(current, widths);
      Object.assign(pad, widths);
    };
    const onEnd = () => {
      setStrokes(pad.toData().length);
      setKept(null);
    };
    pad.addEventListener('beforeUpdateStroke', onPoint);
    pad.addEventListener('endStroke', onEnd);
    padRef.current = pad;
    return () => {
      pad.removeEventListener('beforeUpdateStroke', onPoint);
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
      padRef.current = null;
    };
  }, []);

  function undo() {
    const pad = padRef.current;
    if (!pad) return;
    const groups = pad.toData().slice(0, -1);
    pad.fromData(groups);
    setStrokes(groups.length);
    setKept(null);
  }

  function clear() {
    padRef.current?.clear();
    setStrokes(0);
    setKept(null);
    setError(null);
  }

  async function keep() {
    const canvas = canvasRef.current;
    if (!canvas || !padRef.current) return;
    setError(null);
    if (padRef.current.isEmpty()) {
      setError('Nothing is signed yet. Ask the customer to sign in the box.');
      return;
    }
    setBusy(true);
    try {
      const image = await storeImage(api, IMAGE_CODE_SIGNATURE, await signatureJpeg(canvas, limits.documentBytes));
      setKept(image);
      onSigned(image);
    } catch (failure) {
      setError(message(failure, 'The signature could not be kept. Try again.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="signature-pad" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Sign on the screen</h4>
      <p className="field__hint" id={`${id}-hint`}>
        The customer signs in the box with the pen, a finger or the mouse. Undo takes back the last stroke.
      </p>
      <canvas
        ref={canvasRef}
        className="signature-pad__canvas"
        style={{ width: PAD_WIDTH, height: PAD_HEIGHT }}
        role="img"
        aria-label="Signature box"
        aria-describedby={`${id}-hint`}
        data-testid="signature-canvas"
      />
      {error && (
        <p className="alert alert--inline" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void keep()} disabled={busy || strokes === 0}>
          Keep this signature
        </button>
        <button type="button" className="secondary" onClick={undo} disabled={busy || strokes === 0}>
          Undo last stroke
        </button>
        <button type="button" className="secondary" onClick={clear} disabled={busy || strokes === 0}>
          Clear
        </button>
        {busy && (
          <p className="muted" role="status">
            Keeping the signature…
          </p>
        )}
        {kept && !busy && (
          <p className="outcome outcome--saved" role="status">
            Signature kept ({kilobytes(kept.bytes)}).
          </p>
        )}
      </div>
    </section>
  );
}
