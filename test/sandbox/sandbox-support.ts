import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { KycImage, KycRecord } from '../../shared/record/kyc-record';
import { imageFileName, type BatchRecord } from '../../electron/connectors/ckyc-bulk/batch-csv';
import { buildBatchZip } from '../../electron/connectors/ckyc-bulk/batch-zip';
import { toWireIndividual } from '../../electron/connectors/ckyc-bulk/map-individual';
import { storedSample, type SampleOverrides } from '../support/kyc-records';

export const TOKEN = 'sandbox-routes-token';
export const reference = (n: number) => `KD${String(n).padStart(12, '0')}`;

const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

/** Stored records with a JPEG photograph and a PDF document, and the bytes behind them. */
export class Documents {
  readonly files = new Map<string, Buffer>();
  private add(bytes: Buffer, code: string, mime: string): KycImage {
    const documentHash = createHash('sha256').update(bytes).digest('hex');
    this.files.set(documentHash, bytes);
    return { code, documentHash, mime, bytes: bytes.length, masked: false };
  }
  record(n: number, overrides: SampleOverrides = {}): BatchRecord {
    const record: KycRecord = { ...storedSample(n, overrides), images: [this.add(jpeg(3000), '02', 'image/jpeg'), this.add(pdf(5000), '05', 'application/pdf')] };
    return { reference: reference(n), record };
  }
  readonly read = (hash: string): Buffer => this.files.get(hash)!;
}

export function wireOf(item: BatchRecord, withImages = true) {
  const wire = toWireIndividual(item.reference, item.record);
  return withImages ? { ...wire, image_files: item.record.images.map((image, i) => imageFileName(item.reference, image, i)) } : wire;
}

export function initializeBody(batchFileName: string, individuals: unknown[]) {
  return {
    data: {
      purpose: 'new_kyc_upload',
      batch_file_name: batchFileName,
      verifier: { name: 'A OFFICER', designation: 'OFFICER', branch: 'MAIN', employment_code: 'E1', organization: 'BANK' },
      individuals,
    },
  };
}

export function zipFor(dir: string, docs: Documents, batchFileName: string, records: BatchRecord[], kind: 'upload' | 'update' = 'upload'): Buffer {
  const file = path.join(dir, `${batchFileName}-${randomBytes(4).toString('hex')}.zip`);
  buildBatchZip({
    header: { batchFileName, kind, verifier: { name: 'A OFFICER', designation: 'OFFICER', branch: 'MAIN', employeeCode: 'E1', organisation: 'BANK' }, createdAt: new Date('2026-11-22T10:00:00Z') },
    records,
    readDocument: docs.read,
    file,
  });
  return fs.readFileSync(file);
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, any>;
}

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: Record<string, any> = {};
  try {
    body = JSON.parse(text) as Record<string, any>;
  } catch {
    // left empty: the test looks at text
  }
  return { status: response.status, headers: response.headers, text, body };
}

export async function post(base: string, urlPath: string, body: unknown, token: string | null = TOKEN, timeoutMs = 5000): Promise<Reply> {
  const response = await fetch(base + urlPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return reply(response);
}

export async function get(base: string, urlPath: string, token: string | null = TOKEN, timeoutMs = 5000): Promise<Reply> {
  const response = await fetch(base + urlPath, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(timeoutMs) });
  return reply(response);
}

export async function upload(base: string, kind: 'upload' | 'update', fields: { client_id?: string; file?: Buffer; sha256?: string }, timeoutMs = 5000): Promise<Reply> {
  const form = new FormData();
  if (fields.client_id !== undefined) form.append('client_id', fields.client_id);
  if (fields.file !== undefined) form.append('file', new Blob([fields.file], { type: 'application/zip' }), 'batch.zip');
  if (fields.sha256 !== undefined) form.append('sha256', fields.sha256);
  const response = await fetch(`${base}/ckyc-upload/${kind}/upload-file`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: form, signal: AbortSignal.timeout(timeoutMs) });
  return reply(response);
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
