// `npm run bench`: every benchmark, figures and ratios against a peer measured in the same run.
import { runStoreSaveBench } from './store-save.bench';
import { runQueueBench } from './queue.bench';
import { runValidationBench } from './validation.bench';
import { runPinMasterBench } from '../pin-master/pin-master.bench';
import { runPhotoCompressBench } from './photo-compress.bench';
import { runSftpUploadBench } from './sftp-upload.bench';
import { runRendererBench } from './renderer.bench';
import { runBatchZipBench } from './batch-zip.bench';
import { runSyncSftpBench } from './sync-sftp.bench';
import { runAadhaarMaskBench } from './aadhaar-mask.bench';
import { runRegistryBench } from './registry.bench';
import { runSameCustomerBench } from './same-customer.bench';
import { runApplicationFormBench, runVideoSealBench } from './digital-kyc.bench';
import { runBulkUpdateBench } from './bulk-update.bench';

console.log(`KYC Desk benchmarks — ${new Date().toISOString()} — node ${process.version}, ${process.platform}/${process.arch}`);

// `npm run bench -- store-save sftp-upload` runs just those; no names runs them all.
const only = process.argv.slice(2);
const benches: [string, () => Promise<void> | void][] = [
  ['store-save', runStoreSaveBench],
  ['queue', runQueueBench],
  ['validation', runValidationBench],
  ['pin-master', runPinMasterBench],
  ['photo-compress', runPhotoCompressBench],
  ['aadhaar-mask', runAadhaarMaskBench],
  ['renderer', runRendererBench],
  ['registry', runRegistryBench],
  ['same-customer', runSameCustomerBench],
  ['application-form', runApplicationFormBench],
  ['video-seal', runVideoSealBench],
  ['bulk-update', runBulkUpdateBench],
  ['batch-zip', runBatchZipBench],
  ['sftp-upload', runSftpUploadBench],
  ['sync-sftp', runSyncSftpBench],
];
const unknown = only.filter((name) => !benches.some(([known]) => known === name));
if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${benches.map(([name]) => name).join(', ')}`);
for (const [name, run] of benches) if (only.length === 0 || only.includes(name)) await run();
