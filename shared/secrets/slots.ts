import { SERVICE_DECLARATIONS } from '../services';

/**
 * The closed list of secret slots the renderer may set, clear and ask about (never read back):
 * every registered service's declared secrets (shared/services/), in the services' order.
 * Pure data, no Node: the IPC contract in shared/ may take these names as they are.
 */
export type SecretSlot = (typeof SERVICE_DECLARATIONS)[number]['secrets'][number]['slot'];

const DECLARED: ReadonlyArray<{ slot: SecretSlot; label: string; rule?: { pattern: RegExp; message: string } }> = SERVICE_DECLARATIONS.flatMap(
  (service): ReadonlyArray<{ slot: SecretSlot; label: string; rule?: { pattern: RegExp; message: string } }> => service.secrets,
);

// A tuple type for z.enum; at least CKYC's secrets are always declared.
export const SECRET_SLOTS = DECLARED.map((secret) => secret.slot) as unknown as readonly [SecretSlot, ...SecretSlot[]];
if (new Set(SECRET_SLOTS).size !== SECRET_SLOTS.length) throw new Error('Two services declare the same secret slot.');

/** The other side's own rule for a slot's value, where it has one (the agent API's password). */
export function secretRuleProblem(slot: SecretSlot, value: string): string | null {
  const declared: { rule?: { pattern: RegExp; message: string } } | undefined = DECLARED.find((secret) => secret.slot === slot);
  return declared?.rule && !declared.rule.pattern.test(value) ? declared.rule.message : null;
}

/** What the connection screen calls each slot. */
export const SECRET_SLOT_LABELS: Readonly<Record<SecretSlot, string>> = Object.fromEntries(DECLARED.map((secret) => [secret.slot, secret.label])) as Record<SecretSlot, string>;

export const VAULT_MODES = ['training', 'live'] as const;
export type VaultMode = (typeof VAULT_MODES)[number];

export function isSecretSlot(value: unknown): value is SecretSlot {
  return typeof value === 'string' && (SECRET_SLOTS as readonly string[]).includes(value);
}

/** Keychain entry name of a slot: `secret:<mode>:<slot>`. Training and live never share a secret. */
export function secretAccount(mode: VaultMode, slot: SecretSlot): string {
  if (!(VAULT_MODES as readonly string[]).includes(mode)) throw new Error(`unknown mode ${String(mode)}`);
  if (!isSecretSlot(slot)) throw new Error(`unknown secret slot ${String(slot)}`);
  return `secret:${mode}:${slot}`;
}
