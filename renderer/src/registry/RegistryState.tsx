import { REGISTRY_STATE_LABELS } from '../../../shared/contract';
import { isKnownRegistryState } from './registry-format';

const CLASS: Record<string, string> = { upload_succeeded: 'succeeded', upload_failed: 'failed', processing: 'submitted', pending: 'ready' };

/** A state as the registry said it: a known one by its label, any other word shown as it came, marked as one KYC Desk does not know. */
export function RegistryState({ state }: { state: string }) {
  if (isKnownRegistryState(state)) {
    return (
      <span className={`state state--${CLASS[state]}`} data-state={state} title={state}>
        {REGISTRY_STATE_LABELS[state]}
      </span>
    );
  }
  return (
    <span className="state state--unknown" data-state={state} title="A state KYC Desk does not know: the registry's own word">
      {state} <span className="muted">(registry's word)</span>
    </span>
  );
}
