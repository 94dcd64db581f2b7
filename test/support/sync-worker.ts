// A child process for the sync crash test: the app's store and sync engine against a sandbox that
// outlives it (the registry does not crash with the branch PC). It resumes whatever the last run
// left, presses Sync whenever records are ready, and says "done" once every record has an outcome.
import { openSyncHarness } from './sync-harness';
import type { SubmissionRoute } from '../../shared/sync/routes';
import type { SftpConnectionSettings } from '../../electron/transport/sftp';

const [dataDir, url, token, route = 'bulk-api'] = process.argv.slice(2) as [string, string, string, SubmissionRoute?];
const sftp = process.env.KYC_DESK_TEST_SFTP ? (JSON.parse(process.env.KYC_DESK_TEST_SFTP) as SftpConnectionSettings) : undefined;
const harness = await openSyncHarness(dataDir, { url, token, ...(sftp ? { sftp: () => sftp } : {}) }, 20, { maxBatchRecords: 3, timeoutMs: 300, route });
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
