import { useState } from 'react';
import { validateEmiratesId } from '../../../../shared/validation/identifiers';
import { useAppStore } from '../../state/app-store';
import '../../uae-cdp/uae-cdp.css';
import { lookUpWords, type LookUpWords } from './cdp-look-up-words';

/**
 * Beside the Emirates ID being captured: "Look up on the UAE CDP", through the same look-up as the
 * UAE CDP screen (main checks the number again and asks the CDP; nothing of it is kept). Offered
 * only for a number that passes its checks (15 digits, 784, the Luhn digit), so a typing mistake
 * never reaches the CDP; the answer is dropped as soon as the number changes.
 */
export function CdpLookUp({ number, fieldLabel }: { number: string; fieldLabel: string }) {
  const api = useAppStore((s) => s.api);
  const checked = validateEmiratesId(number);
  const [answer, setAnswer] = useState<{ idNumber: string; words: LookUpWords } | null>(null);
  const [busy, setBusy] = useState(false);

  async function lookUp() {
    if (!api || !checked.ok || busy) return;
    setBusy(true);
    setAnswer(null);
    try {
      const result = await api.invoke('uaeCdp.lookUp', { idType: '4', idNumber: checked.value });
      setAnswer({ idNumber: checked.value, words: lookUpWords(result) });
    } finally {
      setBusy(false);
    }
  }

  const shown = answer && checked.ok && answer.idNumber === checked.value ? answer.words : null;
  const className = !shown ? '' : shown.tone === 'go' ? 'outcome outcome--saved' : shown.onField ? 'field__error' : 'alert alert--inline';
  return (
    <div className="uae-cdp-look-up">
      <button type="button" className="small secondary" disabled={!checked.ok || busy} onClick={() => void lookUp()}>
        {busy ? 'Looking up…' : 'Look up on the UAE CDP'}
      </button>
      {!checked.ok && number.trim() !== '' && <span className="muted"> The look-up needs a complete, valid Emirates ID.</span>}
      <div role={shown && shown.tone !== 'go' ? 'alert' : 'status'} data-testid="uae-capture-lookup" aria-label={`UAE CDP look-up of the ${fieldLabel}`}>
        {shown && (
          <div className={className} data-tone={shown.tone}>
            <p>{shown.text}</p>
            {shown.facts && (
              <dl className="uae-cdp-facts">
                {shown.facts.map(([term, value]) => (
                  <div key={term} className="uae-cdp-facts__row">
                    <dt>{term}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
