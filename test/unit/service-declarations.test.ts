import { describe, expect, it } from 'vitest';
import { SERVICE_DECLARATIONS } from '../../shared/services';
import { SECRET_SLOTS, SECRET_SLOT_LABELS, isSecretSlot, type SecretSlot } from '../../shared/secrets/slots';

describe('service declarations (shared/services/)', () => {
  it('give the keychain its slots: every declared secret, in the services’ order, each labelled as declared', () => {
    const declared = SERVICE_DECLARATIONS.flatMap((service): ReadonlyArray<{ slot: SecretSlot; label: string }> => service.secrets);
    expect([...SECRET_SLOTS]).toEqual(declared.map((secret) => secret.slot));
    for (const secret of declared) expect(SECRET_SLOT_LABELS[secret.slot]).toBe(secret.label);
    // Today's slots, unchanged by their move into the declarations.
    expect([...SECRET_SLOTS]).toEqual(['ckyc-api-password', 'ckyc-api-token', 'sftp-password', 'sftp-key-passphrase', 'agent-api-password', 'uae-oauth-client-secret', 'uae-password', 'bulk-update-token']);
    expect(isSecretSlot('not-declared')).toBe(false);
  });

  it('name each service and slot plainly and uniquely', () => {
    const plain = /^[a-z0-9]+(-[a-z0-9]+)*$/;
    const ids = SERVICE_DECLARATIONS.map((service) => service.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(plain);
    expect(new Set(SECRET_SLOTS).size).toBe(SECRET_SLOTS.length);
    for (const slot of SECRET_SLOTS) expect(slot).toMatch(plain);
  });
});
