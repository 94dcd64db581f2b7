/**
 * Runs in Chromium (bundled by ../renderer.bench.ts through test/support/browser-page.ts, React's
 * production build, the renderer's own CSS): the real QueueView and CaptureFlow over the real
 * zustand store and a fake `api` that answers at once, and their vanilla peers.
 * Everything is reached through `window.kycBench`; answers are plain values (milliseconds).
 *
 * How a sample is timed — `timeFrame` in frame-timing.ts. The work starts inside a requestAnimationFrame
 * callback, i.e. at the start of a frame, and that callback also posts a MessageChannel message.
 * Chromium runs the rAF callbacks, then the microtasks (the fake IPC answer, zustand's set, React's
 * sync-lane render and commit, the controlled input's restore), then style, layout and paint of that
 * same frame, all in one main-thread task; the message is the next task, so its time is "the frame
 * holding the change has been painted" (on the main thread; rasterising and showing it is the
 * compositor's, off the main thread, the same for app and peer). Before that we check, still
 * inside the frame's microtasks, that the DOM already holds the change — so the frame just painted
 * is the one showing it, not a later one.
 * Why not await + two rAFs: the second rAF fires at the *next* vsync, so every sample would include
 * a whole frame interval (~16.7 ms) whatever the cost. Why not start at a random moment: the wait
 * for the next vsync (0–16.7 ms) would be added to app and peer alike and blur the ratio; it is
 * reported separately (the frame interval) so it can be added back for the user-visible worst case.
 * Event Timing (PerformanceObserver 'event') would give presentation times, but only for trusted
 * events, rounded to 8 ms.
 */
import { StrictMode, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { KycDeskApi, RecordSummary, SessionStateView } from '../../../shared/contract';
import { recordSummarySchema } from '../../../shared/contract';
import { DEFAULT_DOCUMENT_LIMITS } from '../../../shared/documents/limits';
import { RECORD_STATE_LABELS, RECORD_STATES } from '../../../shared/sync/states';
import { formatIsoDate, localToday, validateIndividualField, validateKycRecord } from '../../../shared/validation';
import { useAppStore } from '../../../renderer/src/state/app-store';
import { QueueView } from '../../../renderer/src/queue/QueueView';
import { CaptureFlow } from '../../../renderer/src/capture/CaptureFlow';
import { blankRecord, forTransport } from '../../../renderer/src/capture/record-paths';
import { formatTime } from '../../../renderer/src/shell/formatting';
import '../../../renderer/src/styles.css';
import { afterFrame, frameIntervals, sample, settle, until, type Sample } from './frame-timing';

// ---- the store, the fake main process, mounting ------------------------------------------

const operator = (role: 'maker' | 'checker') => ({
  id: `op_${role}`,
  name: `Training ${role === 'maker' ? 'Maker' : 'Checker'}`,
  employeeCode: role === 'maker' ? 'TRN-M' : 'TRN-C',
  designation: 'Officer',
  branch: 'Training branch',
  organisation: 'KYC Desk training',
  role,
  active: true,
});
const session = (role: 'maker' | 'checker'): SessionStateView => ({ state: 'signed_in', operator: operator(role), lockReason: null, needsFirstAdmin: false, trainingOperators: [] });

/** The page records.list answers next (the bench switches it between two sets). */
let nextPage: { items: RecordSummary[]; total: number; counts: Record<string, number> } = { items: [], total: 0, counts: {} };
let draftSaves = 0;

function fakeApi(): KycDeskApi {
  const answer = (channel: string): unknown => {
    switch (channel) {
      case 'records.list':
        return { ok: true, value: nextPage };
      case 'drafts.get':
        return { ok: true, value: { draft: null, updatedAt: null } };
      case 'drafts.save':
        draftSaves++;
        return { ok: true, value: { updatedAt: new Date().toISOString() } };
      case 'drafts.discard':
        return { ok: true, value: {} };
      case 'pins.lookup':
        return { ok: true, value: { found: false, state: null, districts: [], source: 'bench', message: 'Not in the PIN master.' } };
      case 'batches.list':
        return { ok: true, value: { items: [], total: 0 } };
      default:
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    }
  };
  return {
    // Answers at once: a resolved promise, as fast as an IPC reply can ever be.
    invoke: (async (channel: string) => answer(channel)) as KycDeskApi['invoke'],
    on: () => () => undefined,
  };
}

let root: Root | null = null;
const host = () => document.getElementById('root')!;

function unmount() {
  root?.unmount();
  root = null;
  host().replaceChildren();
}

function mountApp(element: ReactNode) {
  unmount();
  root = createRoot(host());
  root.render(<StrictMode>{element}</StrictMode>);
}

function useStore(role: 'maker' | 'checker') {
  useAppStore.setState({
    api: fakeApi(),
    info: { mode: 'training', notices: [], version: 'bench', pollSeconds: 2, documentLimits: DEFAULT_DOCUMENT_LIMITS },
    session: session(role),
    view: role === 'maker' ? 'capture' : 'queue',
    queueQuery: { page: 1 },
    records: { items: [], total: 0, counts: {} },
    openRecord: null,
    editing: null,
    syncNotice: null,
    actionError: null,
  });
}

// ---- 1. the queue page ---------------------------------------------------------------------

const FIRST = ['ASHA', 'RAVI', 'MEERA', 'ARJUN', 'FATIMA', 'JOHN', 'PRIYA', 'KARAN', 'NEHA', 'VIKRAM'];
const LAST = ['VERMA', 'IYER', 'KHAN', 'REDDY', 'DAS', 'SINGH', 'PATEL', 'NAIR', 'GUPTA', 'THOMAS'];
const MESSAGES = [null, null, 'Rejected by the registry: the PAN does not match the name.', 'Sent in batch KD-BATCH-0042.', null];

function pageOf(set: string, size: number): typeof nextPage {
  const base = Date.parse('2026-03-01T09:00:00Z');
  const items = Array.from({ length: size }, (_, n): RecordSummary => {
    const state = RECORD_STATES[(n * 3 + set.length) % RECORD_STATES.length]!;
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
    return recordSummarySchema.parse({
      id: `rec_${set}_${n}`,
      reference: `KD${set.toUpperCase()}${String(n).padStart(10, '0')}`,
      name: `${FIRST[(n + set.length) % 10]} ${LAST[Math.floor(n / 10) % 10]}`,
      panMasked: `••••••${String(1000 + n).slice(-4)}K`,
      mobileMasked: `••••••${String(10 + n).slice(-2)}${set.length}0`,
      state,
      createdAt: at(n),
      updatedAt: at(n + 30),
      batchId: state === 'submitted' || state === 'succeeded' || state === 'failed' ? 'bat_42' : null,
      message: MESSAGES[n % MESSAGES.length] ?? null,
    });
  });
  const counts = Object.fromEntries(RECORD_STATES.map((state) => [state, 100_000 / RECORD_STATES.length]));
  return { items, total: 100_000, counts };
}

const PAGES = [pageOf('a', 100), pageOf('bb', 100)];

function checkRows(scope: ParentNode, page: typeof nextPage): string | null {
  const rows = scope.querySelectorAll('tbody tr');
  if (rows.length !== page.items.length) return `${rows.length} rows in the DOM, expected ${page.items.length}`;
  const first = (rows[0] as HTMLElement).dataset.reference;
  const last = (rows[rows.length - 1] as HTMLElement).dataset.reference;
  if (first !== page.items[0]!.reference || last !== page.items.at(-1)!.reference) return `rows ${first}…${last}, expected ${page.items[0]!.reference}…`;
  return null;
}

/** The peer: one shared Intl formatter giving formatTime's text (DD/MM/YYYY, HH:MM), built once for the whole table. */
const TIME_FORMAT = new Intl.DateTimeFormat('en-IN', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const peerTime = (iso: string) => TIME_FORMAT.format(new Date(iso));

/** formatTime (the app's) against one shared formatter, 100 times each, repeated: how much of a page is dates. */
function formatCost(repeats: number) {
  const isos = PAGES[0]!.items.map((r) => r.updatedAt);
  if (isos.some((iso) => formatTime(iso) !== peerTime(iso))) throw new Error('the peer formats times differently from formatTime');
  const app: number[] = [];
  const peer: number[] = [];
  for (let i = 0; i < repeats; i++) {
    let t = performance.now();
    for (const iso of isos) formatTime(iso);
    app.push(performance.now() - t);
    t = performance.now();
    for (const iso of isos) peerTime(iso);
    peer.push(performance.now() - t);
  }
  return { app, peer };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The same rows and cells as QueueView shows a checker, as one HTML string. */
function tableHtml(items: readonly RecordSummary[]): string {
  const rows = items.map((r) => {
    const tick = r.state === 'awaiting_approval' || r.state === 'failed' ? `<input type="checkbox" aria-label="Tick ${escapeHtml(r.reference)}">` : '';
    const approval = r.state === 'awaiting_approval' ? '<span class="row-actions"><button type="button" class="small">Approve</button><button type="button" class="small secondary">Reject…</button></span>' : '';
    return (
      `<tr data-reference="${escapeHtml(r.reference)}"><td>${tick}</td>` +
      `<td class="mono"><button type="button" class="link mono" aria-label="Open ${escapeHtml(r.reference)}">${escapeHtml(r.reference)}</button></td>` +
      `<td>${escapeHtml(r.name)}</td><td class="mono">${escapeHtml(r.panMasked)}</td><td class="mono">${escapeHtml(r.mobileMasked)}</td>` +
      `<td><span class="state state--${r.state}" data-state="${r.state}">${escapeHtml(RECORD_STATE_LABELS[r.state])}</span></td>` +
      `<td>${escapeHtml(peerTime(r.updatedAt))}</td><td class="message">${escapeHtml(r.message ?? '')}</td><td>${approval}</td></tr>`
    );
  });
  const head = ['<span class="visually-hidden">Tick</span>', 'Reference', 'Name', 'PAN', 'Mobile', 'State', 'Updated', 'Message', 'Approval'].map((h) => `<th scope="col">${h}</th>`).join('');
  return `<table class="table" aria-label="Records"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

async function benchQueue(runs: number, warmup: number): Promise<Sample[]> {
  useStore('checker');
  nextPage = PAGES[0]!;
  await useAppStore.getState().refreshRecords();
  mountApp(<QueueView />);
  await until('the queue shows its first page', () => checkRows(host(), PAGES[0]!) === null);
  await settle();
  const samples: Sample[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const page = PAGES[(i + 1) % 2]!;
    nextPage = page;
    const got = await sample(
      i >= warmup,
      () => useAppStore.getState().refreshRecords(), // the request: records.list, then the store's set
      () => (useAppStore.getState().actionError ? useAppStore.getState().actionError!.message : checkRows(host(), page)),
    );
    if (got) samples.push(got);
    await afterFrame();
  }
  unmount();
  return samples;
}

async function benchQueuePeer(runs: number, warmup: number): Promise<Sample[]> {
  unmount();
  const api = fakeApi();
  const samples: Sample[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const page = PAGES[(i + 1) % 2]!;
    nextPage = page;
    const got = await sample(
      i >= warmup,
      async () => {
        const result = await api.invoke('records.list', { page: 1, pageSize: 100 });
        if (!result.ok) throw new Error(result.error.message);
        host().innerHTML = tableHtml(result.value.items);
      },
      () => checkRows(host(), page),
    );
    if (got) samples.push(got);
    await afterFrame();
  }
  unmount();
  return samples;
}

// ---- 2. keystrokes in the capture flow -----------------------------------------------------

/** The First name field's value after each keystroke: typing, a digit (a problem), backspaces. */
const KEYSTROKES = ['R', 'RA', 'RAV', 'RAVI', 'RAVI1', 'RAVI12', 'RAVI1', 'RAVI', 'RAV', 'RA', 'R', ''];
const invalid = (value: string) => /\d/.test(value);
const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;

function keystroke(input: HTMLInputElement, value: string) {
  setValue.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** What the operator must see after the keystroke: the value, aria-invalid and the problem's text. */
function checkField(input: HTMLInputElement, value: string): string | null {
  if (input.value !== value) return `value ${JSON.stringify(input.value)}, expected ${JSON.stringify(value)}`;
  const bad = invalid(value);
  if (input.getAttribute('aria-invalid') !== String(bad)) return `aria-invalid ${input.getAttribute('aria-invalid')} for ${JSON.stringify(value)}`;
  const error = input.closest('.field')?.querySelector('.field__error')?.textContent ?? '';
  if (bad !== (error !== '')) return `error text ${JSON.stringify(error)} for ${JSON.stringify(value)}`;
  return null;
}

async function typeInto(input: HTMLInputElement, runs: number, warmup: number): Promise<Sample[]> {
  input.focus();
  await settle();
  const samples: Sample[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const value = KEYSTROKES[i % KEYSTROKES.length]!;
    const got = await sample(
      i >= warmup,
      () => keystroke(input, value),
      () => checkField(input, value),
    );
    if (got) samples.push(got);
    await afterFrame();
  }
  return samples;
}

async function benchKeystrokes(runs: number, warmup: number): Promise<{ samples: Sample[]; draftSaves: number; fields: number }> {
  useStore('maker');
  draftSaves = 0;
  (window as { __kycDeskEvents?: string[] }).__kycDeskEvents = [];
  mountApp(<CaptureFlow />);
  await until('the capture flow checked for a draft', () => (window as { __kycDeskEvents?: string[] }).__kycDeskEvents?.includes('draft-checked') === true);
  const input = host().querySelector<HTMLInputElement>('input[name="firstName"]');
  if (!input) throw new Error('no First name input');
  const fields = host().querySelectorAll('input, select, textarea').length;
  const samples = await typeInto(input, runs, warmup);
  unmount();
  return { samples, draftSaves, fields };
}

/**
 * The peer: one plain uncontrolled <input> with the same label/hint/problem markup and a vanilla
 * listener. `rule` 'field' runs the one-field rule (validateIndividualField); 'record' validates the
 * whole record with validateKycRecord, as the app does on every change — so what remains is React.
 */
async function benchKeystrokePeer(rule: 'field' | 'record', runs: number, warmup: number): Promise<Sample[]> {
  unmount();
  const today = formatIsoDate(localToday());
  let record = blankRecord(today);
  host().innerHTML =
    '<form class="capture capture-flow" novalidate><section class="capture-step"><fieldset><legend>Customer’s name</legend><div class="grid">' +
    '<div class="field"><label for="peer-first">First name</label><input id="peer-first" name="firstName" maxlength="60" autocapitalize="characters" autocomplete="off" spellcheck="false" aria-invalid="false"></div>' +
    '</div></fieldset></section></form>';
  const input = host().querySelector<HTMLInputElement>('#peer-first')!;
  const field = input.closest('.field')!;
  let errorNode: HTMLParagraphElement | null = null;
  input.addEventListener('input', () => {
    const value = input.value;
    let problem: string | undefined;
    if (rule === 'field') {
      const check = validateIndividualField('firstName', value);
      problem = check.ok ? undefined : check.reason;
    } else {
      record = { ...record, firstName: value };
      const check = validateKycRecord(forTransport(record), localToday());
      problem = check.ok ? undefined : check.errors.firstName;
    }
    const shown = value.trim() !== '' ? problem : undefined; // as the app: no nagging about an empty field
    input.setAttribute('aria-invalid', String(Boolean(shown)));
    field.classList.toggle('field--invalid', Boolean(shown));
    if (shown) {
      if (!errorNode) {
        errorNode = document.createElement('p');
        errorNode.className = 'field__error';
        errorNode.id = 'peer-first-error';
        errorNode.setAttribute('role', 'alert');
        field.append(errorNode);
        input.setAttribute('aria-describedby', errorNode.id);
      }
      if (errorNode.textContent !== shown) errorNode.textContent = shown;
    } else if (errorNode) {
      errorNode.remove();
      errorNode = null;
      input.removeAttribute('aria-describedby');
    }
  });
  const samples = await typeInto(input, runs, warmup);
  unmount();
  return samples;
}

const api = {
  benchQueue,
  benchQueuePeer,
  benchKeystrokes,
  benchKeystrokePeer,
  frameIntervals,
  formatCost,
  userAgent: () => navigator.userAgent,
};

(globalThis as unknown as { kycBench: typeof api }).kycBench = api;
document.body.dataset.ready = 'yes';
