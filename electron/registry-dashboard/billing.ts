import type { ActivitySeries, BillingMonth } from '../../shared/contract';

/**
 * Individuals billed per calendar month (the seed bills per individual in a batch, not per call),
 * from the registry's own daily counts: chart-data's `individuals` over the days it covers, summed
 * by the month of each day (`YYYY-MM-DD`, the registry's day). A type the registry gave no counts
 * for (no series, or days without `individuals`) is null — shown "—", never guessed from the
 * number of requests. Months oldest first; `from`/`to` say which of their days the chart covered.
 */
export function billingByMonth(series: readonly ActivitySeries[]): BillingMonth[] {
  const months = new Map<string, BillingMonth>();
  for (const one of series) {
    for (const point of one.points) {
      const month = /^\d{4}-\d{2}/.exec(point.date)?.[0];
      if (!month) continue;
      const entry = months.get(month) ?? { month, from: point.date, to: point.date, upload: 0, update: 0, download: 0, total: 0 };
      if (point.date < entry.from) entry.from = point.date;
      if (point.date > entry.to) entry.to = point.date;
      months.set(month, entry);
    }
  }
  for (const entry of months.values()) {
    for (const one of series) entry[one.type] = monthTotal(one, entry.month);
    const parts = [entry.upload, entry.update, entry.download];
    entry.total = parts.some((part) => part === null) ? null : parts.reduce<number>((sum, part) => sum + (part ?? 0), 0);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** One type's individuals in a month, or null when the registry did not count them. */
function monthTotal(series: ActivitySeries, month: string): number | null {
  if (series.problem !== null) return null;
  let sum = 0;
  for (const point of series.points) {
    if (!point.date.startsWith(month)) continue;
    if (point.individuals === null) return null;
    sum += point.individuals;
  }
  return sum;
}
