import { useEffect, useMemo, useState } from 'react';
import type { SessionMedium } from '../../../shared/contract';
import type { MaskBox } from '../../../shared/documents/masking';
import { useAppStore } from '../state/app-store';
import { AadhaarKeep } from './AadhaarKeep';
import { inSentence } from './session-words';

/** Bytes from main → a blob URL for <img> or <video>, let go when the viewer closes. */
function useBlob(bytes: { base64: string; mime: string } | null): { blob: Blob; url: string } | null {
  const made = useMemo(() => {
    if (!bytes) return null;
    const binary = atob(bytes.base64);
    const array = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) array[i] = binary.charCodeAt(i);
    const blob = new Blob([array], { type: bytes.mime });
    return { blob, url: URL.createObjectURL(blob) };
  }, [bytes]);
  useEffect(() => () => (made ? URL.revokeObjectURL(made.url) : undefined), [made]);
  return made;
}

/**
 * One medium of a session, fetched by main only now that a person opened it and handed over in
 * memory: shown as an image or a video from a blob URL, kept only if the person keeps it (an image;
 * an Aadhaar image only masked, with the capture form's redaction tool).
 */
export function MediaViewer({ linkId, medium, onKept }: { linkId: string; medium: SessionMedium; onKept(): void }) {
  const api = useAppStore((s) => s.api);
  const [bytes, setBytes] = useState<{ base64: string; mime: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [kept, setKept] = useState<string | null>(null);
  const [masking, setMasking] = useState(false);
  const made = useBlob(bytes);
  const url = made?.url ?? null;

  useEffect(() => {
    if (!api) return undefined;
    let current = true;
    void api.invoke('videoKyc.media', { id: linkId, index: medium.index }).then((result) => {
      if (!current) return;
      if (result.ok) setBytes({ base64: result.value.base64, mime: result.value.mime });
      else setProblem(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [api, linkId, medium.index]);

  async function keep(boxes?: MaskBox[]) {
    if (!api) return;
    const result = await api.invoke('videoKyc.keepMedia', { id: linkId, index: medium.index, ...(boxes ? { boxes } : {}) });
    if (result.ok) {
      setMasking(false);
      setKept(result.value.masked ? 'Kept with this link, masked and encrypted like any document.' : 'Kept with this link, encrypted like any document.');
      onKept();
    } else setProblem(result.error.message);
  }

  if (problem) return <p className="outcome outcome--error" role="alert">{problem}</p>;
  if (!bytes || !url) return <p className="muted">Fetching the {inSentence(medium.label)} from the vendor…</p>;
  const image = bytes.mime.startsWith('image/');
  return (
    <figure className="vkyc-media" data-testid="vkyc-media" data-kind={medium.kind}>
      {image && <img src={url} alt={medium.label} data-testid="vkyc-media-image" />}
      {bytes.mime.startsWith('video/') && <video src={url} controls aria-label={medium.label} data-testid="vkyc-media-video" />}
      {!image && !bytes.mime.startsWith('video/') && (
        <a href={url} download={`${medium.kind}`}>
          Save the {inSentence(medium.label)} to this computer
        </a>
      )}
      <figcaption>
        {medium.label}. Shown from memory; nothing is kept on this computer unless you keep it.{' '}
        {image && !medium.aadhaar && !kept && (
          <button type="button" onClick={() => void keep()}>
            Keep with this link
          </button>
        )}
        {medium.aadhaar && ' An Aadhaar image is kept only masked. '}
        {image && medium.aadhaar && !kept && !masking && (
          <button type="button" onClick={() => setMasking(true)}>
            Mask and keep with this link
          </button>
        )}
        {kept && <span role="status">{kept}</span>}
      </figcaption>
      {masking && made && <AadhaarKeep image={made.blob} onKeep={(boxes) => keep(boxes)} onCancel={() => setMasking(false)} />}
    </figure>
  );
}
