import { previewDataDir } from '../data-folder/data-dir';
import { UNLOCK_OPERATOR_FLAG, unlockOperatorOnThisPc, unlockRequestFrom } from './lock-out-recovery';

/**
 * `npm run unlock-operator -- <employee code> [--mode training|live] [--data-dir <folder>]`: the
 * lock-out recovery from a checkout (the packaged app takes `--unlock-operator` itself). The data
 * folder is the preview's, or KYC_DESK_DATA_DIR, unless --data-dir says otherwise.
 */
async function main(): Promise<number> {
  let request;
  try {
    request = unlockRequestFrom([UNLOCK_OPERATOR_FLAG, ...process.argv.slice(2)]);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (!request) return 2;
  try {
    console.log(await unlockOperatorOnThisPc(request, { dataDir: request.dataDir ?? previewDataDir() }));
    return 0;
  } catch (error) {
    // AppFailure messages are written for people; nothing else is dumped either.
    console.error(`KYC Desk could not end the lock-out: ${(error as Error).message}`);
    return 1;
  }
}

main().then((code) => process.exit(code));
