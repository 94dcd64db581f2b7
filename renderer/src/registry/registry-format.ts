import { REGISTRY_STATE_LABELS, type RegistryRequestState } from '../../../shared/contract';

/**
 * A whole number grouped the Indian way, by hand (no ICU in the way): 1,23,45,678 — the last
 * three digits, then pairs (thousand, lakh, crore).
 */
export function groupIndian(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(value)));
  if (digits.length <= 3) return sign + digits;
  const head = digits.slice(0, -3).replace(/\B(?=(\d{2})+$)/g, ',');
  return `${sign}${head},${digits.slice(-3)}`;
}

/** A count the registry may leave out: "—" when it did. */
export function countText(value: number | null): string {
  return value === null ? '—' : groupIndian(value);
}

/** A text the registry may leave out. */
export function orDash(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : value;
}

export function isKnownRegistryState(state: string): state is RegistryRequestState {
  return Object.prototype.hasOwnProperty.call(REGISTRY_STATE_LABELS, state);
}

/** YYYY-MM-DD (the registry's day) as DD/MM/YYYY; anything else as it came. */
export function dayText(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : day;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** YYYY-MM as "November 2026". */
export function monthText(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : month;
}
