import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/errors';
import { SUBMISSION_ROUTE_LABELS, SUBMISSION_ROUTES, type SubmissionRoute } from '../../../../shared/sync/routes';
import { useAppStore } from '../../state/app-store';
import { ErrorBox } from '../AdminField';
import { useAdminCall } from '../admin-api';
import { Saved } from './form-parts';

/** One line each: what the route does, and what it needs set up on this screen. */
const ROUTE_HINTS: Record<SubmissionRoute, string> = {
  'bulk-api': 'The batch file goes to the registry through the CKYC API, then its processing is followed there. Needs the CKYC API settings.',
  'bulk-sftp': 'The batch file is put in the SFTP input folder and the results read from the response folder. Needs the API and SFTP settings and a trusted server identity.',
  'records-api': 'The records go as one request to the CKYC records API and are answered at once, with no batch file. Needs the CKYC API settings.',
};

/** Which way batches take to the registry from now on; batches already under way keep theirs. */
export function RouteSection() {
  const call = useAdminCall();
  const setSyncStatus = useAppStore((s) => s.setSyncStatus);
  const id = useId();
  const [current, setCurrent] = useState<SubmissionRoute | null>(null);
  const [choice, setChoice] = useState<SubmissionRoute | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void call('sync.status', {}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setCurrent(result.value.route);
        setChoice(result.value.route);
        setLoadError(null);
        setSyncStatus(result.value);
      } else {
        setLoadError(result.error);
      }
    });
    return () => {
      live = false;
    };
  }, [call, setSyncStatus]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving || choice === null || choice === current) return;
    setSaving(true);
    setError(null);
    setOutcome(null);
    try {
      const result = await call('sync.setRoute', { route: choice });
      if (result.ok) {
        setCurrent(result.value.route);
        setChoice(result.value.route);
        setSyncStatus(result.value);
        setOutcome(`New batches now go by ${SUBMISSION_ROUTE_LABELS[result.value.route]}. Batches already under way keep the route they started on.`);
      } else {
        setError(result.error);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="admin-card" data-testid="route-picker">
      <form onSubmit={save} noValidate aria-label="Route to the registry">
        <fieldset className="admin-fieldset route-picker" disabled={current === null}>
          <legend>Route to the registry</legend>
          <p className="screen-intro">How new batches reach the CKYC registry. Batches already under way keep the route they started on.</p>
          {current === null && !loadError && <p className="muted">Loading the route in use…</p>}
          {SUBMISSION_ROUTES.map((route) => (
            <div key={route} className="route-choice">
              <input
                type="radio"
                id={`${id}-${route}`}
                name={`${id}-route`}
                value={route}
                checked={choice === route}
                aria-describedby={[`${id}-${route}-hint`, current === route ? `${id}-${route}-current` : null].filter(Boolean).join(' ')}
                onChange={() => {
                  setChoice(route);
                  setOutcome(null);
                  setError(null);
                }}
              />
              <div>
                <label htmlFor={`${id}-${route}`}>{SUBMISSION_ROUTE_LABELS[route]}</label>
                {current === route && (
                  <span className="state admin-state--on route-choice__current" id={`${id}-${route}-current`}>
                    In use
                  </span>
                )}
                <p className="field__hint" id={`${id}-${route}-hint`}>
                  {ROUTE_HINTS[route]}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <div className="actions admin-form-actions">
          <button type="submit" className="primary" disabled={saving || choice === null || choice === current}>
            {saving ? 'Saving…' : 'Save route'}
          </button>
          <Saved text={outcome} />
        </div>
        <ErrorBox error={loadError} testId="route-load-error" />
        <ErrorBox error={error} testId="route-error" />
      </form>
    </section>
  );
}
