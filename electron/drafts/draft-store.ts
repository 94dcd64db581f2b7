import { individualInputSchema, type IndividualInput } from '../../shared/record/individual';
import type { Store } from '../store/database';

/**
 * The capture form's work in progress, one per operator, saved as they type (a durable write
 * costs well under a millisecond), so closing the app, a crash or a power cut loses at most the
 * field being typed. It lives in the encrypted store like any record.
 */
export class DraftStore {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  get(operatorId: string): { input: IndividualInput; updatedAt: string } | null {
    const row = this.store.get('SELECT data, updated_at FROM drafts WHERE operator_id = ?', [operatorId]);
    if (!row) return null;
    // A draft written by an older form may lack newer fields: fill them, never fail on it.
    const parsed = individualInputSchema.partial().safeParse(JSON.parse(String(row.data)));
    if (!parsed.success) return null;
    return { input: { ...emptyInput(), ...parsed.data }, updatedAt: String(row.updated_at) };
  }

  save(operatorId: string, input: IndividualInput): string {
    const now = this.clock().toISOString();
    this.store.write(() =>
      this.store.run(
        'INSERT INTO drafts (operator_id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(operator_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
        [operatorId, JSON.stringify(input), now],
      ),
    );
    return now;
  }

  /** Inside a caller's write (a record saved from this draft), or on its own. */
  discard(operatorId: string, inTransaction = false): void {
    const remove = () => this.store.run('DELETE FROM drafts WHERE operator_id = ?', [operatorId]);
    if (inTransaction) remove();
    else this.store.write(remove);
  }
}

function emptyInput(): IndividualInput {
  return { firstName: '', lastName: '', gender: '', dateOfBirth: '', pan: '', mobile: '', addressLine1: '', city: '', state: '', pinCode: '' };
}
