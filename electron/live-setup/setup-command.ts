import { formatLocalClock, formatLocalDate } from '../../shared/dates/local-time';
import { issueSetupCode, type SetupCodeOptions } from './setup-code';

/**
 * `--live-setup-code`: the command IT runs on the branch PC (the packaged app with this flag, or
 * `npm run live-setup-code` for the browser preview). It makes a new one-time code for the data
 * folder and returns the words to show once; nothing else is started.
 */
export const LIVE_SETUP_FLAG = '--live-setup-code';

export function wantsLiveSetupCode(argv: readonly string[]): boolean {
  return argv.includes(LIVE_SETUP_FLAG);
}

/** DD/MM/YYYY HH:MM on this PC's clock, as branch staff write it. */
const localDateTime = (at: Date): string => `${formatLocalDate(at)} ${formatLocalClock(at)}`;

export async function liveSetupCodeMessage(dataDir: string, options: SetupCodeOptions = {}): Promise<string> {
  const { code, expiresAt } = await issueSetupCode(dataDir, options);
  return [
    `KYC Desk — one-time Live setup code for the data folder ${dataDir}:`,
    '',
    `    ${code}`,
    '',
    `It works until ${localDateTime(expiresAt)} and is shown only now: KYC Desk keeps only a hash of it.`,
    'Give it to the person who will be the branch’s first admin in Live mode. They type it on the Settings',
    'screen to choose Live mode, and again when KYC Desk asks for its first Live admin; then it is used up.',
    'Making a new code stops this one from working.',
  ].join('\n');
}
