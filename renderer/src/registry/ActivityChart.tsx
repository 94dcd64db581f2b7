import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ActivitySeries } from '../../../shared/contract';
import { dayText, groupIndian } from './registry-format';

const TYPE_LABELS = { upload: 'New records', update: 'Updates', download: 'Downloads' } as const;
const COLOURS = { upload: '#1f5fa8', update: '#b26b00', download: '#2e7d4f' } as const;

/**
 * The three series as one bar chart of requests per day (recharts). Loaded only when the Activity
 * section opens, so the library is not in the first screen's bundle. Decorative for screen
 * readers: the same figures are in the table beside it.
 */
export default function ActivityChart({ series }: { series: readonly ActivitySeries[] }) {
  const days = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)))].sort();
  const data = days.map((date) => {
    const row: Record<string, number | string> = { date: dayText(date) };
    for (const one of series) {
      const point = one.points.find((p) => p.date === date);
      if (point) row[one.type] = point.requests;
    }
    return row;
  });
  return (
    <div className="registry-chart" aria-hidden="true" data-testid="activity-chart">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} tickFormatter={(value: number) => groupIndian(value)} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? groupIndian(value) : String(value))} />
          <Legend />
          {series
            .filter((one) => one.problem === null)
            .map((one) => (
              <Bar key={one.type} dataKey={one.type} name={TYPE_LABELS[one.type]} fill={COLOURS[one.type]} isAnimationActive={false} />
            ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
