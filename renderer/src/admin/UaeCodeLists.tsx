import { useEffect, useId, useState, type ChangeEvent } from 'react';
import type { UaeListSourceView } from '../../../shared/contract/master-data';
import type { ResponseOf } from '../../../shared/contract';
import type { AppError, Result } from '../../../shared/errors';
import { MAX_LIST_FILE_BYTES, putUaeListsInForce, UAE_LIST_NAMES, type UaeListName, type UaeMasterData } from '../../../shared/master-data/uae-lists';
import { formatTime } from '../shell/formatting';
import { ErrorBox } from './AdminField';
import { useAdminCall } from './admin-api';

/**
 * The UAE customer's code lists (docs/decisions/0051): where each comes from, and an admin's
 * import of the CDP's own list (a JSON file: {"list": …, "entries": [{"code", "label"}]}, or a CSV
 * with "code" and "label" columns) over the shipped one, checked by main; or back to the shipped
 * list. The form uses the new list at once.
 */
export function UaeCodeLists() {
  const call = useAdminCall();
  const [sources, setSources] = useState<UaeListSourceView[] | null>(null);
  const [list, setList] = useState<UaeListName>('occupations');
  const [error, setError] = useState<AppError | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  /** The lists in force and their sources, put in force for this window's form too. */
  const shown = (result: Result<ResponseOf<'masterData.uaeLists'>>) => {
    if (result.ok) {
      setSources(result.value.sources);
      putUaeListsInForce(result.value.lists as UaeMasterData);
    } else setError(result.error);
  };
  const refresh = async () => shown(await call('masterData.uaeLists', {}));

  useEffect(() => {
    let current = true;
    void call('masterData.uaeLists', {}).then((result) => {
      if (current) shown(result);
    });
    return () => {
      current = false;
    };
  }, [call]);

  async function picked(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // the same file can be picked again after a refusal
    if (!file) return;
    setError(null);
    setOutcome(null);
    if (file.size > MAX_LIST_FILE_BYTES) {
      setError({ code: 'VALIDATION_FAILED', message: `This file is ${Math.round(file.size / 1024)} KB; a code list file may be at most ${MAX_LIST_FILE_BYTES / 1024} KB. Nothing was changed.` });
      return;
    }
    setBusy(true);
    try {
      const result = await call('masterData.importUaeList', { list, text: await file.text() });
      if (result.ok) setOutcome(`${result.value.title}: ${result.value.entries.toLocaleString('en-IN')} entries imported from ${file.name}. The UAE customer form uses them now.`);
      else setError(result.error);
      await refresh();
    } finally {
      setBusy(false);
    }
  }

  async function revert(name: UaeListName) {
    setError(null);
    const result = await call('masterData.revertUaeList', { list: name });
    if (result.ok) setOutcome(`${result.value.title}: back to the list shipped with KYC Desk.`);
    else setError(result.error);
    await refresh();
  }

  return (
    <section className="admin-card" aria-labelledby={`${id}-title`} data-testid="uae-code-lists">
      <h3 id={`${id}-title`}>UAE customer code lists</h3>
      <p className="muted">The codes the UAE customer form offers. Import the CDP’s own list when it changes; no new version of KYC Desk is needed.</p>
      <div className="field">
        <label htmlFor={`${id}-list`}>List to import</label>
        <select id={`${id}-list`} value={list} onChange={(event) => setList(event.target.value as UaeListName)}>
          {(sources ?? []).map((source) => (
            <option key={source.list} value={source.list}>
              {source.title}
            </option>
          ))}
          {sources === null && UAE_LIST_NAMES.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>Code list file (JSON or CSV)</label>
        <input id={`${id}-file`} type="file" accept="application/json,.json,text/csv,.csv" disabled={busy} onChange={(event) => void picked(event)} aria-describedby={`${id}-hint`} />
        <p className="field__hint" id={`${id}-hint`}>
          A JSON list as KYC Desk ships them, or a CSV exported from a spreadsheet whose first row names a “code” and a “label” column.
        </p>
      </div>
      <ErrorBox error={error} testId="uae-code-lists-error" />
      {outcome && (
        <p className="outcome outcome--saved" role="status">
          {outcome}
        </p>
      )}
      {sources && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">List</th>
              <th scope="col">Entries</th>
              <th scope="col">Source</th>
              <th scope="col"><span className="visually-hidden">Action</span></th>
            </tr>
          </thead>
          <tbody>
            {sources.map((source) => (
              <tr key={source.list}>
                <td>{source.title}</td>
                <td>{source.entries.toLocaleString('en-IN')}</td>
                <td>{source.importedAt ? `Imported by ${source.importedBy ?? 'an admin'} on ${formatTime(source.importedAt)}` : 'Shipped with KYC Desk'}</td>
                <td>
                  {source.importedAt && (
                    <button type="button" className="small secondary" onClick={() => void revert(source.list)}>
                      Back to the shipped {source.title.toLowerCase()}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
