import { useEffect, useId, useState } from 'react';
import { RECORD_STATE_LABELS, RECORD_STATES } from '../../../shared/sync/states';
import { useAppStore } from '../state/app-store';

/** A local calendar day as the start of that day in the PC's own time zone (ISO with offset). */
export function startOfLocalDay(day: string, addDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T00:00:00${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** State chips with their counts, search, capture dates and "only mine". Main does the filtering. */
export function QueueFilters() {
  const counts = useAppStore((s) => s.records.counts);
  const query = useAppStore((s) => s.queueQuery);
  const setQueueQuery = useAppStore((s) => s.setQueueQuery);
  const [search, setSearch] = useState(query.search ?? '');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const id = useId();
  const api = useAppStore((s) => s.api);
  const [makers, setMakers] = useState<Array<{ id: string; name: string }>>([]);
  // Who captured records here, asked once per visit: the list changes only when someone new captures.
  useEffect(() => {
    if (!api) return;
    void api.invoke('records.makers', {}).then((result) => result.ok && setMakers(result.value.items));
  }, [api]);

  // Search as the operator types, once they pause: one query per pause, not per keystroke.
  useEffect(() => {
    if ((query.search ?? '') === search) return;
    const timer = setTimeout(() => void setQueueQuery({ search }), 250);
    return () => clearTimeout(timer);
  }, [search, query.search, setQueueQuery]);

  return (
    <div className="queue-filters">
      <div className="state-counts" role="group" aria-label="Show records by state">
        <button type="button" className={`chip${query.state ? '' : ' chip--on'}`} aria-pressed={!query.state} onClick={() => void setQueueQuery({ state: undefined })}>
          All
        </button>
        {RECORD_STATES.map((state) => (
          <button
            type="button"
            key={state}
            className={`chip state--${state}${query.state === state ? ' chip--on' : ''}`}
            aria-pressed={query.state === state}
            onClick={() => void setQueueQuery({ state: query.state === state ? undefined : state })}
          >
            {RECORD_STATE_LABELS[state]} <strong>{counts[state] ?? 0}</strong>
          </button>
        ))}
      </div>
      <div className="filter-row">
        <div className="field">
          <label htmlFor={`${id}-search`}>Search name or reference</label>
          <input id={`${id}-search`} type="search" value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>Captured from</label>
          <input id={`${id}-from`} type="date" value={fromDay} onChange={(e) => (setFromDay(e.target.value), void setQueueQuery({ from: startOfLocalDay(e.target.value) }))} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>Captured to</label>
          <input id={`${id}-to`} type="date" value={toDay} onChange={(e) => (setToDay(e.target.value), void setQueueQuery({ to: startOfLocalDay(e.target.value, 1) }))} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-maker`}>Captured by</label>
          <select id={`${id}-maker`} value={query.createdBy ?? ''} disabled={Boolean(query.onlyMine)} onChange={(e) => void setQueueQuery({ createdBy: e.target.value || undefined })}>
            <option value="">Anyone</option>
            {makers.map((maker) => (
              <option key={maker.id} value={maker.id}>
                {maker.name}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={Boolean(query.onlyMine)} onChange={(e) => void setQueueQuery({ onlyMine: e.target.checked })} /> Only records I captured
        </label>
      </div>
    </div>
  );
}
