import { useState } from 'react';
import { checkFullAadhaar } from '../../../shared/digital-kyc/full-aadhaar';

/** What the box says as the number is typed: how many digits so far, then the check's verdict. */
export function aadhaarHint(typed: string, last4: string | null): { ok: boolean; text: string } {
  const digits = typed.replace(/\D/g, '');
  if (digits.length === 0) return { ok: false, text: `Type the customer’s 12-digit Aadhaar number from the card${last4 ? ` (it ends in ${last4})` : ''}.` };
  if (digits.length < 12) return { ok: false, text: `${digits.length} of 12 digits.` };
  const checked = checkFullAadhaar(typed, last4);
  return checked.ok ? { ok: true, text: 'The number passes its check digit and ends as the record’s.' } : { ok: false, text: checked.problem };
}

/**
 * The full Aadhaar number, typed for one push and never shown back: a password-style box (shown
 * only while the person holds "Show"), checked as it is typed (Verhoeff, last four). Nothing here is
 * kept after the push: the parent clears it.
 */
export function AadhaarBox({ value, last4, onChange, id }: { value: string; last4: string | null; onChange(value: string): void; id: string }) {
  const [shown, setShown] = useState(false);
  const hint = aadhaarHint(value, last4);
  return (
    <div className="field">
      <label htmlFor={id}>Customer’s full Aadhaar number</label>
      <div className="actions">
        <input
          id={id}
          name="dkyc-aadhaar"
          type={shown ? 'text' : 'password'}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={14}
          value={value}
          aria-describedby={`${id}-hint`}
          aria-invalid={value !== '' && !hint.ok}
          data-testid="dkyc-aadhaar"
          onChange={(event) => onChange(event.target.value.replace(/[^\d ]/g, ''))}
        />
        <button type="button" className="secondary" onPointerDown={() => setShown(true)} onPointerUp={() => setShown(false)} onPointerLeave={() => setShown(false)}>
          Show while held
        </button>
      </div>
      <p id={`${id}-hint`} className={!hint.ok && value.replace(/\D/g, '').length === 12 ? 'field__error' : 'field__hint'} data-testid="dkyc-aadhaar-hint" aria-live="polite">
        {hint.text} KYC Desk sends it once with the push and never keeps it.
      </p>
    </div>
  );
}
