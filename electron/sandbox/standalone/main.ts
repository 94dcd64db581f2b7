import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../logging/logger';
import { redact } from '../../logging/redact';
import { CkycSandbox, TRAINING_AGENT_API_CREDENTIALS, TRAINING_RECORDS_API_CREDENTIALS } from '../ckyc/sandbox';
import { clientKeyPath } from '../ckyc/sftp/keys';
import { cdpSamples, TRAINING_CDP_CREDENTIALS } from '../cdp/service';
import { sampleUpdateFile, TRAINING_BULK_UPDATE_CREDENTIALS, TRAINING_PARENT_COMPANY_ID } from '../bulk-update/service';
import { parseStandaloneArgs, USAGE, UsageError, type StandaloneArgs } from './args';

/**
 * `npm run sandbox -- --port N [--data DIR]`: the Training sandbox alone (HTTP and SFTP on
 * 127.0.0.1), for a bank's IT team to try the APIs with curl. The first line on stdout is one JSON
 * object saying where everything is (announcement below); everything else goes to stderr. Ctrl-C
 * or SIGTERM closes it; a temporary data folder is removed on the way out.
 */

/** How many seeded people the announcement offers as samples. */
const SAMPLE_COUNT = 3;

const stderrLogger: Logger = {
  debug: () => undefined,
  info: (message, details) => process.stderr.write(`${redact(`${message}${details ? ` ${JSON.stringify(details)}` : ''}`)}\n`),
  warn: (message, details) => stderrLogger.info(`warning: ${message}`, details),
  error: (message, details) => stderrLogger.info(`error: ${message}`, details),
};

export function announcement(sandbox: CkycSandbox, stateDir: string) {
  const sftp = sandbox.sftp;
  return {
    sandbox: sandbox.url,
    sftp: sftp ? { host: '127.0.0.1', port: sftp.port, username: sftp.identity.username, privateKeyPath: clientKeyPath(stateDir), hostKeySha256: sftp.hostFingerprint } : null,
    credentials: {
      ckyc: { username: TRAINING_RECORDS_API_CREDENTIALS.username, password: TRAINING_RECORDS_API_CREDENTIALS.password },
      // The agent API (video KYC, digital-KYC push) takes its token from the same endpoint.
      agent: { username: TRAINING_AGENT_API_CREDENTIALS.username, password: TRAINING_AGENT_API_CREDENTIALS.password },
      cdp: { ...TRAINING_CDP_CREDENTIALS },
      // The bulk customer update takes a bearer token (its vendor prints no token endpoint).
      enkash: { token: TRAINING_BULK_UPDATE_CREDENTIALS.token },
    },
    samples: {
      ckyc: sandbox.seededPeople().slice(0, SAMPLE_COUNT).map((person) => ({ ckyc_id: person.ckyc_number, dob: person.dob, mobile_number: person.mobile_number })),
      // Emirates IDs the Training CDP knows, one for each look-up outcome but "not found" (any other valid id).
      cdp: (({ existing, notSubscribed, underInvestigation, blocked }) => ({ existing, notSubscribed, underInvestigation, blocked }))(cdpSamples(sandbox.faults.seed)),
      enkash: { parentCompanyId: TRAINING_PARENT_COMPANY_ID, file: sampleUpdateFile(stateDir) },
    },
  };
}

async function run(args: StandaloneArgs): Promise<void> {
  const temporary = args.dataDir === null;
  const dataDir = args.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-sandbox-'));
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const stateDir = path.resolve(dataDir);
  let sandbox: CkycSandbox;
  try {
    sandbox = await CkycSandbox.start({
      stateDir,
      // Nobody pastes a token here: the bulk API takes the token endpoint's JWTs.
      token: randomBytes(32).toString('hex'),
      processingMs: args.processingMs,
      logger: stderrLogger,
      faults: args.faults,
      seed: args.seed,
      port: args.port,
      sftp: { port: args.sftpPort },
    });
  } catch (error) {
    if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  process.stdout.write(`${JSON.stringify(announcement(sandbox, stateDir))}\n`);
  process.stderr.write(
    temporary
      ? `KYC Desk sandbox on ${sandbox.url}; data in ${stateDir}, a temporary folder removed when it stops (Ctrl-C). Use --data DIR to keep it.\n`
      : `KYC Desk sandbox on ${sandbox.url}; data kept in ${stateDir}. Ctrl-C stops it.\n`,
  );
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`${signal}: closing the sandbox.\n`);
    void sandbox
      .close()
      .then(() => {
        if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      })
      .catch((error: unknown) => {
        process.stderr.write(`The sandbox did not close cleanly: ${(error as Error).message}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

try {
  await run(parseStandaloneArgs(process.argv.slice(2), process.env));
} catch (error) {
  process.stderr.write(error instanceof UsageError ? `${error.message}\n${USAGE}\n` : `The sandbox could not start: ${(error as Error).message}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
}
