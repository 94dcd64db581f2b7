import type { BatchHeader, BatchRecord } from '../../connectors/ckyc-bulk/batch-csv';
import { buildBatchZip } from '../../connectors/ckyc-bulk/batch-zip';
import { OutboxError, type Outbox } from '../../sync/outbox';
import type { BatchFileSource } from './file-delivery';

/** The sealed outbox of batch ZIPs, as the bulk routes use it; keyed by batch file name. */
export interface BatchFiles {
  build(name: string, input: { header: BatchHeader; records: readonly BatchRecord[]; maxBytes: number }): { bytes: number; sha256: string };
  source(name: string): BatchFileSource | null;
  remove(name: string): void;
}

/**
 * The bulk routes' batch ZIPs, kept in the sealed outbox: built straight into it (no plain file
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
