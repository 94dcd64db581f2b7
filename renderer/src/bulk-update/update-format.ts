import type { BulkUpdateSummaryView } from '../../../shared/contract';
import { groupIndian } from '../registry/registry-format';

/** An update's counts in words, grouped the Indian way: "8 of 10 updated, 2 failed". */
export function countsText(update: Pick<BulkUpdateSummaryView, 'counts' | 'customers'>): string {
  const counts = update.counts;
  if (!counts) return `${groupIndian(update.customers)} ${update.customers === 1 ? 'customer' : 'customers'}, not answered yet`;
  const parts = [`${groupIndian(counts.success)} of ${groupIndian(counts.total)} updated`];
  if (counts.failure > 0) parts.push(`${groupIndian(counts.failure)} failed`);
  if (counts.warn > 0) parts.push(`${groupIndian(counts.warn)} with a warning`);
  return parts.join(', ');
}

/** Each part of the bar as a share of the whole, in per cent (0 when nothing was counted). */
export function barShares(counts: NonNullable<BulkUpdateSummaryView['counts']>): { success: number; failure: number } {
  const whole = Math.max(counts.total, counts.success + counts.failure);
  if (whole === 0) return { success: 0, failure: 0 };
  return { success: (counts.success / whole) * 100, failure: (counts.failure / whole) * 100 };
}

/** The file handed to the browser's download, built in memory: no navigation, nothing shown inline. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    URL.revokeObjectURL(url);
  }
}
