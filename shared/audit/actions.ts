/** Everything the audit trail records, by name; the audit screen filters on these. */
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'lock',
  'record-create',
  'record-edit',
  'record-submit',
  'record-approve',
  'record-reject',
  'sync-start',
  'sync-finish',
  'record-delete',
  'retention-purge',
  'audit-export',
  'settings-change',
  'secret-set',
  'secret-clear',
  'operator-create',
  'operator-change',
  'live-setup-refused',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
