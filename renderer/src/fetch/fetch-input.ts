import { storedDate } from '../../../shared/dates/typed-date';

/** One person to fetch as the operator typed it: dob is an ISO date once typed whole (DateInput's value). */
export interface FetchRow {
  ckycNumber: string;
  dob: string;
  mobile: string;
}

/** What goes on the wire for one person (fetch.request's `people`). */
export interface FetchPersonInput {
  ckycNumber: string;
  dob?: string;
  mobile?: string;
}

export type RowProblems = Partial<Record<keyof FetchRow, string>>;

const CKYC_NUMBER = /^[0-9A-Za-z]{1,32}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MOBILE = /^\d{10}$/;

export const emptyRow = (): FetchRow => ({ ckycNumber: '', dob: '', mobile: '' });

export function isBlankRow(row: FetchRow): boolean {
  return row.ckycNumber.trim() === '' && row.dob.trim() === '' && row.mobile.trim() === '';
}

/** The row's problems, said as the field beside them shows them; none for a row ready to send. */
export function rowProblems(row: FetchRow): RowProblems {
  const problems: RowProblems = {};
  const number = row.ckycNumber.trim();
  if (number === '') problems.ckycNumber = 'Enter the CKYC number.';
  else if (!CKYC_NUMBER.test(number)) problems.ckycNumber = 'A CKYC number is 14 digits (or the registry’s reference id: letters and digits).';
  const dob = row.dob.trim();
  const mobile = row.mobile.replace(/\s/g, '');
  if (dob !== '' && !ISO_DATE.test(dob)) problems.dob = 'Type the date of birth as DD/MM/YYYY.';
  if (mobile !== '' && !MOBILE.test(mobile)) problems.mobile = 'The registered mobile number is 10 digits.';
  if (dob === '' && mobile === '') problems.dob = 'Give the date of birth or the registered mobile number: the registry needs one of the two.';
  return problems;
}

/** The person on the wire: the date of birth when given, else the mobile number (the registry needs one). */
export function toPerson(row: FetchRow): FetchPersonInput {
  const dob = row.dob.trim();
  const mobile = row.mobile.replace(/\s/g, '');
  return { ckycNumber: row.ckycNumber.trim(), ...(dob !== '' ? { dob } : {}), ...(dob === '' && mobile !== '' ? { mobile } : {}) };
}

export interface PasteProblem {
  line: number;
  text: string;
  message: string;
}

/**
 * A pasted column: one CKYC number per line, optionally followed by a comma (or tab) and the date
 * of birth (DD/MM/YYYY) or the registered mobile number. Blank lines are skipped; each bad line is
 * said by its line number and kept in the box, so nothing pasted is lost.
 */
export function parsePastedColumn(text: string): { rows: FetchRow[]; problems: PasteProblem[]; rest: string } {
  const rows: FetchRow[] = [];
  const problems: PasteProblem[] = [];
  const kept: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const [number = '', second = '', ...extra] = line.split(/\s*[,\t;]\s*/);
    const row = readSecond({ ckycNumber: number, dob: '', mobile: '' }, second);
    const problem = extra.some((part) => part !== '')
      ? 'Too many values: give the CKYC number, then the date of birth or the mobile number.'
      : Object.values(rowProblems(row))[0];
    if (problem) {
      problems.push({ line: index + 1, text: line, message: problem });
      kept.push(raw);
    } else rows.push(row);
  });
  return { rows, problems, rest: kept.join('\n') };
}

/** The value after the number: 10 digits is a mobile number; anything else is read as a date. */
function readSecond(row: FetchRow, second: string): FetchRow {
  const value = second.trim();
  if (value === '') return row;
  if (MOBILE.test(value.replace(/\s/g, ''))) return { ...row, mobile: value.replace(/\s/g, '') };
  const iso = storedDate(value);
  return { ...row, dob: ISO_DATE.test(iso) ? iso : value };
}
