import { useState } from 'react';
import { DATE_PLACEHOLDER, formatDayMonthYear, readTypedDate, shownDate, storedDate } from '../../../shared/dates/typed-date';

export interface DateInputProps {
  id: string;
  name?: string;
  /** What the field holds: an ISO date, '' for none, or text typed that is not a date yet. */
  value: string;
  /** Called with what to hold for the text typed: the ISO date once it is a real date (see storedDate). */
  onChange(value: string): void;
  onBlur?(): void;
  /** True while the operator is in the field and has not yet typed a whole date (fewer than 8 digits). */
  onTypingChange?(typing: boolean): void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** A whole date has at least 8 digits (DDMMYYYY); fewer means the operator is still typing it. */
function stillTyping(text: string): boolean {
  return (text.match(/\d/g)?.length ?? 0) < 8;
}

/**
 * A date typed day first, DD/MM/YYYY, in a plain text box: the browser's date input shows the OS
 * locale's order (mm/dd/yyyy on many PCs), which is not how a branch writes dates. Takes
 * 15/04/1990, 15-04-1990, 15.04.1990 and 15041990, writes it back as 15/04/1990 when the field is
 * left, and hands on the ISO date (1990-04-15). The text typed is kept while the field is in use,
 * so nothing is rewritten under the operator's fingers.
 */
export function DateInput({ value, onChange, onBlur, onTypingChange, ...control }: DateInputProps) {
  const [text, setText] = useState(() => shownDate(value));
  // The value changed from outside (a draft restored, Start afresh): show it, unless it is what was typed.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== storedDate(text)) setText(shownDate(value));
  }
  return (
    <input
      {...control}
      type="text"
      inputMode="numeric"
      placeholder={DATE_PLACEHOLDER}
      autoComplete="off"
      spellCheck={false}
      maxLength={20}
      value={text}
      onChange={(event) => {
        const typed = event.target.value;
        setText(typed);
        onTypingChange?.(stillTyping(typed));
        const next = storedDate(typed);
        if (next !== value) onChange(next);
      }}
      onBlur={() => {
        const read = readTypedDate(text);
        if (read.ok) setText(formatDayMonthYear(read.date));
        onTypingChange?.(false);
        onBlur?.();
      }}
    />
  );
}
