import { buildBatchZip } from '../connectors/ckyc-bulk/batch-zip';
import { Outbox, OutboxError } from './outbox';
import type { BatchFiles } from './sync-engine';

/**
 * The sync engine's batch ZIPs, kept in the sealed outbox: built straight into it (no plain file
 * anywhere), read back decrypting as they are sent, removed once their batch has ended.
 * Keyed by batch file name; the file goes to the registry as `<batch file name>.zip`.
 * `readDocument` is DocumentStore.get: each image is decrypted into memory, one at a time.
 */
export function outboxBatchFiles(outbox: Outbox, readDocument: (documentHash: string) => Uint8Array): BatchFiles {
  return {
    build(name, { header, records, maxBytes }) {
      const { entry } = outbox.write(name, (write) => buildBatchZip({ header, records, readDocument, maxBytes, output: (produce) => produce(write) }));
      return entry;
    },
    source(name) {
      let entry;
      try {
        entry = outbox.entry(name);
      } catch (error) {
        // Damaged, or sealed with another key: treated as missing, so the engine makes it again.
        if (error instanceof OutboxError) return null;
        throw error;
      }
      if (!entry) return null;
      return { name: `${name}.zip`, bytes: entry.bytes, sha256: entry.sha256, open: () => outbox.open(name) };
    },
    remove(name) {
      outbox.remove(name);
    },
  };
}
