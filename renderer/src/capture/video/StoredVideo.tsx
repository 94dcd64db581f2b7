import { useEffect, useState } from 'react';
import { megabytes } from '../../../../shared/documents/in-person-video';
import { useAppStore } from '../../state/app-store';
import { loadImage } from '../images/store-image';
import { letGoOfBlob, useLastPlayer } from '../../shell/blob-player';

type Shown = { hash: string; url: string | null; bytes: number; error: string | null };

/**
 * A stored video, fetched through `documents.get` into memory and played from a blob: URL made
 * from those bytes (never written to a file); the URL is revoked when the player closes.
 */
export function StoredVideo({ hash, label }: { hash: string; label: string }) {
  const api = useAppStore((s) => s.api);
  const [shown, setShown] = useState<Shown | null>(null);
  const { attach: attachPlayer, last: lastPlayer } = useLastPlayer();

  useEffect(() => {
    let cancelled = false;
    let url: string | null = null;
    void loadImage(api, hash).then(
      (loaded) => {
        if (cancelled) return;
        url = URL.createObjectURL(new Blob([loaded.bytes], { type: loaded.mime }));
        setShown({ hash, url, bytes: loaded.bytes.length, error: null });
      },
      (failure: unknown) => {
        if (!cancelled) setShown({ hash, url: null, bytes: 0, error: failure instanceof Error ? failure.message : 'The video could not be played.' });
      },
    );
    return () => {
      cancelled = true;
      if (url) letGoOfBlob(url, lastPlayer());
    };
  }, [api, hash, lastPlayer]);

  const current = shown?.hash === hash ? shown : null;
  if (current?.error || (current && !current.url)) {
    return (
      <p className="stored-video stored-video--error" role="alert">
        {label}: {current.error ?? 'The video could not be played.'}
      </p>
    );
  }
  if (!current?.url) {
    return (
      <p className="stored-video stored-video--loading muted" role="status">
        Loading {label}…
      </p>
    );
  }
  return (
    <figure className="stored-video">
      <video ref={attachPlayer} src={current.url} controls playsInline preload="metadata" aria-label={label} />
      <figcaption className="muted">{megabytes(current.bytes)}</figcaption>
    </figure>
  );
}
