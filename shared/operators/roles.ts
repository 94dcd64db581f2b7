/**
 * Who may do what. A maker captures, a checker approves (never their own record), an admin
 * manages operators, connections, settings and retention. Checked in main for every request.
 */
export const ROLES = ['maker', 'checker', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  maker: 'Maker (captures records)',
  checker: 'Checker (approves records)',
  admin: 'Branch admin',
};

export const PERMISSIONS = [
  'records.capture',
  'records.view',
  /** Every maker's records, their documents and the batches: a maker sees only their own captures. */
  'records.viewAll',
  'records.approve',
  'sync.run',
  'operators.manage',
  'connections.manage',
  'settings.manage',
  'audit.view',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  maker: ['records.capture', 'records.view'],
  checker: ['records.view', 'records.viewAll', 'records.approve', 'sync.run'],
  admin: ['records.view', 'records.viewAll', 'sync.run', 'operators.manage', 'connections.manage', 'settings.manage', 'audit.view'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** The operator as every process may see them: no password material, ever. */
export interface OperatorProfile {
  id: string;
  name: string;
  employeeCode: string;
  designation: string;
  branch: string;
  organisation: string;
  role: Role;
  active: boolean;
}
