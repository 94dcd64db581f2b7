import { useState } from 'react';
import { DateInput } from '../shell/DateInput';
import { useAppStore } from '../state/app-store';
import { emptyRow, isBlankRow, parsePastedColumn, rowProblems, toPerson, type FetchRow, type PasteProblem } from './fetch-input';
import { RecordPicker } from './RecordPicker';

interface FetchRequestFormProps {
  onRequested(reference: string): void;
}

/** A maker's request: typed rows, a pasted column and records of this store that have a CKYC number. */
export function FetchRequestForm({ onRequested }: FetchRequestFormProps) {
  const api = useAppStore((s) => s.api);
  const [rows, setRows] = useState<FetchRow[]>([emptyRow()]);
  const [checked, setChecked] = useState(false);
  const [paste, setPaste] = useState('');
  const [pasteProblems, setPasteProblems] = useState<PasteProblem[]>([]);
  const [recordIds, setRecordIds] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const filled = rows.filter((row) => !isBlankRow(row));
  const change = (index: number, patch: Partial<FetchRow>) => setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  function takePaste() {
    const parsed = parsePastedColumn(paste);
    setRows((current) => [...current.filter((row) => !isBlankRow(row)), ...parsed.rows, emptyRow()]);
    setPasteProblems(parsed.problems);
    // Only the bad lines stay in the box, to be put right: nothing pasted is lost.
    setPaste(parsed.rest);
  }

  async function request() {
    setChecked(true);
    if (filled.some((row) => Object.keys(rowProblems(row)).length > 0)) {
      setMessage('Some rows need attention: each says what beside it.');
      return;
    }
    if (filled.length + recordIds.length === 0) {
      setMessage('Name at least one person to fetch.');
      return;
    }
    if (!api) return;
    setBusy(true);
    try {
      const result = await api.invoke('fetch.request', { people: filled.map(toPerson), recordIds });
      if (!result.ok) {
        setMessage(result.error.message);
        return;
      }
      setMessage(`Saved as ${result.value.reference}: it waits for a checker’s approval.`);
      setRows([emptyRow()]);
      setRecordIds([]);
      setChecked(false);
      onRequested(result.value.id);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="fetch-form" aria-labelledby="fetch-form-title">
      <h3 id="fetch-form-title">Ask for people</h3>
      <p className="muted">Each person: the CKYC number with the date of birth or the registered mobile number — the registry needs one of the two.</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">CKYC number</th>
            <th scope="col">Date of birth (DD/MM/YYYY)</th>
            <th scope="col">or registered mobile</th>
            <th scope="col"><span className="visually-hidden">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const problems = checked && !isBlankRow(row) ? rowProblems(row) : {};
            const n = index + 1;
            return (
              <tr key={index} data-testid="fetch-row">
                <td>
                  <input aria-label={`CKYC number, row ${n}`} value={row.ckycNumber} inputMode="numeric" aria-invalid={Boolean(problems.ckycNumber)} aria-describedby={`fetch-${n}-number-problem`} onChange={(e) => change(index, { ckycNumber: e.target.value })} />
                  <span id={`fetch-${n}-number-problem`} className="field__error">{problems.ckycNumber ?? ''}</span>
                </td>
                <td>
                  <label htmlFor={`fetch-${n}-dob`} className="visually-hidden">
                    Date of birth, row {n}
                  </label>
                  <DateInput id={`fetch-${n}-dob`} value={row.dob} aria-invalid={Boolean(problems.dob)} aria-describedby={`fetch-${n}-dob-problem`} onChange={(dob) => change(index, { dob })} />
                  <span id={`fetch-${n}-dob-problem`} className="field__error">{problems.dob ?? ''}</span>
                </td>
                <td>
                  <input aria-label={`Registered mobile, row ${n}`} value={row.mobile} inputMode="numeric" maxLength={12} aria-invalid={Boolean(problems.mobile)} aria-describedby={`fetch-${n}-mobile-problem`} onChange={(e) => change(index, { mobile: e.target.value })} />
                  <span id={`fetch-${n}-mobile-problem`} className="field__error">{problems.mobile ?? ''}</span>
                </td>
                <td>
                  {rows.length > 1 && (
                    <button type="button" className="link" aria-label={`Remove row ${n}`} onClick={() => setRows((current) => current.filter((_, i) => i !== index))}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="secondary" onClick={() => setRows((current) => [...current, emptyRow()])}>
        Add a row
      </button>

      <label htmlFor="fetch-paste">Paste a column (one CKYC number a line; optionally “number,DD/MM/YYYY” or “number,mobile”)</label>
      <textarea id="fetch-paste" rows={4} value={paste} onChange={(e) => setPaste(e.target.value)} />
      <button type="button" className="secondary" disabled={paste.trim() === ''} onClick={takePaste}>
        Add the pasted lines
      </button>
      {pasteProblems.length > 0 && (
        <ul className="problem-list" role="alert" aria-label="Pasted lines not taken">
          {pasteProblems.map((problem) => (
            <li key={problem.line}>
              Line {problem.line} (“{problem.text}”): {problem.message}
            </li>
          ))}
        </ul>
      )}

      <RecordPicker selected={recordIds} onChange={setRecordIds} />

      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void request()}>
          Request {filled.length + recordIds.length > 0 ? `${filled.length + recordIds.length} ` : ''}from CKYC
        </button>
      </div>
      <p role="status">{message ?? ''}</p>
    </section>
  );
}
