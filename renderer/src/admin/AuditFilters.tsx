import { AUDIT_ACTIONS } from '../../../shared/audit/actions';
import { DATE_PLACEHOLDER } from '../../../shared/dates/typed-date';
import { DateInput } from '../shell/DateInput';
import { AdminField } from './AdminField';

/** The audit trail's filter as typed: an action, and local days DD/MM/YYYY. */
export interface AuditFilterInput {
  action: string;
  fromDay: string;
  toDay: string;
}

interface Props extends AuditFilterInput {
  /** Each field's complaint, if any, shown beside it. */
  errors: { action?: string | undefined; from?: string | undefined; to?: string | undefined };
  onChange(change: Partial<AuditFilterInput>): void;
  /** Which date is being typed, so its complaint can wait until a whole date is there. */
  onTyping(which: 'from' | 'to' | null): void;
}

/** The filters above the audit trail: action, from date and to date, and a way to clear them all. */
export function AuditFilters({ action, fromDay, toDay, errors, onChange, onTyping }: Props) {
  const anyFilter = action !== '' || fromDay !== '' || toDay !== '';
  return (
    <form className="admin-filters" role="search" aria-label="Filter the audit trail" onSubmit={(e) => e.preventDefault()}>
      <AdminField label="Action" error={errors.action}>
        {({ id, describedBy, invalid }) => (
          <select id={id} value={action} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => onChange({ action: e.target.value })}>
            <option value="">All</option>
            {AUDIT_ACTIONS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
      </AdminField>
      <AdminField label="From date" hint={DATE_PLACEHOLDER} error={errors.from}>
        {({ id, describedBy, invalid }) => (
          <DateInput
            id={id}
            value={fromDay}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onTypingChange={(now) => onTyping(now ? 'from' : null)}
            onChange={(value) => onChange({ fromDay: value })}
          />
        )}
      </AdminField>
      <AdminField label="To date" hint={DATE_PLACEHOLDER} error={errors.to}>
        {({ id, describedBy, invalid }) => (
          <DateInput
            id={id}
            value={toDay}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onTypingChange={(now) => onTyping(now ? 'to' : null)}
            onChange={(value) => onChange({ toDay: value })}
          />
        )}
      </AdminField>
      {anyFilter && (
        <button type="button" className="link admin-filters__clear" onClick={() => onChange({ action: '', fromDay: '', toDay: '' })}>
          Clear filters
        </button>
      )}
    </form>
  );
}
