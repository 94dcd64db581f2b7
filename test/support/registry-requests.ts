import fs from 'node:fs';
import path from 'node:path';
import type { SandboxRequest } from '../../electron/sandbox/ckyc/batch-state';

/**
 * Synthetic requests written into a Training sandbox's state folder before it starts, so its
 * get-client-details has many to page through (the Registry screen's tests and benchmark):
 * alternately upload and update, one a minute back from `newestAt`, each already at its end —
 * succeeded, or failed with a reason — with 1 to 5 individuals. The sandbox reads them as requests
 * it received before a restart.
 */
export function writeSandboxRequests(stateDir: string, count: number, newestAt = Date.parse('2026-11-30T10:00:00Z')): SandboxRequest[] {
  const requests = Array.from({ length: count }, (_, n): SandboxRequest => {
    const receivedAt = newestAt - n * 60_000;
    const refs = Array.from({ length: (n % 5) + 1 }, (_, i) => `KDSYN${String(n).padStart(6, '0')}${i}`);
    const failed = n % 7 === 3;
    return {
      clientId: `c_syn_${String(n).padStart(6, '0')}`,
      kind: n % 2 === 0 ? 'upload' : 'update',
      batchFileName: `KD_SYN_${String(n).padStart(6, '0')}`,
      receivedAt,
      kycRefs: refs,
      ruleErrors: [],
      terminal: {
        state: failed ? 'upload_failed' : 'upload_succeeded',
        error: failed ? 'Batch rejected: individuals.csv has no header row.' : null,
        at: receivedAt + 6_000,
        results: refs.map((ref, i) => ({ kycRefNo: ref, state: failed ? 'failed' : 'succeeded', ckycNumber: failed ? null : `3001${String(n).padStart(8, '0')}${i}${i}`, error: failed ? 'Batch rejected.' : null })),
      },
    };
  });
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(path.join(stateDir, 'requests.json'), JSON.stringify(requests));
  return requests;
}
