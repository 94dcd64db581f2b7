import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from '../../shared/documents/limits';
import { pollIntervalMs } from '../sync/poll-schedule';
import { DEFAULT_BATCH_CAPS } from '../connectors/ckyc-bulk/batch-zip';

/** Settings read from the environment, for IT and for tests. Each is optional. */
export interface RuntimeConfig {
  pollIntervalMs: number;
  sandboxProcessingMs: number;
  maxBatchRecords: number;
  /** KYC_DESK_BATCH_MAX_BYTES: the cap of one batch ZIP, in bytes (default 256 MiB). */
  maxBatchBytes: number;
  httpTimeoutMs: number;
  /** KYC_DESK_SANDBOX_FAULTS, verbatim: parsed (and refused when malformed) when the sandbox starts. */
  sandboxFaults: string | undefined;
  /** KYC_DESK_SANDBOX_SEED: reproducible faults, registry rejections and CKYC numbers. */
  sandboxSeed: string | undefined;
  /** Byte limits for images; the registry publishes none, so the branch's IT may set them. */
  documentLimits: DocumentLimits;
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
    maxBatchBytes: Math.floor(positiveNumber(env.KYC_DESK_BATCH_MAX_BYTES) ?? DEFAULT_BATCH_CAPS.maxBytes),
    httpTimeoutMs: (positiveNumber(env.KYC_DESK_HTTP_TIMEOUT_SECONDS) ?? 30) * 1000,
    documentLimits: readDocumentLimits(env),
    sandboxFaults: env.KYC_DESK_SANDBOX_FAULTS?.trim() || undefined,
    sandboxSeed: env.KYC_DESK_SANDBOX_SEED || undefined,
  };
}

function readDocumentLimits(env: NodeJS.ProcessEnv): DocumentLimits {
  const kb = (value: string | undefined, fallback: number) => {
    const n = positiveNumber(value);
    return n === undefined ? fallback : Math.round(n * 1024);
  };
  const limits = {
    photoBytes: kb(env.KYC_DESK_PHOTO_MAX_KB, DEFAULT_DOCUMENT_LIMITS.photoBytes),
    documentBytes: kb(env.KYC_DESK_DOCUMENT_MAX_KB, DEFAULT_DOCUMENT_LIMITS.documentBytes),
    recordBytes: kb(env.KYC_DESK_RECORD_MAX_KB, DEFAULT_DOCUMENT_LIMITS.recordBytes),
    hardMaxBytes: DEFAULT_DOCUMENT_LIMITS.hardMaxBytes,
  };
  // A record must at least hold its photograph; a file limit above the hard cap could never be met.
  limits.photoBytes = Math.min(limits.photoBytes, limits.hardMaxBytes);
  limits.documentBytes = Math.min(limits.documentBytes, limits.hardMaxBytes);
  limits.recordBytes = Math.max(limits.recordBytes, limits.photoBytes);
  return limits;
}
