import { BATCH_STATE_LABELS, RECORD_STATE_LABELS, type BatchState, type RecordState } from '../../../shared/sync/states';

/** A record's state as a coloured label; `data-state` lets tests read it without parsing text. */
export function RecordStateBadge({ state }: { state: RecordState }) {
  return (
    <span className={`state state--${state}`} data-state={state}>
      {RECORD_STATE_LABELS[state]}
    </span>
  );
}

export function BatchStateBadge({ state }: { state: BatchState }) {
  return (
    <span className={`state state--batch-${state}`} data-batch-state={state}>
      {BATCH_STATE_LABELS[state]}
    </span>
  );
}
