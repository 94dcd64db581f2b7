import { z } from 'zod';
import { maskMobile } from '../../record/masking';
import { validateIndianMobile } from '../../validation/identifiers';
import type { FieldErrors, RecordKind } from '../record-kind';

export const DKYC_PUSH_KIND_ID = 'dkyc-push';

/** The holder's handle for the typed Aadhaar number: random letters and digits, never the number. */
export const AADHAAR_HANDLE = /^ah_[A-Za-z0-9_-]{16,60}$/;

/**
 * A push of one approved CKYC individual for digital KYC (docs/decisions/0044). It is a record of
 * its own kind so the sync engine pushes it exactly once, and audit and retention see it like any
 * record. It carries only the customer's reference, mobile number and the record it was pushed
 * for: the data itself is read from that record when the push is sent. The full Aadhaar number
 * the push needs is never here: `aadhaarHandle` names it in main's holder, which keeps it in memory
 * until the one request is sent (at most two minutes).
 *
 * It needs no second checker: the customer's record was approved by one, and only an operator who
 * may send (a checker or an admin) can push it (`approval: 'on-request'`).
 */
export const dkycPushSchema = z.object({
  /** The vendor's user_id: the customer record's reference. */
  userId: z.string().trim().min(1, 'Give the user id.').max(40).regex(/^[A-Za-z0-9]+$/, 'A user id has letters and digits only.'),
  phoneNumber: z.string().max(20),
  sourceRecordId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  aadhaarHandle: z.string().regex(AADHAAR_HANDLE),
  customerReference: z.string().max(30).optional(),
});
export type DkycPush = z.infer<typeof dkycPushSchema>;

const FIELD_LABELS: Readonly<Record<string, string>> = {
  userId: 'User id',
  phoneNumber: 'Mobile number',
  sourceRecordId: 'Customer record',
  aadhaarHandle: 'Aadhaar number',
};

/** The shape, then the mobile by the Indian rule (normalised to its 10 digits, as the vendor takes it). */
export function validateDkycPush(input: unknown): { ok: true; value: DkycPush } | { ok: false; errors: FieldErrors } {
  const parsed = dkycPushSchema.safeParse(input);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'userId'] ??= issue.message;
  }
  const raw = (input as { phoneNumber?: unknown } | null)?.phoneNumber;
  const phone = typeof raw === 'string' ? validateIndianMobile(raw) : null;
  if (phone === null) errors.phoneNumber ??= 'The customer record has no mobile number.';
  else if (!phone.ok) errors.phoneNumber = phone.reason;
  if (!parsed.success || phone === null || !phone.ok) return { ok: false, errors };
  return { ok: true, value: { ...parsed.data, phoneNumber: phone.value } };
}

export const DKYC_PUSH: RecordKind<DkycPush> = {
  id: DKYC_PUSH_KIND_ID,
  label: 'Digital KYC push',
  schema: dkycPushSchema,
  approval: 'on-request',
  steps: [{ id: 'push', title: 'Digital KYC push' }],
  stepOf: () => 'push',
  fieldLabel: (path) => FIELD_LABELS[path] ?? path,
  blank: () => ({ userId: '', phoneNumber: '', sourceRecordId: '', aadhaarHandle: '' }),
  validate: validateDkycPush,
  // A reference, a mobile number and two ids: nothing a person types freely.
  freeTextFields: () => [],
  columns: (push) => ({ name: `DIGITAL KYC PUSH: ${push.userId.toUpperCase()}`, panMasked: '', mobileMasked: maskMobile(push.phoneNumber) }),
  images: () => [],
  withImages: (push) => push,
  withReference: (push, reference) => ({ ...push, customerReference: reference }),
};
