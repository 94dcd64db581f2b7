import { useEffect, useState } from 'react';
import { kilobytes } from '../../../../shared/documents/limits';
import { useAppStore } from '../../state/app-store';
import { loadImage } from './store-image';

type Shown = { hash: string; url: string | null; bytes: number; error: string | null };

/** Kinds an <img> cannot show (Chromium has no TIFF decoder): a tile with the kind and size. */
const TILE_NAMES: Record<string, string> = { 'application/pdf': 'PDF document', 'image/tiff': 'TIFF image' };

/**
 * A stored document, fetched through `documents.get` and shown from a blob: URL made from the
 * bytes in memory (never written anywhere); the URL is revoked when it is no longer shown.
 */
export function StoredImage({ hash, mime, alt }: { hash: string; mime: string; alt: string }) {
  const api = useAppStore((s) => s.api);
  const [shown, setShown] = useState<Shown | null>(null);
  const tile = TILE_NAMES[mime];

  useEffect(() => {
    let cancelled = false;
    let url: string | null = null;
    void loadImage(api, hash).then(
      (loaded) => {
        if (cancelled) return;
        url = TILE_NAMES[loaded.mime] ? null : URL.createObjectURL(new Blob([loaded.bytes], { type: loaded.mime }));
        setShown({ hash, url, bytes: loaded.bytes.length, error: null });
      },
      (failure: unknown) => {
        if (!cancelled) setShown({ hash, url: null, bytes: 0, error: failure instanceof Error ? failure.message : 'The document could not be shown.' });
      },
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, hash]);

  const current = shown?.hash === hash ? shown : null;
  if (current?.error) {
    return (
      <p className="stored-image stored-image--error" role="alert">
        {alt}: {current.error}
      </p>
    );
  }
  if (!current) {
    return (
      <p className="stored-image stored-image--loading muted" role="status">
        Loading {alt}…
      </p>
    );
  }
  if (tile || !current.url) {
    return (
      <p className="stored-image stored-image--tile" role="img" aria-label={`${alt}: ${tile ?? 'document'}, ${kilobytes(current.bytes)}`}>
        {tile ?? 'Document'}, {kilobytes(current.bytes)}
      </p>
    );
  }
  return <img className="stored-image" src={current.url} alt={alt} />;
}
