import type { ReactNode } from 'react';
import type { SecretSlot } from '../../../../shared/secrets/slots';
import { ErrorBox } from '../AdminField';
import { SecretRow } from '../SecretRow';
import { Saved } from './form-parts';
import type { SettingsEditor, TestOutcome } from './use-connection-card';

/** The frame every connection card shares: one fieldset named by its legend. */
export function ConnectionCard({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <section className="admin-card">
      <fieldset className="admin-fieldset">
        <legend>{legend}</legend>
        {children}
      </fieldset>
    </section>
  );
}

/**
 * A card's settings form: its fields in the grid, then Save, the refusal's messages no field
 * shows, and what was saved.
 */
export function SettingsForm({ label, saveLabel, errorTestId, editor, children }: { label: string; saveLabel: string; errorTestId: string; editor: SettingsEditor; children: ReactNode }) {
  return (
    <form onSubmit={(event) => void editor.save(event)} noValidate aria-label={label}>
      <div className="admin-settings-grid">{children}</div>
      <div className="actions admin-form-actions">
        <button type="submit" className="primary" disabled={editor.busy}>
          {editor.busy ? 'Saving…' : saveLabel}
        </button>
        <ErrorBox error={editor.error} shownFields={editor.shownFields} testId={errorTestId} onlyUnplaced />
        <Saved text={editor.outcome} />
      </div>
    </form>
  );
}

/** Test connection and what it found: a success as status, a failure as an alert. */
export function TestConnection({ test, testing, onTest, testId }: { test: TestOutcome | null; testing: boolean; onTest(): Promise<void>; testId: string }) {
  return (
    <div className="actions admin-form-actions">
      <button type="button" className="admin-button" disabled={testing} onClick={() => void onTest()}>
        {testing ? 'Testing…' : 'Test connection'}
      </button>
      {test && (
        <p className={test.ok ? 'outcome outcome--saved' : 'field__error'} role={test.ok ? 'status' : 'alert'} data-testid={testId}>
          {test.message}
        </p>
      )}
    </div>
  );
}

/** The keychain slots of a card that reads its own connection; what a slot's save or removal did is said by the card. */
export function CardSecrets({ label, slots, onStarted, onDone }: { label: string; slots: ReadonlyArray<readonly [SecretSlot, boolean]>; onStarted(): void; onDone(message: string): void }) {
  return (
    <ul className="admin-secrets" aria-label={label}>
      {slots.map(([slot, isSet]) => (
        <SecretRow key={slot} slot={slot} isSet={isSet} onStarted={onStarted} onDone={onDone} />
      ))}
    </ul>
  );
}
