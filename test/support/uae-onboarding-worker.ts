// A child process for the UAE onboarding crash test: the app's store, documents and sync engine with
// the UAE onboarding service, against a Training CDP that outlives it (the CDP does not crash with
// the branch PC). It resumes whatever the last run left, sends whenever customers are ready, and
// says "done" once every customer has an outcome.
import path from 'node:path';
import { connectCdp } from '../../electron/connectors/cdp/connect';
import { DocumentStore } from '../../electron/documents/document-store';
import { uaeOnboardingService, UAE_ONBOARDING_SERVICE_ID } from '../../electron/services/uae-onboarding';
import { cdpConnection } from './cdp';
import { openSyncHarness } from './sync-harness';
import { testKey } from './test-store';

const [dataDir, url] = process.argv.slice(2) as [string, string];
const client = connectCdp(cdpConnection(url, { timeoutMs: 300 }));
const documents = new DocumentStore(path.join(dataDir, 'documents'), testKey(dataDir));
const service = uaeOnboardingService({ cdp: async () => ({ ok: true, client }), readDocument: (hash) => documents.get(hash) });
// A poll of 120 ms: a lost answer's record waits that long in doubt before its look-up, long enough
// for the test's random kills to land there (between the CDP taking it and the PC writing it down).
const harness = await openSyncHarness(dataDir, { url, token: 'unused' }, 120, { timeoutMs: 300, services: { all: { [UAE_ONBOARDING_SERVICE_ID]: service }, route: UAE_ONBOARDING_SERVICE_ID } });
harness.engine.resume();
process.stdout.write('ready\n');
for (;;) {
  if (harness.records.inState('ready', 1).length > 0) harness.startSync();
  const open = ['ready', 'submitted'].some((state) => harness.records.inState(state as 'ready', 1).length > 0);
  if (!open) {
    process.stdout.write('done\n');
    await harness.close();
    process.exit(0);
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
}
