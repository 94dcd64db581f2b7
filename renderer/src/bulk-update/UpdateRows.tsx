import { useState } from 'react';
import type { BulkUpdateRowViewSchema } from '../../../shared/contract';

const STATUS_WORDS: Readonly<Record<BulkUpdateRowViewSchema['status'], string>> = {
  SUCCESS: 'Updated',
  WARNING: 'Updated, with a warning',
  FAILED: 'Failed',
  WAITING: 'Not answered yet',
};

interface UpdateRowsProps {
  rows: BulkUpdateRowViewSchema[];
  /** Opens the record a row came from, to fix it. */
  onOpenRecord(recordId: string): void;
  /** Given to makers: put the ticked records in a new update. */
  onPrepareAgain?(recordIds: string[]): void;
  /** Given to makers: correct a failed customer's details as an Update application to CKYC. */
  onCorrect?(recordId: string): void;
}

/** The most rows drawn at once: a large update's failures come first, the rest are counted. */
const SHOWN = 500;

/**
 * Each customer of an update with its end and the platform's reason, failures first. A failed
 * customer's record can be opened, corrected (an Update application: the registry and the platform
 * then hold the same details) and, once the registry took the correction, put in a new update.
 */
export function UpdateRows({ rows, onOpenRecord, onPrepareAgain, onCorrect }: UpdateRowsProps) {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const order = { FAILED: 0, WARNING: 1, WAITING: 2, SUCCESS: 3 } as const;
  const sorted = [...rows].sort((a, b) => order[a.status] - order[b.status]);
  const shown = sorted.slice(0, SHOWN);
  const toggle = (id: string) =>
    setTicked((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <>
      {onPrepareAgain && (
        <button type="button" className="primary" disabled={ticked.size === 0} onClick={() => onPrepareAgain([...ticked])}>
          Put the ticked records in a new update
        </button>
      )}
      <table className="data-table" data-testid="bulk-update-rows">
        <thead>
          <tr>
            {onPrepareAgain && (
              <th scope="col">
                <span className="visually-hidden">Tick</span>
              </th>
            )}
            <th scope="col">Customer reference</th>
            <th scope="col">Name</th>
            <th scope="col">End</th>
            <th scope="col">Reason</th>
            <th scope="col">
              <span className="visually-hidden">Record</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.customerReference} data-status={row.status}>
              {onPrepareAgain && (
                <td>
                  {row.recordId && (
                    <input type="checkbox" aria-label={`Tick ${row.customerReference} for a new update`} checked={ticked.has(row.recordId)} onChange={() => toggle(row.recordId!)} />
                  )}
                </td>
              )}
              <th scope="row">{row.customerReference}</th>
              <td>{row.customerName}</td>
              <td>{STATUS_WORDS[row.status]}</td>
              <td>{row.reason || '—'}</td>
              <td>
                {row.recordId && (
                  <button type="button" className="link" onClick={() => onOpenRecord(row.recordId!)}>
                    Open record {row.customerReference}
                  </button>
                )}
                {row.recordId && onCorrect && row.status === 'FAILED' && (
                  <button type="button" className="link" onClick={() => onCorrect(row.recordId!)}>
                    Correct {row.customerReference}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > SHOWN && <p className="muted">{sorted.length - SHOWN} more customers are in this update; the file holds them all.</p>}
    </>
  );
}
