import type { KycDeskApi } from '../../../shared/contract';
import { connectPreview, takePreviewCredential } from './preview-client';

declare global {
  interface Window {
    kycDesk?: KycDeskApi;
  }
}

export type BridgeChoice = { api: KycDeskApi; host: 'electron' | 'preview' } | { api: null; problem: string };

/** In Electron the preload provides `window.kycDesk`; in the browser preview a socket does. */
export function chooseBridge(onConnectionLost: (problem?: string) => void): BridgeChoice {
  if (window.kycDesk) return { api: window.kycDesk, host: 'electron' };
  const credential = takePreviewCredential();
  if (!credential) {
    return { api: null, problem: 'This page needs the full address printed by “npm run preview”, including its one-time access token.' };
  }
  return { api: connectPreview(credential, onConnectionLost), host: 'preview' };
}
