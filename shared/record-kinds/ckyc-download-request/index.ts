import { z } from 'zod';
import type { FieldErrors, RecordKind } from '../record-kind';

export const CKYC_DOWNLOAD_REQUEST_KIND_ID = 'ckyc-download-request';

/** The most people one request asks for (the registry's download takes 1,000 a batch; a request fits one). */
export const MAX_PEOPLE_PER_REQUEST = 1000;

/**
 * One person to fetch: their CKYC number (or the registry's reference id) with the date of birth
 * (YYYY-MM-DD) or the registered mobile number — the seed requires one of the two. `recordId`
 * names the record in this store the person was picked from, if any.
 */
export const downloadPersonSchema = z.object({
  ckycNumber: z.string().trim().regex(/^[0-9A-Za-z]{1,32}$/, 'A CKYC number is 14 digits (or the registry\'s reference id: letters and digits).'),
  dob: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'The date of birth is a calendar date.').optional(),
  mobile: z.string().regex(/^\d{10}$/, 'The registered mobile number is 10 digits.').optional(),
  recordId: z.string().min(1).max(64).optional(),
});
export type DownloadPerson = z.infer<typeof downloadPersonSchema>;

/**
 * A request to fetch people's records from the CKYC registry (bulk download). It is a record of its
 * own kind so that maker–checker, the queue, the sync engine, audit and retention treat it as any
 * record: a maker saves it, a checker approves and sends it (docs/decisions/0039).
 */
export const downloadRequestSchema = z.object({
  people: z.array(downloadPersonSchema).min(1).max(MAX_PEOPLE_PER_REQUEST),
  customerReference: z.string().max(30).optional(),
});
export type DownloadRequest = z.infer<typeof downloadRequestSchema>;

const FIELD_LABELS: Readonly<Record<string, string>> = { people: 'People to fetch', ckycNumber: 'CKYC number', dob: 'Date of birth', mobile: 'Registered mobile number' };

function label(path: string): string {
  return FIELD_LABELS[path.split('.').pop() ?? ''] ?? FIELD_LABELS.people ?? path;
}

/** Every person's first problem by path ('people.2.dob'); a CKYC number asked twice in one request is refused. */
function validateRequest(input: unknown): { ok: true; value: DownloadRequest } | { ok: false; errors: FieldErrors } {
  const parsed = downloadRequestSchema.safeParse(input);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'people'] ??= issue.message;
    return { ok: false, errors };
  }
  const seen = new Set<string>();
  parsed.data.people.forEach((person, index) => {
    if (person.dob === undefined && person.mobile === undefined) errors[`people.${index}.dob`] = 'Give the date of birth or the registered mobile number: the registry needs one of the two.';
    const key = person.ckycNumber.toUpperCase();
    if (seen.has(key)) errors[`people.${index}.ckycNumber`] = `CKYC number ${person.ckycNumber} is already in this request.`;
    seen.add(key);
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: parsed.data };
}

export const CKYC_DOWNLOAD_REQUEST: RecordKind<DownloadRequest> = {
  id: CKYC_DOWNLOAD_REQUEST_KIND_ID,
  label: 'CKYC download request',
  schema: downloadRequestSchema,
  steps: [{ id: 'people', title: 'People to fetch' }],
  stepOf: () => 'people',
  fieldLabel: label,
  blank: () => ({ people: [] }),
  validate: validateRequest,
  // Only CKYC numbers, dates and mobile numbers: nothing a person types freely.
  freeTextFields: () => [],
  columns: (request) => ({
    name: `CKYC DOWNLOAD: ${request.people.length} ${request.people.length === 1 ? 'PERSON' : 'PEOPLE'}`,
    panMasked: '',
    mobileMasked: '',
  }),
  images: () => [],
  withImages: (request) => request,
  withReference: (request, reference) => ({ ...request, customerReference: reference }),
};
