import { FIELD_LABELS, type IndividualField } from '../../../shared/record/individual';

/**
 * The bulk route's per-individual error (status-check `error`) onto the capture form's fields.
 * The registry words each problem as `<field label>: <reason>` (wireIndividualProblems, and the
 * sandbox after it), several in one string; each known label becomes the record's field path, so
 * the maker sees the reason beside the field. Text that names no known field stays with the record
 * as a whole (the message, verbatim) and is not guessed at.
 */
const PATH_OF_FIELD: Record<IndividualField, string> = {
  firstName: 'firstName',
  lastName: 'lastName',
  gender: 'gender',
  dateOfBirth: 'dateOfBirth',
  pan: 'pan',
  mobile: 'contact.mobile',
  addressLine1: 'permanentAddress.line1',
  city: 'permanentAddress.cityOrVtc',
  state: 'permanentAddress.state',
  pinCode: 'permanentAddress.pinCode',
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LABELS = Object.entries(FIELD_LABELS) as Array<[IndividualField, string]>;
const LABEL_AT = new RegExp(`(?:^|(?<=\\s))(${LABELS.map(([, label]) => escape(label)).join('|')}): `, 'g');

export function bulkErrorFields(error: string): Record<string, string> | null {
  const starts = [...error.matchAll(LABEL_AT)];
  if (starts.length === 0) return null;
  const fields: Record<string, string> = {};
  starts.forEach((match, i) => {
    const field = LABELS.find(([, label]) => label === match[1])![0];
    const from = match.index + match[0].length;
    const to = i + 1 < starts.length ? starts[i + 1]!.index : error.length;
    const reason = error.slice(from, to).trim();
    const path = PATH_OF_FIELD[field];
    fields[path] = fields[path] === undefined ? reason : `${fields[path]} ${reason}`;
  });
  return fields;
}
