import { useCallback, useEffect, useState } from 'react';
import type { FetchedPerson, FetchRequestSummary } from '../../../shared/contract';
import { can } from '../../../shared/operators/roles';
import type { KycRecord } from '../../../shared/record/kyc-record';
import { startCkycUpdate } from '../capture/update/start-ckyc-update';
import { useAppStore } from '../state/app-store';
import { FetchedPersonCard } from './FetchedPersonCard';
import { FetchRequestForm } from './FetchRequestForm';
import { FetchRequests } from './FetchRequests';

/** How often the open screen reads the requests again while the engine follows them. */
const REFRESH_MS = 5_000;

/**
 * Fetch from CKYC (bulk download; docs/decisions/0039): a maker asks for people, a checker or admin
 * approves and sends, and each person fetched is shown as the registry returned it, with a way to
 * start an update from it.
 */
export function FetchView() {
  const api = useAppStore((s) => s.api);
  const role = useAppStore((s) => s.session?.operator?.role);
  const [items, setItems] = useState<FetchRequestSummary[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  // A request asked for from another screen (a queue row, a Registry entry) opens at once.
  const [openId, setOpenId] = useState<string | null>(() => useAppStore.getState().fetchFocus);
  const focus = useAppStore((s) => s.fetchFocus);
  const [people, setPeople] = useState<FetchedPerson[] | null>(null);
  /** The open request as fetch.results last answered it: it may be older than the list's first page. */
  const [opened, setOpened] = useState<FetchRequestSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayRequest = role ? can(role, 'records.capture') : false;
  const maySend = role ? can(role, 'sync.run') : false;
  const mayApprove = role ? can(role, 'records.approve') : false;

  const refresh = useCallback(async () => {
    if (!api) return;
    const list = await api.invoke('fetch.list', { page: 1, pageSize: 50 });
    if (list.ok) {
      setItems(list.value.items);
      setProblem(null);
    } else setProblem(list.error.message);
    if (!openId) return;
    const results = await api.invoke('fetch.results', { id: openId });
    if (results.ok) {
      setPeople(results.value.people);
      setOpened(results.value.request);
    } else setProblem(results.error.message);
  }, [api, openId]);

  // Asked for while this screen is already shown: open it now (while rendering), then let the ask go.
  if (focus !== null && focus !== openId) {
    setOpenId(focus);
    setPeople(null);
    setOpened(null);
  }
  useEffect(() => {
    if (focus !== null) useAppStore.setState({ fetchFocus: null });
  }, [focus]);

  useEffect(() => {
    // Read at once and then on a timer, both from the timer's callback, while the screen is open.
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh]);

  async function approve(id: string) {
    if (!api) return;
    const result = await api.invoke('records.approve', { ids: [id] });
    if (!result.ok) setNotice(result.error.message);
    else setNotice(result.value.refused.length > 0 ? result.value.refused.map((r) => `${r.reference}: ${r.message}`).join(' ') : 'Approved: send it when ready.');
    await refresh();
  }

  async function send() {
    if (!api) return;
    const result = await api.invoke('fetch.send', {});
    setNotice(result.ok ? result.value.message : result.error.message);
    await refresh();
  }

  async function startUpdate(person: FetchedPerson & { record: KycRecord }) {
    await startCkycUpdate(api, { ckycNumber: person.ckycNumber, record: person.record, photographHash: person.photograph?.documentHash ?? null, ownImages: person.record.images, whose: 'the registry’s' }, setNotice);
  }

  function open(id: string) {
    setOpenId(id);
    setPeople(null);
    setOpened(null);
  }

  const shown = items.find((item) => item.id === openId) ?? (opened?.id === openId ? opened : null);
  return (
    <div className="fetch-view">
      <h2>Fetch from CKYC</h2>
      <p className="screen-intro">Ask the registry for people’s records by CKYC number. A maker asks, a checker approves and sends; the registry answers within minutes.</p>
      {mayRequest && <FetchRequestForm onRequested={(id) => void refresh().then(() => setOpenId(id))} />}
      <section aria-labelledby="fetch-requests-title">
        <h3 id="fetch-requests-title">Requests</h3>
        {maySend && (
          <button type="button" className="primary" onClick={() => void send()}>
            Send approved requests
          </button>
        )}
        <p role="status">{notice ?? ''}</p>
        {problem && <p role="alert">The requests could not be read: {problem}</p>}
        <FetchRequests items={items} openId={openId} onOpen={open} {...(mayApprove ? { onApprove: (id: string) => void approve(id) } : {})} />
      </section>
      {shown && (
        <section aria-labelledby="fetch-people-title">
          <h3 id="fetch-people-title">People of {shown.reference}</h3>
          {!people && <p className="muted">Reading…</p>}
          {people?.map((person, index) => (
            <FetchedPersonCard key={`${person.ckycNumber}-${index}`} person={person} {...(mayRequest ? { onStartUpdate: (chosen: FetchedPerson & { record: KycRecord }) => void startUpdate(chosen) } : {})} />
          ))}
        </section>
      )}
    </div>
  );
}
