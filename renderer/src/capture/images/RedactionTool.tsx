import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { MaskBox } from '../../../../shared/documents/masking';
import { encodeJpeg, releaseCanvas } from './canvas';
import { burnBoxes } from './burn';
import { boxAfterKey, boxFromDrag, centredBox, isDeliberateDrag, moveBox, toImagePoint, type Box, type Point } from './redact';

/** What the tool hands over: the image with the boxes burnt in, and the boxes, for main to burn again. */
export interface MaskedHandover {
  image: Blob;
  boxes: MaskBox[];
}

interface Props {
  /** Already no larger than the document long edge: the boxes are in its pixels. */
  image: ImageBitmap;
  /** Keeps the masked image (through main); a failure is shown by the caller. */
  onDone: (masked: MaskedHandover) => Promise<void>;
  onCancel: () => void;
}

/** High, so main's own encode to the limit starts from nearly the original pixels. */
const HANDOVER_QUALITY = 0.92;

interface NamedBox extends Box {
  id: number;
}

type Drag = { mode: 'draw'; start: Point; now: Point } | { mode: 'move'; id: number; grab: Point; origin: Box };

const inside = (p: Point, b: Box) => p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;

/**
 * Masking of an Aadhaar image: opaque boxes drawn with the mouse, or added and moved with the
 * keyboard alone. The boxes are burnt into a copy here, so the digits never leave this window, and
 * handed to main with that copy: main burns them again, fits the JPEG to the limit and stores only
 * its own result (masking is main's job, not this tool's word). The original stays in memory.
 */
// eslint-disable-next-line max-lines-per-function -- the boxes, pointer and keyboard handling and the burn-in share one canvas state
export function RedactionTool({ image, onDone, onCancel }: Props) {
  const id = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const nextId = useRef(1);
  const [boxes, setBoxes] = useState<NamedBox[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const bounds = { width: image.width, height: image.height };

  // The preview: the image, every box already solid black (what will be stored), the selected
  // one outlined, and the box being drawn.
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    canvas.width = image.width;
    canvas.height = image.height;
    context.drawImage(image, 0, 0);
    context.fillStyle = '#000';
    for (const box of boxes) context.fillRect(box.x, box.y, box.width, box.height);
    const line = Math.max(2, Math.round(Math.max(image.width, image.height) / 300));
    context.lineWidth = line;
    const chosen = boxes.find((b) => b.id === selected);
    if (chosen) {
      context.strokeStyle = '#ffd45c';
      context.setLineDash([line * 3, line * 2]);
      context.strokeRect(chosen.x - line / 2, chosen.y - line / 2, chosen.width + line, chosen.height + line);
    }
    if (drag?.mode === 'draw') {
      const box = boxFromDrag(drag.start, drag.now, { width: image.width, height: image.height });
      context.setLineDash([]);
      context.strokeStyle = '#1f6feb';
      context.fillStyle = 'rgba(0, 0, 0, 0.6)';
      context.fillRect(box.x, box.y, box.width, box.height);
      context.strokeRect(box.x, box.y, box.width, box.height);
    }
  }, [image, boxes, selected, drag]);

  const point = (event: PointerEvent<HTMLCanvasElement>): Point =>
    toImagePoint({ x: event.clientX, y: event.clientY }, event.currentTarget.getBoundingClientRect(), bounds);

  function addBox(box: Box, how: string) {
    const named = { ...box, id: nextId.current++ };
    setBoxes((list) => [...list, named]);
    setSelected(named.id);
    setSaid(`Box ${named.id} ${how}. Arrow keys move it, Shift with the arrow keys resizes it.`);
    return named;
  }

  function onPointerDown(event: PointerEvent<HTMLCanvasElement>) {
    if (busy || event.button !== 0) return;
    const at = point(event);
    event.currentTarget.setPointerCapture(event.pointerId);
    const hit = [...boxes].reverse().find((b) => inside(at, b));
    if (hit) {
      setSelected(hit.id);
      setDrag({ mode: 'move', id: hit.id, grab: at, origin: hit });
    } else {
      setDrag({ mode: 'draw', start: at, now: at });
    }
  }

  function onPointerMove(event: PointerEvent<HTMLCanvasElement>) {
    if (!drag) return;
    const at = point(event);
    if (drag.mode === 'draw') setDrag({ ...drag, now: at });
    else {
      const moved = moveBox(drag.origin, at.x - drag.grab.x, at.y - drag.grab.y, bounds);
      setBoxes((list) => list.map((b) => (b.id === drag.id ? { ...moved, id: b.id } : b)));
    }
  }

  function onPointerUp(event: PointerEvent<HTMLCanvasElement>) {
    if (!drag) return;
    if (drag.mode === 'draw') {
      const at = point(event);
      if (isDeliberateDrag(drag.start, at, bounds)) addBox(boxFromDrag(drag.start, at, bounds), 'drawn');
    }
    setDrag(null);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (busy || selected === null) return;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      remove(selected);
      return;
    }
    const box = boxes.find((b) => b.id === selected);
    const next = box && boxAfterKey(box, event.key, event.shiftKey, bounds);
    if (!box || !next) return;
    event.preventDefault();
    setBoxes((list) => list.map((b) => (b.id === box.id ? { ...next, id: b.id } : b)));
  }

  function remove(boxId: number) {
    setBoxes((list) => list.filter((b) => b.id !== boxId));
    setSelected((current) => (current === boxId ? null : current));
    setSaid(`Box ${boxId} removed.`);
  }

  async function apply() {
    setBusy(true);
    setError(null);
    const burnt = burnBoxes(image, boxes);
    try {
      const jpeg = await encodeJpeg(burnt, HANDOVER_QUALITY);
      await onDone({ image: jpeg, boxes: boxes.map(({ x, y, width, height }) => ({ x, y, width, height })) });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The masked image could not be made.');
    } finally {
      releaseCanvas(burnt);
      setBusy(false);
    }
  }

  const canApply = boxes.length > 0 && confirmed && !busy;
  return (
    <section className="redaction" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Mask the Aadhaar number</h3>
      <p className="muted" id={`${id}-help`}>
        Cover the first 8 digits of the Aadhaar number and the QR code with black boxes: drag over them with the mouse, or press Add a box and move it with the
        arrow keys (Shift with the arrow keys resizes it). Only the masked copy is kept.
      </p>
      <canvas
        ref={canvasRef}
        className="redaction__canvas"
        tabIndex={0}
        role="application"
        aria-label={`The Aadhaar image with ${boxes.length === 1 ? 'one masking box' : `${boxes.length} masking boxes`}${selected !== null ? `; box ${selected} is selected` : ''}`}
        aria-describedby={`${id}-help`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
        onKeyDown={onKeyDown}
      />
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            addBox(centredBox(bounds), 'added in the centre');
            canvasRef.current?.focus();
          }}
          disabled={busy}
        >
          Add a box
        </button>
      </div>
      {boxes.length > 0 && (
        <ul className="redaction__boxes" aria-label="Masking boxes">
          {boxes.map((box) => (
            <li key={box.id}>
              <button type="button" className="small secondary" aria-pressed={box.id === selected} onClick={() => setSelected(box.id)} onKeyDown={onKeyDown}>
                Box {box.id}: {box.width}×{box.height} px at {box.x}, {box.y}
              </button>
              <button type="button" className="small secondary" onClick={() => remove(box.id)} aria-label={`Remove box ${box.id}`} disabled={busy}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {said}
      </p>
      <label className="redaction__confirm">
        <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} disabled={busy} />
        The first 8 digits of the Aadhaar number and the QR code are covered
      </label>
      {error && (
        <p className="alert alert--inline" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void apply()} disabled={!canApply}>
          {busy ? 'Masking…' : 'Apply masking'}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </section>
  );
}
