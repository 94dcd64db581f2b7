/**
 * Runs in Chromium (bundled by ../registry.bench.ts, React's production build, the renderer's own
 * CSS): the real Registry screen (RequestsPanel over the real zustand store) answered at once by a
 * fake `api` with pages main really produced from the sandbox's 10,000 requests, and its vanilla
 * peer, the same rows written as one innerHTML <table>. Timing: frame-timing.ts.
 */
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { BATCH_STATE_LABELS } from '../../../shared/sync/states';
import { REGISTRY_STATE_LABELS, type KycDeskApi, type RegistryRequest, type ResponseOf, type SessionStateView } from '../../../shared/contract';
import { DEFAULT_DOCUMENT_LIMITS } from '../../../shared/documents/limits';
import { useAppStore } from '../../../renderer/src/state/app-store';
import { RegistryView } from '../../../renderer/src/registry/RegistryView';
import { formatTime } from '../../../renderer/src/shell/formatting';
import '../../../renderer/src/styles.css';
import { afterFrame, frameIntervals, sample, settle, until, type Sample } from './frame-timing';

type Page = ResponseOf<'registry.requests'>;

let pages: Page[] = [];
let nextPage: Page | null = null;

const checker: SessionStateView = {
  state: 'signed_in',
  operator: { id: 'op_checker', name: 'Training Checker', employeeCode: 'TRN-C', designation: 'Officer', branch: 'Training branch', organisation: 'KYC Desk training', role: 'checker', active: true },
  lockReason: null,
  needsFirstAdmin: false,
  trainingOperators: [],
};

function fakeApi(): KycDeskApi {
  const answer = (channel: string): unknown => (channel === 'registry.requests' ? { ok: true, value: nextPage } : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } });
  // Answers at once: a resolved promise, as fast as an IPC reply can ever be.
  return { invoke: (async (channel: string) => answer(channel)) as KycDeskApi['invoke'], on: () => () => undefined };
}

let root: Root | null = null;
const host = () => document.getElementById('root')!;

function unmount() {
  root?.unmount();
  root = null;
  host().replaceChildren();
}

function checkRows(page: Page): string | null {
  const rows = host().querySelectorAll('tbody tr');
  if (rows.length !== page.items.length) return `${rows.length} rows in the DOM, expected ${page.items.length}`;
  const first = (rows[0] as HTMLElement).dataset.clientId;
  const last = (rows[rows.length - 1] as HTMLElement).dataset.clientId;
  if (first !== page.items[0]!.clientId || last !== page.items.at(-1)!.clientId) return `rows ${first}…${last}, expected ${page.items[0]!.clientId}…`;
  return null;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const dash = (value: string | number | null) => (value === null || value === '' ? '—' : escapeHtml(String(value)));
const STATE_CLASS: Record<string, string> = { upload_succeeded: 'succeeded', upload_failed: 'failed', processing: 'submitted', pending: 'ready' };

/** The same rows and cells as RequestsPanel shows, as one HTML string (times through the app's own formatTime). */
function tableHtml(items: readonly RegistryRequest[]): string {
  const rows = items.map((r) => {
    const label = REGISTRY_STATE_LABELS[r.state as keyof typeof REGISTRY_STATE_LABELS];
    const state = label ? `<span class="state state--${STATE_CLASS[r.state]}" data-state="${r.state}">${label}</span>` : `<span class="state state--unknown">${escapeHtml(r.state)}</span>`;
    const local = r.localBatch ? `<button type="button" class="link">Our batch (${BATCH_STATE_LABELS[r.localBatch.state]})</button>` : '<span class="muted">—</span>';
    return (
      `<tr data-client-id="${escapeHtml(r.clientId)}"><td class="mono">${dash(r.batchFileName)}</td><td class="mono">${escapeHtml(r.clientId)}</td><td>${state}</td>` +
      `<td>${dash(r.individuals)}</td><td>${dash(r.succeeded)}</td><td>${dash(r.failed)}</td><td>${escapeHtml(formatTime(r.createdAt))}</td><td>${escapeHtml(formatTime(r.updatedAt))}</td>` +
      `<td class="message">${dash(r.error)}</td><td>${local}</td></tr>`
    );
  });
  const head = ['Batch file name', 'Client id', 'State', 'Individuals', 'Succeeded', 'Failed', 'Made', 'Updated', 'Registry’s message', 'Sent from here'].map((h) => `<th scope="col">${h}</th>`).join('');
  return `<div class="table-wrap"><table class="table" aria-label="Requests at the registry"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

async function benchRegistry(runs: number, warmup: number): Promise<Sample[]> {
  useAppStore.setState({
    api: fakeApi(),
    info: { mode: 'training', nextMode: 'training', notices: [], version: 'bench', pollSeconds: 2, documentLimits: DEFAULT_DOCUMENT_LIMITS },
    session: checker,
    view: 'registry',
    registryPage: null,
    registryProblem: null,
  });
  nextPage = pages[0]!;
  root = createRoot(host());
  root.render(
    <StrictMode>
      <RegistryView />
    </StrictMode>,
  );
  await until('the registry shows its first page', () => checkRows(pages[0]!) === null);
  await settle();
  const samples: Sample[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const page = pages[(i + 1) % pages.length]!;
    nextPage = page;
    const got = await sample(
      i >= warmup,
      // The request: registry.requests for the next page, then the store's set.
      () => useAppStore.getState().setRegistryQuery({ page: page.page }),
      () => useAppStore.getState().registryProblem ?? checkRows(page),
    );
    if (got) samples.push(got);
    await afterFrame();
  }
  unmount();
  return samples;
}

async function benchRegistryPeer(runs: number, warmup: number): Promise<Sample[]> {
  unmount();
  const api = fakeApi();
  const samples: Sample[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const page = pages[(i + 1) % pages.length]!;
    nextPage = page;
    const got = await sample(
      i >= warmup,
      async () => {
        const result = await api.invoke('registry.requests', { page: page.page, pageSize: 100, statusType: 'upload' });
        if (!result.ok) throw new Error(result.error.message);
        host().innerHTML = tableHtml(result.value.items);
      },
      () => checkRows(page),
    );
    if (got) samples.push(got);
    await afterFrame();
  }
  unmount();
  return samples;
}

const api = {
  setPages: (given: Page[]) => void (pages = given),
  benchRegistry,
  benchRegistryPeer,
  frameIntervals,
  userAgent: () => navigator.userAgent,
};

(globalThis as unknown as { kycBench: typeof api }).kycBench = api;
document.body.dataset.ready = 'yes';
