import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/contract';
import { formatTime } from '../shell/formatting';
import { useAppStore } from '../state/app-store';

const END_WORDS = { SUCCESS: 'updated', WARNING: 'updated, with a warning', FAILED: 'failed', WAITING: 'not answered yet' } as const;

/** A customer record's bulk updates on its Review page: each update it was part of, when it went, and this customer's end in it. Nothing when none. */
export function RecordUpdates({ recordId }: { recordId: string }) {
  const api = useAppStore((s) => s.api);
  const setView = useAppStore((s) => s.setView);
  const [read, setRead] = useState<ResponseOf<'bulkUpdate.forRecord'> | null>(null);

  useEffect(() => {
    if (!api) return undefined;
    let current = true;
    void api.invoke('bulkUpdate.forRecord', { recordId }).then((result) => {
      if (current && result.ok) setRead(result.value);
    });
    return () => {
      current = false;
    };
  }, [api, recordId]);

  if (!read || read.items.length === 0) return null;
  return (
    <section className="record-review__updates" aria-label="Bulk customer updates" data-testid="record-updates">
      <h4>Bulk customer updates</h4>
      <ul>
        {read.items.map(({ update, status, reason }) => (
          <li key={update.id}>
            {update.reference}, {update.sentAt ? `sent ${formatTime(update.sentAt)}` : `prepared ${formatTime(update.preparedAt)}`}: {END_WORDS[status]}
            {reason && ` — ${reason}`}
          </li>
        ))}
      </ul>
      <button type="button" className="link" onClick={() => setView('bulk-update')}>
        Open Updates
      </button>
    </section>
  );
}
