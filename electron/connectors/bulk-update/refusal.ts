import { errorResponseSchema, ERROR_TYPES, type ErrorType } from './wire';

/**
 * A refusal from the bulk update endpoint in plain words for branch staff: from the seed's
 * `errorResponse` (its `errorType`, `errorMessage`, `apiSubErrors`, `requestId`) when the answer
 * has one, else from the HTTP status alone (an HTML error page from a gateway included).
 */
export interface BulkRefusal {
  status: number;
  /** As the platform said it (one of ERROR_TYPES, or another word it chose); null when it said none. */
  errorType: string | null;
  message: string;
  /** Each sub-error the platform named: the field (or object) and its message. */
  fields: Array<{ field: string; message: string }>;
  requestId: string | null;
}

const TYPE_WORDS: Readonly<Record<ErrorType, string>> = {
  CLIENT_REQUEST_ABORT: 'The platform says the upload was cut off before it ended. Nothing was applied; send it again.',
  CLIENT_REQUEST_ERROR: 'The platform could not read the request. Nothing was applied.',
  INVALID_ACCESS: 'This connection has no access to that company on the platform. An admin should check the parent company id, or ask the platform to grant access.',
  RECORD_NOT_FOUND: 'The platform did not find what the update names (the company, or the address on the Connections screen is not the platform’s).',
  SYSTEM_ERROR: 'The platform had an internal error. Try again later; if it keeps happening, give the platform its request id.',
  UNAUTHORIZED: 'The platform did not accept the token. An admin should enter a fresh token on the Connections screen.',
  UNKNOWN_ERROR: 'The platform had an error it could not name. Try again later; if it keeps happening, give the platform its request id.',
  UNPROCESSABLE_REQUEST: 'The platform could not process the file. Nothing was applied.',
  VALIDATION_ERROR: 'The platform refused values in the request. Nothing was applied.',
};

const STATUS_WORDS: Readonly<Record<number, string>> = {
  400: 'The platform refused the request (HTTP 400). Nothing was applied.',
  401: TYPE_WORDS.UNAUTHORIZED,
  403: TYPE_WORDS.INVALID_ACCESS,
  404: 'The platform has no bulk update at this address (HTTP 404). An admin should check the base URL on the Connections screen.',
  422: TYPE_WORDS.UNPROCESSABLE_REQUEST,
};

const isErrorType = (value: string): value is ErrorType => (ERROR_TYPES as readonly string[]).includes(value);

/** The platform's own message, cut to a readable length, with nothing that could start a formula. */
function said(text: string | undefined): string {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  const words = clean.replace(/^[=+\-@]+/, '');
  return words === '' ? '' : ` It said: “${words}”${/[.!?]$/.test(words) ? '' : '.'}`;
}

export function refusalInWords(status: number, body: unknown): BulkRefusal {
  const envelope = body && typeof body === 'object' ? (body as { errorResponse?: unknown }).errorResponse : undefined;
  const parsed = errorResponseSchema.safeParse(envelope);
  const error = parsed.success ? parsed.data : null;
  const type = error?.errorType ?? null;
  const base = type && isErrorType(type) ? TYPE_WORDS[type] : type ? `The platform refused the update (“${type.slice(0, 60)}”, HTTP ${status}).` : (STATUS_WORDS[status] ?? `The platform refused the request (HTTP ${status}). Nothing was applied.`);
  const fields = (error?.apiSubErrors ?? []).slice(0, 200).flatMap((sub) => {
    const message = typeof sub.message === 'string' ? sub.message.slice(0, 300) : '';
    const field = typeof sub.field === 'string' ? sub.field : typeof sub.object === 'string' ? sub.object : '';
    return message === '' && field === '' ? [] : [{ field: field.slice(0, 100), message }];
  });
  return { status, errorType: type, message: `${base}${said(error?.errorMessage)}`, fields, requestId: error?.requestId?.slice(0, 100) ?? null };
}
