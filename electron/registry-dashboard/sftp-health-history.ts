import type { SftpHealthSample } from '../../shared/contract';
import type { HttpOutcome } from '../transport/http-client';

/** How many samples a run keeps: at one a half-minute, about four hours of an open screen. */
export const HISTORY_LIMIT = 500;
/** However many screens ask, sftp-health is asked at most this often for them. */
export const MIN_CHECK_INTERVAL_MS = 10_000;

/**
 * SFTP health as the registry reported it during this run, newest first: every answer to
 * sftp-health KYC Desk got — the Registry screen's timer while it is open, and KYC Desk's own
 * checks (before SFTP work, the connection test). Kept in memory only: a history of a server's
 * health from a run ago says nothing about now, and nothing in it is a customer's.
 */
export class SftpHealthHistory {
  private readonly samples: SftpHealthSample[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  record(source: SftpHealthSample['source'], outcome: HttpOutcome<{ data: { status: string } }>): SftpHealthSample {
    const sample: SftpHealthSample = outcome.ok
      ? { at: this.now().toISOString(), status: outcome.body.data.status, problem: null, source }
      : { at: this.now().toISOString(), status: null, problem: outcome.failure.message, source };
    this.samples.unshift(sample);
    if (this.samples.length > HISTORY_LIMIT) this.samples.length = HISTORY_LIMIT;
    return sample;
  }

  /** Whether a new check is due for the screen (the newest sample, whoever asked, is old enough). */
  due(): boolean {
    const newest = this.samples[0];
    return !newest || this.now().getTime() - Date.parse(newest.at) >= MIN_CHECK_INTERVAL_MS;
  }

  list(): SftpHealthSample[] {
    return [...this.samples];
  }
}
