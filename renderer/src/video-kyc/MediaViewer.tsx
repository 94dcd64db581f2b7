import { useEffect, useState } from 'react';
import type { SessionMedium } from '../../../shared/contract';
import type { MaskBox } from '../../../shared/documents/masking';
import { letGoOfBlob, useLastPlayer } from '../shell/blob-player';
import { useAppStore } from '../state/app-store';
import { AadhaarKeep } from './AadhaarKeep';
import { inSentence } from './session-words';

/** A medium's bytes as main handed them over, in memory, and the blob: URL the page shows them by. */
interface Shown {
  /** Which medium these are: a viewer handed another keeps nothing of the one before, whose URL is gone. */
  of: string;
  mime: string;
  blob: Blob;
  url: string;
}

function blobOf(base64: string, mime: string): Blob {
  const binary = atob(base64);
  const array = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) array[i] = binary.charCodeAt(i);
  return new Blob([array], { type: mime });
}

/**
 * One medium of a session, fetched by main only now that a person opened it and handed over in
 * memory: shown as an image or a video from a blob URL, kept only if the person keeps it (an image;
 * an Aadhaar image only masked, with the capture form's redaction tool). The URL is made when the
 * bytes arrive and revoked when the viewer closes, after the image or player has let go of it.
 */
export function MediaViewer({ linkId, medium, onKept }: { linkId: string; medium: SessionMedium; onKept(): void }) {
  const api = useAppStore((s) => s.api);
  const [shown, setShown] = useState<Shown | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [kept, setKept] = useState<string | null>(null);
  const [masking, setMasking] = useState(false);
  const { attach, last: lastShower } = useLastPlayer<HTMLVideoElement | HTMLImageElement>();

  useEffect(() => {
    if (!api) return undefined;
    let current = true;
    let url: string | null = null;
    void api.invoke('videoKyc.media', { id: linkId, index: medium.index }).then((result) => {
      if (!current) return;
      if (result.ok) {
        const blob = blobOf(result.value.base64, result.value.mime);
        url = URL.createObjectURL(blob);
        setShown({ of: `${linkId}/${medium.index}`, mime: result.value.mime, blob, url });
      } else setProblem(result.error.message);
    });
    return () => {
      current = false;
      if (url) letGoOfBlob(url, lastShower());
    };
  }, [api, linkId, medium.index, lastShower]);

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
  if (!shown || shown.of !== `${linkId}/${medium.index}`) return <p className="muted">Fetching the {inSentence(medium.label)} from the vendor…</p>;
  const { url, mime } = shown;
  const image = mime.startsWith('image/');
  return (
    <figure className="vkyc-media" data-testid="vkyc-media" data-kind={medium.kind}>
      {image && <img ref={attach} src={url} alt={medium.label} data-testid="vkyc-media-image" />}
      {mime.startsWith('video/') && <video ref={attach} src={url} controls aria-label={medium.label} data-testid="vkyc-media-video" />}
      {!image && !mime.startsWith('video/') && (
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
      {masking && <AadhaarKeep image={shown.blob} onKeep={(boxes) => keep(boxes)} onCancel={() => setMasking(false)} />}
    </figure>
  );
}
