import { pollIntervalMs } from '../sync/poll-schedule';

/** Settings read from the environment, for IT and for tests. Each is optional. */
export interface RuntimeConfig {
  pollIntervalMs: number;
  sandboxProcessingMs: number;
  maxBatchRecords: number;
  httpTimeoutMs: number;
}

function positiveNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export function readRuntimeConfig(env: NodeJS.ProcessEnv, target: 'sandbox' | 'real'): RuntimeConfig {
  return {
    pollIntervalMs: pollIntervalMs(target, positiveNumber(env.KYC_DESK_POLL_SECONDS)),
    sandboxProcessingMs: (positiveNumber(env.KYC_DESK_SANDBOX_PROCESSING_SECONDS) ?? 6) * 1000,
    maxBatchRecords: Math.floor(positiveNumber(env.KYC_DESK_BATCH_MAX_RECORDS) ?? 500),
    httpTimeoutMs: (positiveNumber(env.KYC_DESK_HTTP_TIMEOUT_SECONDS) ?? 30) * 1000,
  };
}
