import { withBearer } from './bearer';
import { endpointUrl } from '../endpoint-url';
import { requestJson, requestStreamed, type HttpOutcome } from '../../transport/http-client';
import { multipartUpload, type UploadFileSource } from '../../transport/multipart-upload';
import {
  BULK_PATHS,
  UPLOAD_FILE_FIELDS,
  clientDetailsResponseSchema,
  initializeResponseSchema,
  statusCheckResponseSchema,
  statusResponseSchema,
  sftpHealthResponseSchema,
  uploadFileResponseSchema,
  type ClientDetailsItem,
  type InitializeRequest,
} from './wire';
import type { z } from 'zod';
import type { BearerTokens } from '../agent-api/token';

export interface CkycBulkConnection {
  baseUrl: string;
  /**
   * A fixed bearer token (Training mode's sandbox token), or seed 002's TokenProvider: a JWT got
   * with the connection's username and password and renewed before it expires. A 401 with a
   * renewable token gets one fresh token and one more try; a second 401 is reported.
   */
  token: string | BearerTokens;
  timeoutMs: number;
}

export type BatchKind = 'upload' | 'update';
export type InitializeOutcome = HttpOutcome<z.output<typeof initializeResponseSchema>>;
export type StatusOutcome = HttpOutcome<z.output<typeof statusResponseSchema>>;
export type StatusCheckOutcome = HttpOutcome<z.output<typeof statusCheckResponseSchema>>;
export type UploadFileOutcome = HttpOutcome<z.output<typeof uploadFileResponseSchema>>;

/** A batch ZIP to upload: its name at the registry, size and SHA-256 (sent for the registry to check), and its bytes as a stream. */
export type { UploadFileSource };

/**
 * The slowest uplink an upload is given time for: 256 KiB/s (about 2 Mbit/s, a branch's shared
 * line on a bad day). 250 MB then gets 16 minutes on top of the connection's own timeout.
 */
export const UPLOAD_FLOOR_BYTES_PER_SECOND = 256 * 1024;

export function uploadTimeoutMs(timeoutMs: number, bytes: number): number {
  return timeoutMs + Math.ceil((bytes / UPLOAD_FLOOR_BYTES_PER_SECOND) * 1000);
}

/** The registry's entry for a batch file name, or null when it holds none by that name. */
export type FindBatchOutcome = { ok: true; batch: ClientDetailsItem | null } | { ok: false; failure: Extract<HttpOutcome<unknown>, { ok: false }>['failure'] };

/** The most entries one look-up by name reads; names are unique, so more than one is already odd. */
const SEARCH_PAGE_SIZE = 100;

/** Seed 000's bulk API: initialize a batch of individuals, follow its status, look it up by name. */
export class CkycBulkClient {
  /** Public so the download and management clients share this connection and its token. */
  constructor(readonly connection: CkycBulkConnection) {}

  get baseUrl(): string {
    return this.connection.baseUrl;
  }

  initialize(kind: BatchKind, request: InitializeRequest): Promise<InitializeOutcome> {
    const path = kind === 'upload' ? BULK_PATHS.uploadInitialize : BULK_PATHS.updateInitialize;
    return this.authorized((headers) => requestJson({ url: this.url(path), body: request, headers, timeoutMs: this.connection.timeoutMs }, initializeResponseSchema));
  }

  status(clientId: string): Promise<StatusOutcome> {
    return this.authorized((headers) =>
      requestJson({ url: this.url(BULK_PATHS.status), body: { client_id: clientId }, headers, timeoutMs: this.connection.timeoutMs }, statusResponseSchema),
    );
  }

  /** Per-individual results of a finished batch: which were accepted (with their CKYC number) and why the others were not. */
  statusCheck(kind: BatchKind, clientId: string): Promise<StatusCheckOutcome> {
    const path = kind === 'upload' ? BULK_PATHS.uploadStatusCheck : BULK_PATHS.updateStatusCheck;
    return this.authorized((headers) => requestJson({ url: this.url(path), body: { client_id: clientId }, headers, timeoutMs: this.connection.timeoutMs }, statusCheckResponseSchema));
  }

  /**
   * upload-file (wire.ts): the batch ZIP for `clientId` as multipart/form-data — fields client_id,
   * sha256 and file (application/zip) — streamed from `file.open()` with a Content-Length worked
   * out up front, so memory holds a chunk at a time whatever the size. The timeout grows with the
   * size (uploadTimeoutMs). `onProgress` gets the file's bytes handed to the connection, at most
   * ten times a second and once at the end. Idempotent at the server: the same bytes again are
   * `already_received`. How a connection lost mid-upload is classified: requestStreamed. Rejects
   * (rather than resolving to a failure) only when the file itself cannot be read — its stream
   * errors, or is not `bytes` long — or the name is not a batch file name.
   */
  uploadFile(kind: BatchKind, clientId: string, file: UploadFileSource, onProgress?: (sentBytes: number, totalBytes: number) => void): Promise<UploadFileOutcome> {
    // A retry after a refused token opens the file afresh: `open()` gives a new stream each time.
    return this.authorized((headers) => this.uploadFileOnce(kind, clientId, file, headers, onProgress));
  }

  private async uploadFileOnce(kind: BatchKind, clientId: string, file: UploadFileSource, headers: Record<string, string>, onProgress?: (sentBytes: number, totalBytes: number) => void): Promise<UploadFileOutcome> {
    const path = kind === 'upload' ? BULK_PATHS.uploadUploadFile : BULK_PATHS.updateUploadFile;
    const upload = multipartUpload(
      [
        [UPLOAD_FILE_FIELDS.clientId, clientId],
        [UPLOAD_FILE_FIELDS.sha256, file.sha256],
      ],
      { field: UPLOAD_FILE_FIELDS.file, contentType: 'application/zip', source: file },
    );
    const fileProgress = onProgress && ((sent: number) => onProgress(upload.fileBytesSent(sent), file.bytes));
    try {
      return await requestStreamed(
        { url: this.url(path), headers, body: upload.body, timeoutMs: uploadTimeoutMs(this.connection.timeoutMs, file.bytes), ...(fileProgress ? { onProgress: fileProgress } : {}) },
        uploadFileResponseSchema,
      );
    } finally {
      // An answer may come before the body was all sent (a refusal): stop reading the file.
      upload.close();
    }
  }

  /**
   * Does the registry hold a batch by this file name? get-client-details' `search` matches parts of
   * names, so the answer is compared exactly here: only the very name counts.
   */
  async findBatch(kind: BatchKind, batchFileName: string): Promise<FindBatchOutcome> {
    const url = endpointUrl(this.connection.baseUrl, BULK_PATHS.clientDetails, { status_type: kind, search: batchFileName, page: '1', page_size: String(SEARCH_PAGE_SIZE) });
    const outcome = await this.authorized((headers) => requestJson({ url, method: 'GET', headers, timeoutMs: this.connection.timeoutMs }, clientDetailsResponseSchema));
    if (!outcome.ok) return outcome;
    return { ok: true, batch: outcome.body.data.items.find((item) => item.batch_file_name === batchFileName) ?? null };
  }

  /** seed 000's sftp-health, with the connection's credentials: the connection screen's test. */
  health(): Promise<HttpOutcome<z.output<typeof sftpHealthResponseSchema>>> {
    return this.authorized((headers) => requestJson({ url: this.url(BULK_PATHS.sftpHealth), method: 'GET', headers, timeoutMs: this.connection.timeoutMs }, sftpHealthResponseSchema));
  }

  /**
   * Is the registry reachable at all? One cheap GET (`sftp-health`, seed 000); any HTTP answer,
   * even an error status, proves the network — only "could not connect" says no.
   */
  async reachable(): Promise<boolean> {
    if (!this.configured()) return false;
    // Without a token: the question is whether the network reaches the server, and any answer says yes.
    const outcome = await requestJson({ url: this.url(BULK_PATHS.sftpHealth), method: 'GET', timeoutMs: this.connection.timeoutMs }, sftpHealthResponseSchema);
    return outcome.ok || outcome.failure.kind !== 'unreachable';
  }

  /** A live connection not set up yet has no base URL (its getter throws with the reason). */
  private configured(): boolean {
    try {
      return this.connection.baseUrl !== '';
    } catch {
      return false;
    }
  }

  private url(path: string): string {
    return endpointUrl(this.connection.baseUrl, path);
  }

  /**
   * Run `send` with a bearer token. A renewable token the server refuses (401: expired or revoked
   * mid-batch) is replaced once and the request sent once more. No token to be had means nothing
   * was sent: reported as `unreachable` when the token endpoint could not answer (so the engine
   * waits for the network), or as its refusal.
   */
  private authorized<T>(send: (headers: Record<string, string>) => Promise<HttpOutcome<T>>): Promise<HttpOutcome<T>> {
    return withBearer(this.connection.token, send);
  }
}
