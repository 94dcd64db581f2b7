import type { RecordSummary } from '../../../shared/contract';
import { CKYC_DOWNLOAD_REQUEST_KIND_ID } from '../../../shared/record-kinds/ckyc-download-request';
import { BULK_CUSTOMER_UPDATE_KIND_ID } from '../../../shared/record-kinds/bulk-customer-update';
import type { AppState } from '../state/shape';

type Opener = (store: AppState, id: string) => void;

/**
 * Where a queue row opens when its kind has a screen of its own, one line per kind. Any other row
 * opens in the record review beside the queue (the CKYC individual's); a kind the review cannot
 * show is said so there, never read as an individual.
 */
const KIND_SCREENS: Readonly<Record<string, Opener>> = {
  [CKYC_DOWNLOAD_REQUEST_KIND_ID]: (store, id) => store.openFetchRequest(id),
  // A bulk update's customers and ends are on the Updates screen.
  [BULK_CUSTOMER_UPDATE_KIND_ID]: (store) => store.setView('bulk-update'),
};

/** Opens the queue's row `record` where its kind is shown. */
export function openQueueRow(store: AppState, record: Pick<RecordSummary, 'id' | 'kind'>): void {
  const open = record.kind === undefined ? undefined : KIND_SCREENS[record.kind];
  if (open) open(store, record.id);
  else void store.showRecord(record.id);
}
