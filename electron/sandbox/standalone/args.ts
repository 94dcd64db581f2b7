/**
 * The standalone sandbox's command line and environment: `--port N [--data DIR] [--sftp-port M]`,
 * with KYC_DESK_SANDBOX_PROCESSING_SECONDS, KYC_DESK_SANDBOX_FAULTS and KYC_DESK_SANDBOX_SEED read
 * as the app reads them. A mistake is said in a sentence a person can act on (UsageError).
 */
export interface StandaloneArgs {
  port: number;
  sftpPort: number;
  /** Kept after exit when given; otherwise a temporary folder, removed on exit. */
  dataDir: string | null;
  processingMs: number;
  faults: string | undefined;
  seed: string | undefined;
}

export const USAGE = 'Usage: npm run sandbox -- --port N [--data DIR] [--sftp-port M]';

export class UsageError extends Error {}

/** Same default as the app (electron/app/config.ts): a batch processes for 6 s. */
const DEFAULT_PROCESSING_SECONDS = 6;

function portOf(flag: string, text: string | undefined): number {
  const port = text !== undefined && /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`${flag} needs a port number from 0 to 65535${text === undefined ? '' : `, not "${text}"`}.`);
  return port;
}

export function parseStandaloneArgs(argv: readonly string[], env: NodeJS.ProcessEnv): StandaloneArgs {
  let port: number | undefined;
  let sftpPort = 0;
  let dataDir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (flag === '--port') port = portOf('--port', value);
    else if (flag === '--sftp-port') sftpPort = portOf('--sftp-port', value);
    else if (flag === '--data') {
      if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError('--data needs a folder.');
      dataDir = value;
    } else throw new UsageError(`Unknown argument "${flag}".`);
    i += 1;
  }
  if (port === undefined) throw new UsageError('--port is required (0 picks a free port).');
  const secondsText = env.KYC_DESK_SANDBOX_PROCESSING_SECONDS?.trim();
  const seconds = secondsText === undefined || secondsText === '' ? DEFAULT_PROCESSING_SECONDS : Number(secondsText);
  if (!(Number.isFinite(seconds) && seconds > 0)) throw new UsageError(`KYC_DESK_SANDBOX_PROCESSING_SECONDS must be a positive number of seconds, not "${secondsText ?? ''}".`);
  return {
    port,
    sftpPort,
    dataDir,
    processingMs: seconds * 1000,
    faults: env.KYC_DESK_SANDBOX_FAULTS?.trim() || undefined,
    seed: env.KYC_DESK_SANDBOX_SEED || undefined,
  };
}
