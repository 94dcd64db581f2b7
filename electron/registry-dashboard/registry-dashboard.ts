import { ACTIVITY_TYPES, type ActivitySeries, type ActivityType, type RegistryDownload, type RegistryDownloadsQuery, type RegistryRequest, type RegistryRequestsQuery, type ResponseOf } from '../../shared/contract';
import type { CkycManagementClient } from '../connectors/ckyc-bulk/management-client';
import type { ClientDetailsItem, ClientDetailsQuery } from '../connectors/ckyc-bulk/wire';
import type { ChartPoint, DownloadClientItem } from '../connectors/ckyc-bulk/management-wire';
import type { HttpOutcome } from '../transport/http-client';
import type { Store } from '../store/database';
import { billingByMonth } from './billing';
import { linkLocalBatches, recordsOfBatches } from './local-batches';
import { notConfigured, registryFailure } from './registry-failure';
import type { SftpHealthHistory } from './sftp-health-history';

export interface RegistryDashboardOptions {
  management: Pick<CkycManagementClient, 'requests' | 'downloadClients' | 'chartData' | 'sftpHealth'>;
  history: SftpHealthHistory;
  store: Store;
  /** Why the registry cannot be asked (a Live connection not set up), or null. */
  problem: () => string | null;
}

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

/**
 * What the Registry screen asks main (docs/decisions/0038-registry-dashboard.md): the registry's
 * own lists and charts, passed through page by page — the registry filters and pages, KYC Desk
 * holds one page — each entry linked to the batch of this store it is, and SFTP health with this
 * run's history. Nothing here writes to the registry or to the store.
 */
export class RegistryDashboard {
  constructor(private readonly options: RegistryDashboardOptions) {}

  async requests(query: RegistryRequestsQuery): Promise<ResponseOf<'registry.requests'>> {
    const wire: ClientDetailsQuery = {
      page: query.page,
      page_size: query.pageSize,
      status_type: query.statusType,
      ...(query.state ? { state: query.state } : {}),
      ...(query.from ? { start_date: query.from } : {}),
      // The screen's `to` is the first moment after the last day; the registry's end_date is inclusive.
      ...(query.to ? { end_date: new Date(Date.parse(query.to) - 1).toISOString() } : {}),
      ...(query.search?.trim() ? { search: query.search.trim() } : {}),
    };
    const body = await this.read(`the list of ${query.statusType} requests`, () => this.options.management.requests(wire));
    const items = body.data.items.map(requestOf);
    const links = linkLocalBatches(this.options.store, items);
    return { items: items.map((item) => ({ ...item, localBatch: links.get(item.clientId) ?? null })), ...pageInfo(body.data, query) };
  }

  async downloads(query: RegistryDownloadsQuery): Promise<ResponseOf<'registry.downloads'>> {
    const wire = { page: query.page, page_size: query.pageSize, ...(query.search?.trim() ? { search: query.search.trim() } : {}) };
    const body = await this.read('the list of bulk download requests', () => this.options.management.downloadClients(wire));
    const items = body.data.items.map(downloadOf);
    // Ours by batch file name (as upload requests are), with the fetch requests that batch carried.
    const links = linkLocalBatches(this.options.store, items);
    const carried = recordsOfBatches(this.options.store, [...links.values()].map((link) => link.id));
    return {
      items: items.map((item) => {
        const localBatch = links.get(item.clientId) ?? null;
        return { ...item, localBatch, fetchRequests: localBatch ? (carried.get(localBatch.id) ?? []) : [] };
      }),
      ...pageInfo(body.data, query),
    };
  }

  /** chart-data for the three types over `days`; a type the registry would not give says why, the others still show. */
  async activity(days: 7 | 15 | 30): Promise<ResponseOf<'registry.activity'>> {
    const problem = this.options.problem();
    if (problem) throw notConfigured(problem);
    const series = await this.series(days);
    // Billing is by month: always from the longest range the registry charts.
    const billing = billingByMonth(days === 30 ? series : await this.series(30));
    return { days, series, billing };
  }

  /** Check sftp-health now if due (at most every MIN_CHECK_INTERVAL_MS), and the run's history. */
  async sftpHealth(check: boolean): Promise<ResponseOf<'registry.sftpHealth'>> {
    const { history } = this.options;
    if (check && history.due()) {
      const problem = this.options.problem();
      if (problem) throw notConfigured(problem);
      history.record('screen', await this.options.management.sftpHealth());
    }
    return { history: history.list() };
  }

  private series(days: 7 | 15 | 30): Promise<ActivitySeries[]> {
    return Promise.all(
      ACTIVITY_TYPES.map(async (type: ActivityType): Promise<ActivitySeries> => {
        const outcome = await this.options.management.chartData({ days, type });
        if (!outcome.ok) return { type, points: [], problem: registryFailure(`the ${type} chart`, outcome.failure).message };
        return { type, points: outcome.body.data.points.map(pointOf), problem: null };
      }),
    );
  }

  private async read<T>(what: string, ask: () => Promise<HttpOutcome<T>>): Promise<T> {
    const problem = this.options.problem();
    if (problem) throw notConfigured(problem);
    const outcome = await ask();
    if (!outcome.ok) throw registryFailure(what, outcome.failure);
    return outcome.body;
  }
}

function requestOf(item: ClientDetailsItem): Omit<RegistryRequest, 'localBatch'> {
  return { ...downloadOf(item), error: orNull(item.error) };
}

function downloadOf(item: ClientDetailsItem | DownloadClientItem): Omit<RegistryDownload, 'localBatch' | 'fetchRequests'> {
  return {
    clientId: item.client_id,
    batchFileName: item.batch_file_name || null,
    state: item.state,
    individuals: orNull(item.individuals_count),
    succeeded: orNull(item.individuals_succeeded),
    failed: orNull(item.individuals_failed),
    createdAt: orNull(item.created_at),
    updatedAt: orNull(item.updated_at),
  };
}

function pointOf(point: ChartPoint) {
  return { date: point.date, requests: point.requests, individuals: orNull(point.individuals), succeeded: orNull(point.succeeded), failed: orNull(point.failed) };
}

/** The page as the registry said it, or as asked when it did not say. */
function pageInfo(data: { page?: number | undefined; page_size?: number | undefined; total?: number | undefined; total_pages?: number | undefined }, query: { page: number; pageSize: number }) {
  return { page: data.page ?? query.page, pageSize: data.page_size ?? query.pageSize, total: orNull(data.total), totalPages: orNull(data.total_pages) };
}
