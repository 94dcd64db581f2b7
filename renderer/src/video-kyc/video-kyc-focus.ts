import { create } from 'zustand';

/**
 * A customer record the Video KYC screen should send a link for (its Review page's button). The
 * screen takes it and clears it; a record is never sent to without a person pressing Send.
 */
export const useVideoKycFocus = create<{ recordId: string | null; reference: string | null; open(recordId: string, reference: string): void; clear(): void }>((set) => ({
  recordId: null,
  reference: null,
  open: (recordId, reference) => set({ recordId, reference }),
  clear: () => set({ recordId: null, reference: null }),
}));
