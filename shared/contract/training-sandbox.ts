import { z } from 'zod';

/**
 * Training mode's switches on its own sandbox (admins only; in Live mode the channel answers that
 * it exists only in Training mode). Today one: "Pretend the SFTP server is down", so staff can see
 * what the Registry screen and a transfer do when the registry's SFTP server is unreachable.
 */
export const TRAINING_SANDBOX_CONTRACT = {
  /** Without `down`: only read the switch. With it: set it. Answers the switch as it now is. */
  'training.sftpDown': {
    request: z.object({ down: z.boolean().optional() }).strict(),
    response: z.object({ down: z.boolean() }),
  },
} as const;
