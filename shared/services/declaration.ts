/**
 * What a service tells the rest of KYC Desk about itself, on both sides of the bridge: its name
 * and the secrets it keeps in the OS keychain (each a slot an admin can set, replace or clear,
 * never read back). The keychain, the IPC contract and the Settings screen take their lists of
 * slots from the declarations registered in shared/services/index.ts, so a new service's secrets
 * need no edit anywhere else. Its non-secret settings are its own module's (decision 0034).
 */
export interface ServiceDeclaration {
  /** A plain name: lowercase letters, digits and dashes. */
  id: string;
  /** What people call it. */
  label: string;
  secrets: readonly SecretDeclaration[];
}

export interface SecretDeclaration {
  /** The keychain slot: lowercase letters, digits and dashes, unique across services. */
  slot: string;
  /** What the Settings and Connections screens call it. */
  label: string;
  /** The other side's own rule for the value, if it has one: checked before the keychain keeps it. */
  rule?: { pattern: RegExp; message: string };
}
