import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBatchZip } from '../../electron/connectors/ckyc-bulk/batch-zip';
import type { BatchRecord } from '../../electron/connectors/ckyc-bulk/batch-csv';
import { CkycBulkClient, uploadTimeoutMs, type UploadFileSource } from '../../electron/connectors/ckyc-bulk/client';
import { TERMINAL_REMOTE_STATES, type InitializeRequest } from '../../electron/connectors/ckyc-bulk/wire';
import { silentLogger } from '../../electron/logging/logger';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { multipartBoundary, parseMultipart } from '../../electron/sandbox/shell/multipart';
import { Outbox, OutboxError } from '../../electron/sync/outbox';
import { closedPortUrl } from '../support/hostile-server';
import { makeTempDir } from '../support/temp-dir';
import { testKey } from '../support/test-store';
import { storedSample } from '../support/kyc-records';
import { Documents, initializeBody, reference, wireOf } from '../sandbox/sandbox-support';

const TOKEN = 'upload-file-client-token';

/** A record with a 700 KB photograph and a 500 KB PDF: three of them make a ZIP of several outbox pieces. */
function bigRecord(docs: Documents, n: number): BatchRecord {
  const add = (bytes: Buffer, code: string, mime: string) => {
    const documentHash = createHash('sha256').update(bytes).digest('hex');
    docs.files.set(documentHash, bytes);
    return { code, documentHash, mime, bytes: bytes.length, masked: false };
  };
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(700_000)]);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(500_000)]);
  return { reference: reference(n), record: { ...storedSample(n), images: [add(jpeg, '02', 'image/jpeg'), add(pdf, '05', 'application/pdf')] } };
}

let temp: ReturnType<typeof makeTempDir>;
let outbox: Outbox;
const closers: (() => Promise<void>)[] = [];
beforeEach(() => {
  temp = makeTempDir('kyc-desk-upload-file-');
  outbox = new Outbox(path.join(temp.dir, 'outbox'), testKey(temp.dir));
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  temp.remove();
});

/** The outbox's file as upload-file's source. */
function outboxSource(name: string): UploadFileSource {
  const entry = outbox.entry(name)!;
  return { name: `${name}.zip`, bytes: entry.bytes, sha256: entry.sha256, open: () => outbox.open(name) };
}

/** `bytes` bytes generated on the fly in 256 KiB chunks (never held whole). */
function generated(bytes: number): UploadFileSource {
  return {
    name: 'big.zip',
    bytes,
    sha256: '0'.repeat(64),
    open: () =>
      Readable.from(
        (function* () {
          const chunk = Buffer.alloc(256 * 1024, 0x5a);
          for (let at = 0; at < bytes; at += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, bytes - at));
        })(),
        { objectMode: false },
      ),
  };
}

async function listen(server: http.Server | net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        if (server instanceof http.Server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const clientOf = (baseUrl: string, timeoutMs = 5000) => new CkycBulkClient({ baseUrl, token: TOKEN, timeoutMs });

describe('upload-file against the sandbox', () => {
  let sandbox: CkycSandbox;
  let client: CkycBulkClient;
  const docs = new Documents();

  beforeEach(async () => {
    sandbox = await CkycSandbox.start({ stateDir: path.join(temp.dir, 'sandbox'), token: TOKEN, processingMs: 300, logger: silentLogger, sftp: false });
    closers.push(() => sandbox.close());
    client = clientOf(sandbox.url);
  });

  /** Initialize a batch whose individuals list their image files, and seal its ZIP in the outbox. */
  async function batch(batchFileName: string, records: BatchRecord[]): Promise<string> {
    const init = await client.initialize('upload', initializeBody(batchFileName, records.map((r) => wireOf(r))) as InitializeRequest);
    if (!init.ok) throw new Error(`initialize failed: ${init.failure.message}`);
    expect(init.body.data.state).toBe('pending');
    buildBatchZip({
      header: { batchFileName, kind: 'upload', verifier: { name: 'A OFFICER', designation: 'OFFICER', branch: 'MAIN', employeeCode: 'E1', organisation: 'BANK' }, createdAt: new Date() },
      records,
      readDocument: docs.read,
      output: (produce) => outbox.write(batchFileName, produce).result,
    });
    return init.body.data.client_id;
  }

  async function terminal(clientId: string) {
    for (let i = 0; i < 100; i++) {
      const status = await client.status(clientId);
      if (!status.ok) throw new Error(status.failure.message);
      if ((TERMINAL_REMOTE_STATES as readonly string[]).includes(status.body.data.state)) return status.body.data;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${clientId} never reached a terminal state`);
  }

  it('streams a real batch ZIP from the outbox: taken once, then already received, and the batch ends', async () => {
    const clientId = await batch('KD_UP_1', [bigRecord(docs, 1), bigRecord(docs, 2), bigRecord(docs, 3)]);
    const source = outboxSource('KD_UP_1');
    expect(source.bytes).toBeGreaterThan(3 * 1024 * 1024); // four sealed pieces

    // Refusals first, while the batch waits for its file.
    const wrongSha = await client.uploadFile('upload', clientId, { ...source, sha256: 'f'.repeat(64) });
    expect(wrongSha).toMatchObject({ ok: false, failure: { kind: 'rejected', status: 400, body: { error: { code: 'CHECKSUM_MISMATCH' } } } });
    const unknown = await client.uploadFile('upload', 'ckyc_no_such_batch', source);
    expect(unknown).toMatchObject({ ok: false, failure: { kind: 'rejected', status: 404 } });
    const wrongRoute = await client.uploadFile('update', clientId, source);
    expect(wrongRoute).toMatchObject({ ok: false, failure: { kind: 'rejected', status: 400, body: { error: { code: 'WRONG_ROUTE' } } } });
    expect((await client.status(clientId)) as unknown).toMatchObject({ ok: true, body: { data: { state: 'pending', file_received: false } } });

    const progress: [number, number][] = [];
    const first = await client.uploadFile('upload', clientId, source, (sent, total) => progress.push([sent, total]));
    expect(first).toMatchObject({ ok: true, status: 200, body: { success: true, data: { client_id: clientId, batch_file_name: 'KD_UP_1', already_received: false } } });
    if (!first.ok) return;
    expect(first.body.data).toMatchObject({ sha256: source.sha256, bytes: source.bytes });
    expect(progress.at(-1)).toEqual([source.bytes, source.bytes]);
    for (const [sent, total] of progress) {
      expect(total).toBe(source.bytes);
      expect(sent).toBeLessThanOrEqual(total);
    }

    const again = await client.uploadFile('upload', clientId, source);
    expect(again).toMatchObject({ ok: true, status: 200, body: { data: { already_received: true, sha256: source.sha256 } } });

    const done = await terminal(clientId);
    expect(done).toMatchObject({ state: 'upload_succeeded', file_required: true, file_received: true, individuals_count: 3, error: null });
  });

  it('rejects, without sending a whole body, when the sealed file turns out damaged', async () => {
    const clientId = await batch('KD_UP_2', [docs.record(4)]);
    const source = outboxSource('KD_UP_2');
    const file = path.join(temp.dir, 'outbox', 'KD_UP_2.zip.sealed');
    const sealed = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([sealed.subarray(0, 200), Buffer.from([sealed[200]! ^ 1]), sealed.subarray(201)]));
    await expect(client.uploadFile('upload', clientId, source)).rejects.toThrow(OutboxError);
    await expect(client.uploadFile('upload', clientId, source)).rejects.toThrow(/KD_UP_2 is damaged: piece 1 failed authentication/);
    // Nothing reached the registry as a file.
    expect((await client.status(clientId)) as unknown).toMatchObject({ ok: true, body: { data: { state: 'pending', file_received: false } } });
  });

  it('rejects a source that is not as long as it says, before the body could look whole', async () => {
    const clientId = await batch('KD_UP_3', [docs.record(5)]);
    const source = outboxSource('KD_UP_3');
    await expect(client.uploadFile('upload', clientId, { ...source, bytes: source.bytes + 1 })).rejects.toThrow(/is \d+ bytes, not the \d+ it was said to be/);
    await expect(client.uploadFile('upload', clientId, { ...source, bytes: source.bytes - 1 })).rejects.toThrow(/longer than the \d+ bytes/);
    await expect(client.uploadFile('upload', clientId, { ...source, name: 'a"b.zip' })).rejects.toThrow(/is not 1 to 100 letters/);
    expect((await client.status(clientId)) as unknown).toMatchObject({ ok: true, body: { data: { file_received: false } } });
    expect(await client.uploadFile('upload', clientId, source)).toMatchObject({ ok: true, body: { data: { already_received: false } } });
  });
});

describe('upload-file on the wire', () => {
  it('sends multipart/form-data with a Content-Length, streamed, with progress at most ten times a second', async () => {
    const bytes = 6 * 1024 * 1024;
    const got: { headers?: http.IncomingHttpHeaders; body?: Buffer; maxChunk: number } = { maxChunk: 0 };
    // A server reading slowly (64 KiB every 10 ms), so the upload takes about a second.
    const server = http.createServer((req, res) => {
      got.headers = req.headers;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        got.maxChunk = Math.max(got.maxChunk, chunk.length);
        req.pause();
        setTimeout(() => req.resume(), 10);
      });
      req.on('end', () => {
        got.body = Buffer.concat(chunks);
        const answer = { success: true, data: { client_id: 'c1', state: 'pending', batch_file_name: 'big', sha256: 'a'.repeat(64), bytes, already_received: false } };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    const url = await listen(server);
    const calls: { at: number; sent: number }[] = [];
    const outcome = await clientOf(url).uploadFile('update', 'c1', generated(bytes), (sent, total) => {
      expect(total).toBe(bytes);
      calls.push({ at: Date.now(), sent });
    });
    expect(outcome).toMatchObject({ ok: true, status: 200 });

    expect(got.headers!['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(got.headers!['transfer-encoding']).toBeUndefined();
    expect(Number(got.headers!['content-length'])).toBe(got.body!.length);
    expect(got.headers!.authorization).toBe(`Bearer ${TOKEN}`);
    // The sandbox's own strict reader takes the body as the form it is meant to be.
    const parts = parseMultipart(got.body!, multipartBoundary(got.headers!['content-type']));
    expect([...parts.keys()]).toEqual(['client_id', 'sha256', 'file']);
    expect(parts.get('client_id')!.data.toString()).toBe('c1');
    expect(parts.get('sha256')!.data.toString()).toBe('0'.repeat(64));
    expect(parts.get('file')).toMatchObject({ filename: 'big.zip', contentType: 'application/zip' });
    expect(parts.get('file')!.data.equals(Buffer.alloc(bytes, 0x5a))).toBe(true);

    expect(calls.length).toBeGreaterThan(2);
    expect(calls.at(-1)!.sent).toBe(bytes);
    for (let i = 1; i < calls.length - 1; i++) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(95);
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.sent).toBeGreaterThanOrEqual(calls[i - 1]!.sent);
  });

  it('gives a big file time in proportion to its size (256 KiB/s on top of the timeout)', () => {
    expect(uploadTimeoutMs(30_000, 0)).toBe(30_000);
    expect(uploadTimeoutMs(30_000, 256 * 1024 * 1024)).toBe(30_000 + 1024_000);
  });

  it('a server that dies mid-upload: unreachable, since the server cannot have taken a body cut short', async () => {
    let received = 0;
    const server = net.createServer((socket) => {
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > 64 * 1024) socket.destroy();
      });
      socket.on('error', () => undefined);
    });
    const url = await listen(server);
    const outcome = await clientOf(url).uploadFile('upload', 'c1', generated(64 * 1024 * 1024));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.kind).toBe('unreachable');
    expect(outcome.failure.message).toMatch(/^The connection broke after \d+ of \d+ bytes were sent \(.+\): the server cannot have taken a body cut short\.$/);
  });

  it('a server that takes the whole body and then drops the connection: it may have acted on it', async () => {
    const server = http.createServer((req) => {
      req.resume();
      req.on('end', () => req.socket.destroy());
    });
    const url = await listen(server);
    const outcome = await clientOf(url).uploadFile('upload', 'c1', generated(3 * 1024 * 1024));
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
    if (!outcome.ok) expect(outcome.failure.message).toMatch(/The connection broke before an answer came/);
  });

  it('a refused connection is unreachable, and a silent server a timeout', async () => {
    const refused = await clientOf(await closedPortUrl()).uploadFile('upload', 'c1', generated(1000));
    expect(refused).toMatchObject({ ok: false, failure: { kind: 'unreachable', message: expect.stringMatching(/could not be reached \(ECONNREFUSED\)/) } });

    const server = http.createServer((req) => req.resume());
    const url = await listen(server);
    const silent = await clientOf(url, 300).uploadFile('upload', 'c1', generated(1000));
    expect(silent).toMatchObject({ ok: false, failure: { kind: 'timeout', message: expect.stringMatching(/No answer within/) } });
  });

  it('an early refusal (413 before the body was read) is classified by its status', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end('{"success":false,"error":{"code":"TOO_LARGE","message":"The request body is larger than 10 bytes."}}');
    });
    const url = await listen(server);
    const outcome = await clientOf(url).uploadFile('upload', 'c1', generated(32 * 1024 * 1024));
    // Either the answer arrived (a refusal), or the connection closed under the body first.
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(['rejected', 'unreachable']).toContain(outcome.failure.kind);
    if (!outcome.ok && outcome.failure.kind === 'rejected') expect(outcome.failure).toMatchObject({ status: 413, message: 'The request body is larger than 10 bytes.' });
  });
});
