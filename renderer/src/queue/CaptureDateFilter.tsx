import { useId, useState } from 'react';
import { DATE_PLACEHOLDER, whyNotADate } from '../../../shared/dates/typed-date';
import { DateInput } from '../shell/DateInput';

/**
 * One end of the queue's capture-date filter, typed DD/MM/YYYY. The query changes only for a real
 * date or an emptied field: a date still being typed sends nothing, and a mistyped one says why
 * beside the field while the list keeps its last filter.
 */
export function CaptureDateFilter({ label, bound, onBound }: { label: string; bound(day: string): string | undefined; onBound(instant: string | undefined): void }) {
  const id = useId();
  const [day, setDay] = useState('');
  const [typing, setTyping] = useState(false);
  const error = day !== '' && !typing && !bound(day) ? whyNotADate(day) : null;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <DateInput
        id={id}
        value={day}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        onTypingChange={setTyping}
        onChange={(value) => {
          setDay(value);
          const instant = value === '' ? undefined : bound(value);
          if (value === '' || instant) onBound(instant);
        }}
      />
      <p className="field__hint" id={hintId}>
        {DATE_PLACEHOLDER}
      </p>
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
