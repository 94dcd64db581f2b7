import { z } from 'zod';
import { validateIndianMobile } from '../../validation/identifiers';
import { maskMobile } from '../../record/masking';
import type { FieldErrors, RecordKind } from '../record-kind';

export const VIDEO_KYC_LINK_KIND_ID = 'video-kyc-link';

/** The link type the vendor offers by default (seed 002); an admin may list others. */
export const DEFAULT_LINK_TYPE = 'free';

/** The vendor's user id: letters and digits only, at most this many (our references are 12 or 16). */
export const USER_ID_MAX = 40;

/** Letters, digits, underscores and hyphens: how a link type is written; the admin's list says which exist. */
export const LINK_TYPE_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * A request for a video-KYC link (docs/decisions/0042): the customer who cannot finish KYC at the
 * counter gets a link on their phone. It is a record of its own kind so the sync engine sends it
 * exactly once, audit and retention see it like any record. It carries only a phone number and a
 * reference, so it needs no checker: it is ready as soon as the asking operator saves it
 * (`approval: 'on-request'`).
 *
 * `userId` is the vendor's user_id: the source record's customer reference, or typed.
 * `sourceRecordId` names the CKYC individual it was sent for, if any; its verdict is written there.
 */
export const videoKycLinkSchema = z.object({
  userId: z.string().trim().min(1, 'Give the user id.').max(USER_ID_MAX, `A user id has at most ${USER_ID_MAX} letters and digits.`).regex(/^[A-Za-z0-9]+$/, 'A user id has letters and digits only.'),
  phoneNumber: z.string().max(20),
  sendNotification: z.boolean(),
  linkType: z.string().regex(LINK_TYPE_PATTERN, 'A link type is a short word of letters and digits, as the admin listed it.'),
  sourceRecordId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
  customerReference: z.string().max(30).optional(),
});
export type VideoKycLink = z.infer<typeof videoKycLinkSchema>;

const FIELD_LABELS: Readonly<Record<string, string>> = {
  userId: 'User id',
  phoneNumber: 'Phone number',
  sendNotification: 'Send the link by SMS',
  linkType: 'Link type',
  sourceRecordId: 'Customer record',
};

/** The shape, then the phone number by the Indian mobile rule (normalised to its 10 digits). */
export function validateVideoKycLink(input: unknown): { ok: true; value: VideoKycLink } | { ok: false; errors: FieldErrors } {
  const parsed = videoKycLinkSchema.safeParse(input);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'userId'] ??= issue.message;
  }
  const phone = typeof (input as { phoneNumber?: unknown } | null)?.phoneNumber === 'string' ? validateIndianMobile((input as { phoneNumber: string }).phoneNumber) : null;
  if (phone === null) errors.phoneNumber ??= 'Enter the mobile number.';
  else if (!phone.ok) errors.phoneNumber = phone.reason;
  if (!parsed.success || phone === null || !phone.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { ...parsed.data, phoneNumber: phone.value } };
}

export const VIDEO_KYC_LINK: RecordKind<VideoKycLink> = {
  id: VIDEO_KYC_LINK_KIND_ID,
  label: 'Video KYC link',
  schema: videoKycLinkSchema,
  approval: 'on-request',
  steps: [{ id: 'link', title: 'Video KYC link' }],
  stepOf: () => 'link',
  fieldLabel: (path) => FIELD_LABELS[path] ?? path,
  blank: () => ({ userId: '', phoneNumber: '', sendNotification: true, linkType: DEFAULT_LINK_TYPE }),
  validate: validateVideoKycLink,
  // The user id is a reference and the phone a mobile number: nothing a person types freely.
  freeTextFields: () => [],
  columns: (link) => ({ name: `VIDEO KYC LINK: ${link.userId.toUpperCase()}`, panMasked: '', mobileMasked: maskMobile(link.phoneNumber) }),
  images: () => [],
  withImages: (link) => link,
  withReference: (link, reference) => ({ ...link, customerReference: reference }),
};
