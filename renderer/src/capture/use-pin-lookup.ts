import { useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../../shared/contract';
import { validatePinCode } from '../../../shared/validation';
import { announce } from '../app-events';
import { useAppStore } from '../state/app-store';

export type PinInfo = ResponseOf<'pins.lookup'> & { pin: string };

/** Look a valid PIN up in main's PIN master as soon as it is typed; `onFound` hears each answer. */
export function usePinLookup(pinCode: string, onFound: (info: PinInfo) => void): PinInfo | null {
  const api = useAppStore((s) => s.api);
  const [info, setInfo] = useState<PinInfo | null>(null);
  const listener = useRef(onFound);
  useEffect(() => {
    listener.current = onFound;
  });
  const check = validatePinCode(pinCode);
  const pin = check.ok ? check.value : null;

  useEffect(() => {
    if (!api || !pin) return;
    let current = true;
    void api.invoke('pins.lookup', { pin }).then((result) => {
      if (current && result.ok) {
        const answer = { ...result.value, pin };
        setInfo(answer);
        listener.current(answer);
        announce('pin-looked-up');
      }
    });
    return () => {
      current = false;
    };
  }, [api, pin]);

  return pin && info?.pin === pin ? info : null;
}
