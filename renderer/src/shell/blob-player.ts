import { useState } from 'react';

/** An element that reads its bytes from a blob: URL given as its src. */
export type BlobShower = HTMLMediaElement | HTMLImageElement;

/**
 * A video player fed from a blob: URL reads the blob lazily, range by range, for as long as it has
 * that source — even after React has taken it off the page. Revoking the URL first would leave it
 * asking for a URL that is gone (a "file not found" per request). So the element is first told to
 * let go of its source, then the URL is revoked. An image is let go of the same way, so that
 * nothing left holding the URL can ask for it again.
 */
export function letGoOfBlob(url: string, element: BlobShower | null): void {
  if (element && element.getAttribute('src') === url) {
    element.removeAttribute('src');
    if (element instanceof HTMLMediaElement) element.load(); // stops whatever it was still reading
  }
  URL.revokeObjectURL(url);
}

/**
 * A ref callback that remembers the last element it was given (React clears refs before effects
 * clean up), in a holder of its own rather than a React ref: it is read only in effect clean-ups.
 */
export function useLastPlayer<E extends BlobShower = HTMLVideoElement>(): { attach: (element: E | null) => void; last: () => E | null } {
  const [holder] = useState(() => new PlayerHolder<E>());
  return holder.api;
}

class PlayerHolder<E> {
  private element: E | null = null;
  readonly api = {
    attach: (element: E | null) => {
      if (element) this.element = element;
    },
    last: () => this.element,
  };
}
