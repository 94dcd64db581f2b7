import { useState } from 'react';

/**
 * A video player fed from a blob: URL reads the blob lazily, range by range, for as long as it has
 * that source — even after React has taken it off the page. Revoking the URL first would leave it
 * asking for a URL that is gone (a "file not found" per request). So the player is first told to
 * let go of its source, then the URL is revoked.
 */
export function letGoOfBlob(url: string, player: HTMLMediaElement | null): void {
  if (player && player.getAttribute('src') === url) {
    player.removeAttribute('src');
    player.load(); // stops whatever it was still reading
  }
  URL.revokeObjectURL(url);
}

/**
 * A ref callback that remembers the last player it was given (React clears refs before effects
 * clean up), in a holder of its own rather than a React ref: it is read only in effect clean-ups.
 */
export function useLastPlayer(): { attach: (element: HTMLVideoElement | null) => void; last: () => HTMLVideoElement | null } {
  const [holder] = useState(() => new PlayerHolder());
  return holder.api;
}

class PlayerHolder {
  private element: HTMLVideoElement | null = null;
  readonly api = {
    attach: (element: HTMLVideoElement | null) => {
      if (element) this.element = element;
    },
    last: () => this.element,
  };
}
