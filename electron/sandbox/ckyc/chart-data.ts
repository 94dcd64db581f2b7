import { chartDataQuerySchema, type ChartPoint } from '../../connectors/ckyc-bulk/management-wire';
import { HttpProblem, zodDetails } from '../shell/http';
import { individualsOf, type BatchLifecycle } from './batch-lifecycle';
import type { DownloadLifecycle } from './download-lifecycle';

const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One request as the chart counts it: its UTC day, its individuals, and how many ended each way. */
interface Counted {
  at: number;
  individuals: number;
  succeeded: number;
  failed: number;
}

/**
 * `/ckyc-upload/chart-data?days=7|15|30&type=upload|update|download`: one point per UTC day, the
 * oldest first and today last, from this registry's own batches; a day with nothing is a zero
 * point, so a chart's axis never skips a day.
 */
export function chartData(batches: BatchLifecycle, downloads: DownloadLifecycle, params: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value !== '') raw[key] = value;
  const parsed = chartDataQuerySchema.safeParse(raw);
  if (!parsed.success) throw new HttpProblem(400, 'INVALID_REQUEST', 'The query does not match chart-data (type upload, update or download is required; days 7, 15 or 30).', zodDetails(parsed.error));
  const { days, type } = parsed.data;
  const counted: Counted[] =
    type === 'download'
      ? downloads.all().map((request) => {
          const results = downloads.settle(request).terminal?.results ?? [];
          return { at: request.receivedAt, individuals: request.asks.length, succeeded: results.filter((r) => r.state === 'succeeded').length, failed: results.filter((r) => r.state === 'failed').length };
        })
      : batches.state
          .all()
          .filter((request) => request.kind === type)
          .map((request) => {
            const results = batches.settle(request).terminal?.results ?? [];
            return { at: request.receivedAt, individuals: individualsOf(request).length, succeeded: results.filter((r) => r.state === 'succeeded').length, failed: results.filter((r) => r.state === 'failed').length };
          });
  const today = Date.parse(`${utcDay(batches.now())}T00:00:00Z`);
  const points = new Map<string, ChartPoint>();
  for (let i = days - 1; i >= 0; i--) {
    const date = utcDay(today - i * DAY_MS);
    points.set(date, { date, requests: 0, individuals: 0, succeeded: 0, failed: 0 });
  }
  for (const item of counted) {
    const point = points.get(utcDay(item.at));
    if (!point) continue; // older than the range (or, with a clock set back, after today)
    point.requests += 1;
    point.individuals = (point.individuals ?? 0) + item.individuals;
    point.succeeded = (point.succeeded ?? 0) + item.succeeded;
    point.failed = (point.failed ?? 0) + item.failed;
  }
  return { success: true, data: { type, days, points: [...points.values()] } };
}
