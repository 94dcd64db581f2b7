import { useEffect, useState } from 'react';
import type { RecordSummary } from '../../../shared/contract';
import { useAppStore } from '../state/app-store';

interface RecordPickerProps {
  selected: string[];
  onChange(ids: string[]): void;
}

/**
 * Records of this store the registry accepted (state succeeded): they have a CKYC number, and main
 * asks for each with the date of birth it holds. Read once when opened; a failed read is said.
 */
export function RecordPicker({ selected, onChange }: RecordPickerProps) {
  const api = useAppStore((s) => s.api);
  const [open, setOpen] = useState(false);
  const [records, setRecords] = useState<RecordSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!open || !api || records) return;
    let current = true;
    void api.invoke('records.list', { page: 1, pageSize: 100, state: 'succeeded' }).then((result) => {
      if (!current) return;
      if (result.ok) setRecords(result.value.items.filter((item) => item.kind === undefined || item.kind === 'ckyc-individual'));
      else setProblem(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [open, api, records]);

  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((item) => item !== id) : [...selected, id]);

  return (
    <details className="fetch-picker" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Pick records that already have a CKYC number{selected.length > 0 ? ` (${selected.length} picked)` : ''}</summary>
      {problem && <p role="alert">These records could not be read: {problem}</p>}
      {!problem && !records && open && <p className="muted">Reading the records the registry accepted…</p>}
      {records && records.length === 0 && <p className="muted">No record of this store has been accepted by the registry yet.</p>}
      {records && records.length > 0 && (
        <ul className="plain-list">
          {records.map((record) => (
            <li key={record.id}>
              <label>
                <input type="checkbox" checked={selected.includes(record.id)} onChange={() => toggle(record.id)} /> {record.reference} · {record.name}
              </label>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
