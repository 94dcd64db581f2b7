/**
 * Named milestones (app-ready, record-saved, sync-finished …) that end-to-end tests wait on
 * instead of sleeping. They carry no data, only names.
 */
declare global {
  interface Window {
    __kycDeskEvents?: string[];
  }
}

export function announce(name: string): void {
  (window.__kycDeskEvents ??= []).push(name);
  window.dispatchEvent(new CustomEvent('kyc-desk', { detail: { name } }));
}
