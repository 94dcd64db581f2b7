import { useEffect, useMemo, useState } from 'react';
import type { SessionMedium } from '../../../shared/contract';
import { useAppStore } from '../state/app-store';
import { inSentence } from './session-words';

/** Bytes from main → a blob URL for <img> or <video>, let go when the viewer closes. */
function useBlobUrl(bytes: { base64: string; mime: string } | null): string | null {
  const url = useMemo(() => {
    if (!bytes) return null;
    const binary = atob(bytes.base64);
    const array = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) array[i] = binary.charCodeAt(i);
    return URL.createObjectURL(new Blob([array], { type: bytes.mime }));
  }, [bytes]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

/**
 * One medium of a session, fetched by main only now that a person opened it and handed over in
 * memory: shown as an image or a video from a blob URL, kept only if the person keeps it (an image;
 * an Aadhaar image is kept only masked, from the capture form's masking tool — not here).
 */
export function MediaViewer({ linkId, medium, onKept }: { linkId: string; medium: SessionMedium; onKept(): void }) {
  const api = useAppStore((s) => s.api);
  const [bytes, setBytes] = useState<{ base64: string; mime: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [kept, setKept] = useState<string | null>(null);
  const url = useBlobUrl(bytes);

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

  async function keep() {
    if (!api) return;
    const result = await api.invoke('videoKyc.keepMedia', { id: linkId, index: medium.index });
    if (result.ok) {
      setKept('Kept with this link, encrypted like any document.');
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
        {medium.aadhaar && ' An Aadhaar image is never kept unmasked.'}
        {kept && <span role="status">{kept}</span>}
      </figcaption>
    </figure>
  );
}
