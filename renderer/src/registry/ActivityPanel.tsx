import { lazy, Suspense, useId, useState } from 'react';
import { ACTIVITY_TYPES, CHART_DAY_CHOICES, type ActivitySeries, type ActivityType, type BillingMonth } from '../../../shared/contract';
import { DataTable, type Column } from '../shell/DataTable';
import { countText, dayText, monthText } from './registry-format';
import { ProblemAlert } from './ProblemAlert';
import { useRegistryRead } from './use-registry-read';

const ActivityChart = lazy(() => import('./ActivityChart'));

const TYPE_LABELS: Record<ActivityType, string> = { upload: 'New records', update: 'Updates', download: 'Downloads' };

interface DayRow {
  date: string;
  byType: Partial<Record<ActivityType, { requests: number; individuals: number | null }>>;
}

function dayRows(series: readonly ActivitySeries[]): DayRow[] {
  const days = new Map<string, DayRow>();
  for (const one of series) {
    for (const point of one.points) {
      const row = days.get(point.date) ?? { date: point.date, byType: {} };
      row.byType[one.type] = { requests: point.requests, individuals: point.individuals };
      days.set(point.date, row);
    }
  }
  return [...days.values()].sort((a, b) => b.date.localeCompare(a.date));
}

/** The chart's figures as a table, for screen readers and for reading exact numbers. */
function dayColumns(series: readonly ActivitySeries[]): Column<DayRow>[] {
  const shown = series.filter((one) => one.problem === null).map((one) => one.type);
  return [
    { key: 'date', header: 'Day', cell: (row) => dayText(row.date) },
    ...shown.flatMap((type): Column<DayRow>[] => [
      { key: `${type}-requests`, header: `${TYPE_LABELS[type]}: requests`, cell: (row) => countText(row.byType[type]?.requests ?? null) },
      { key: `${type}-individuals`, header: `${TYPE_LABELS[type]}: individuals`, cell: (row) => countText(row.byType[type]?.individuals ?? null) },
    ]),
  ];
}

const BILLING_COLUMNS: Column<BillingMonth>[] = [
  { key: 'month', header: 'Month', cell: (m) => monthText(m.month) },
  { key: 'days', header: 'Days the registry’s chart covers', cell: (m) => `${dayText(m.from)} – ${dayText(m.to)}` },
  ...ACTIVITY_TYPES.map((type): Column<BillingMonth> => ({ key: type, header: TYPE_LABELS[type], cell: (m) => countText(m[type]) })),
  { key: 'total', header: 'Individuals billed', testId: 'billed-total', cell: (m) => <strong>{countText(m.total)}</strong> },
];

/** chart-data for 7, 15 or 30 days, as a chart and as a table, and individuals billed per month. */
export function ActivityPanel() {
  const [days, setDays] = useState<(typeof CHART_DAY_CHOICES)[number]>(30);
  const id = useId();
  const read = useRegistryRead('registry.activity', { days }, String(days));
  const value = read.value;
  return (
    <section aria-labelledby="registry-activity-title">
      <h3 id="registry-activity-title">Activity at the registry</h3>
      <div className="filter-row">
        <div className="field">
          <label htmlFor={`${id}-days`}>Last</label>
          <select id={`${id}-days`} value={days} onChange={(e) => setDays(CHART_DAY_CHOICES.find((d) => String(d) === e.target.value) ?? 30)}>
            {CHART_DAY_CHOICES.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </div>
      </div>
      <ProblemAlert problem={read.problem} onRetry={read.reload} />
      {!value && !read.problem && <p className="muted">Asking the registry…</p>}
      {value && (
        <>
          {value.series
            .filter((one) => one.problem !== null)
            .map((one) => (
              <p key={one.type} className="alert alert--inline" role="status">
                {TYPE_LABELS[one.type]}: {one.problem}
              </p>
            ))}
          <Suspense fallback={<p className="muted">Drawing the chart…</p>}>
            <ActivityChart series={value.series} />
          </Suspense>
          <DataTable label={`Requests per day, last ${value.days} days`} columns={dayColumns(value.series)} rows={dayRows(value.series)} rowKey={(row) => row.date} empty="No activity in these days." wrapClassName="table-wrap" />
          <h4>Individuals billed per month</h4>
          <p className="muted">The registry bills each individual in a request. From its own daily counts over the last 30 days; “—” where it gave no count.</p>
          <DataTable label="Individuals billed per month" columns={BILLING_COLUMNS} rows={value.billing} rowKey={(m) => m.month} empty="No requests in the last 30 days." />
        </>
      )}
    </section>
  );
}
