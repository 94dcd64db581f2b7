// `npm run bench`: every benchmark, figures and ratios against a peer measured in the same run.
import { runStoreSaveBench } from './store-save.bench';
import { runQueueBench } from './queue.bench';
import { runValidationBench } from './validation.bench';
import { runPinMasterBench } from '../pin-master/pin-master.bench';
import { runPhotoCompressBench } from './photo-compress.bench';
import { runSftpUploadBench } from './sftp-upload.bench';
import { runRendererBench } from './renderer.bench';
import { runBatchZipBench } from './batch-zip.bench';

console.log(`KYC Desk benchmarks — ${new Date().toISOString()} — node ${process.version}, ${process.platform}/${process.arch}`);
await runStoreSaveBench();
await runQueueBench();
await runValidationBench();
await runPinMasterBench();
await runPhotoCompressBench();
await runRendererBench();
await runBatchZipBench();
await runSftpUploadBench();
