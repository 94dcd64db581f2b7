import { z } from 'zod';

/**
 * The KYC application form of a customer's record, made by main as a PDF from the stored record
 * (decision 0047): printed at the counter for the customer's wet signature, and the same form the
 * digital-KYC push sends for e-signing. Whoever may open the record may have its form.
 */
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const DIGITAL_KYC_FORM_CONTRACT = {
  'digitalKyc.form': {
    request: z.object({ recordId: id }).strict(),
    response: z.object({
      /** The PDF, base64 (a form with its photograph and signature is a few hundred KB). */
      base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
      /** What to save it as: the record's reference only. */
      fileName: z.string(),
    }),
  },
} as const;
