/**
 * The closed list of secret slots the renderer may set, clear and ask about (never read back).
 * Pure data, no Node: the IPC contract in shared/ may take these names as they are.
 */
export const SECRET_SLOTS = [
  'ckyc-api-password',
  'ckyc-api-token',
  'sftp-password',
  'sftp-key-passphrase',
  'agent-api-password',
  'uae-oauth-client-secret',
  'uae-password',
] as const;

export type SecretSlot = (typeof SECRET_SLOTS)[number];

/** What the connection screen calls each slot. */
export const SECRET_SLOT_LABELS: Readonly<Record<SecretSlot, string>> = {
  'ckyc-api-password': 'CKYC API password',
  'ckyc-api-token': 'CKYC API token',
  'sftp-password': 'SFTP password',
  'sftp-key-passphrase': 'SFTP private key passphrase',
  'agent-api-password': 'Agent API password',
  'uae-oauth-client-secret': 'UAE partner OAuth client secret',
  'uae-password': 'UAE partner password',
};

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
