import { useEffect, useId, useState } from 'react';
import { fromOfDay, toAfterDay } from '../../../shared/dates/local-day';
import { RECORD_STATE_LABELS, RECORD_STATES } from '../../../shared/sync/states';
import { mayViewAll, useAppStore } from '../state/app-store';
import { CaptureDateFilter } from './CaptureDateFilter';

/** State chips with their counts, search, capture dates and, for those who see every maker's records, who captured them. Main does the filtering. */
export function QueueFilters() {
  const counts = useAppStore((s) => s.records.counts);
  const query = useAppStore((s) => s.queueQuery);
  const setQueueQuery = useAppStore((s) => s.setQueueQuery);
  const [search, setSearch] = useState(query.search ?? '');
  const id = useId();
  const api = useAppStore((s) => s.api);
  const [makers, setMakers] = useState<Array<{ id: string; name: string }>>([]);
  // A maker's queue holds only their own records (main scopes it): no one else to choose.
  const seesEveryone = useAppStore((s) => mayViewAll(s.session));
  // Who captured records here, asked once per visit: the list changes only when someone new captures.
  useEffect(() => {
    if (!api || !seesEveryone) return;
    void api.invoke('records.makers', {}).then((result) => result.ok && setMakers(result.value.items));
  }, [api, seesEveryone]);

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
        <CaptureDateFilter label="Captured from" bound={fromOfDay} onBound={(from) => void setQueueQuery({ from })} />
        <CaptureDateFilter label="Captured to" bound={toAfterDay} onBound={(to) => void setQueueQuery({ to })} />
        {seesEveryone && (
          <>
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
          </>
        )}
      </div>
    </div>
  );
}
