import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  HostKeyChangedError,
  HostKeyUnknownError,
  probeHostKey,
  SftpError,
  SftpTransport,
  type SftpConnectionSettings,
  type UploadSource,
} from '../../electron/transport/sftp';
import { startCuttingProxy } from '../support/cutting-proxy';
import { freePort, generateKey } from '../support/sshd';
import { openSshPeer, sandboxPeer, type SftpPeer } from '../support/sftp-peers';
import { makeTempDir } from '../support/temp-dir';
import { mountTinyDisk } from '../support/tiny-disk';

/**
 * The SFTP transport against both peers it must work with, the same cases for each: OpenSSH's sshd
 * on loopback (root, generated keys, temp folders) and the Training sandbox's SFTP server (ssh2's
 * Server in a real CkycSandbox, its jail's input/ and response/). `input` / `response` are the
 * remote paths the transport is given; `serverInput` / `serverResponse` the same folders on this
 * machine, to look at them from the server's side.
 */
describe.each([{ peer: openSshPeer() }, { peer: sandboxPeer() }] as { peer: SftpPeer }[])('SFTP transport against $peer.name', ({ peer }) => {
  let work: { dir: string; remove: () => void };
  let input: string;
  let response: string;
  let parent: string;
  let serverInput: string;
  let serverResponse: string;
  let serverParent: string;
  let local: string;

  const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

  function settings(overrides: Partial<SftpConnectionSettings> = {}): SftpConnectionSettings {
    return {
      host: '127.0.0.1',
      port: peer.port,
      username: peer.username,
      auth: { kind: 'key', privateKeyPem: peer.clientKeyPem },
      inputFolder: input,
      responseFolder: response,
      connectTimeoutMs: 10_000,
      operationTimeoutMs: 10_000,
      hostKeyFingerprint: peer.hostFingerprint(),
      ...overrides,
    };
  }

  function batchFile(name: string, bytes: number): string {
    const file = path.join(local, name);
    fs.writeFileSync(file, randomBytes(bytes));
    return file;
  }

  async function failureOf(work: Promise<unknown>): Promise<SftpError> {
    try {
      await work;
    } catch (error) {
      expect(error).toBeInstanceOf(SftpError);
      return error as SftpError;
    }
    throw new Error('expected an SftpError, got success');
  }

  beforeAll(async () => {
    await peer.start();
  }, 30_000);

  afterAll(async () => {
    await peer.stop();
  });

  beforeEach(async () => {
    work = makeTempDir('kyc-desk-sftp-test-');
    local = path.join(work.dir, 'local');
    fs.mkdirSync(local);
    const folders = await peer.folders();
    ({ input, response, parent } = folders.remote);
    ({ input: serverInput, response: serverResponse, parent: serverParent } = folders.local);
  });

  afterEach(async () => {
    await peer.cleanUp();
    work.remove();
  });

  describe('host key pinning', () => {
    it('refuses a first connection without a pin, carrying the fingerprint ssh-keygen prints', async () => {
      const expected = peer.hostFingerprint();
      const error = await failureOf(SftpTransport.connect(settings({ hostKeyFingerprint: null })));
      expect(error).toBeInstanceOf(HostKeyUnknownError);
      expect(error.kind).toBe('host_key_unknown');
      expect(error.delivery).toBe('not_sent');
      expect((error as HostKeyUnknownError).fingerprint).toBe(expected);
      expect(error.toFailure().fingerprint).toBe(expected);
      expect(await probeHostKey(settings())).toBe(expected);
    });

    it('uploads with the pin: the remote file is byte-identical, published under its final name, trigger after it', async () => {
      const file = batchFile('batch.zip', 3 * 1024 * 1024 + 17);
      const progress: number[] = [];
      const result = await SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(file, 'BATCH_0001.zip', { onProgress: (sent) => progress.push(sent) }));
      expect(result).toMatchObject({ remotePath: `${input}/BATCH_0001.zip`, bytes: 3 * 1024 * 1024 + 17, skipped: false, triggerPath: `${input}/BATCH_0001.zip.trigger` });
      expect(result.sha256).toBe(sha256(file));
      expect(fs.readdirSync(serverInput).sort()).toEqual(['BATCH_0001.zip', 'BATCH_0001.zip.trigger']);
      expect(fs.readFileSync(path.join(serverInput, 'BATCH_0001.zip.trigger'), 'utf8')).toBe('BATCH_0001.zip\n');
      expect(progress.at(-1)).toBe(result.bytes);
      // Read back through SFTP itself, not the local disk, to compare what the server serves.
      const back = await SftpTransport.with(settings({ responseFolder: input }), (sftp) => sftp.readResponse('BATCH_0001.zip'));
      expect(createHash('sha256').update(back).digest('hex')).toBe(result.sha256);
    });

    it('stops at a changed host key and transfers nothing', async () => {
      const pinned = peer.hostFingerprint();
      await peer.restartWithNewHostKey();
      const now = peer.hostFingerprint();
      expect(now).not.toBe(pinned);
      const file = batchFile('batch.zip', 64 * 1024);
      const error = await failureOf(SftpTransport.with(settings({ hostKeyFingerprint: pinned }), (sftp) => sftp.uploadBatch(file, 'BATCH_0002.zip')));
      expect(error).toBeInstanceOf(HostKeyChangedError);
      expect(error.kind).toBe('host_key_changed');
      expect(error.message).toContain('all transfers stopped until an administrator checks it');
      expect(error.retryable).toBe(false);
      expect((error as HostKeyChangedError).fingerprint).toBe(now);
      expect(fs.readdirSync(serverInput)).toEqual([]);
    });
  });

  describe('failures the sync engine must tell apart', () => {
    it('classifies a wrong client key as auth failed, without the key in the message', async () => {
      const other = path.join(work.dir, 'other_key');
      generateKey(other);
      const pem = fs.readFileSync(other, 'utf8');
      const error = await failureOf(SftpTransport.connect(settings({ auth: { kind: 'key', privateKeyPem: pem } })));
      expect(error.kind).toBe('auth_failed');
      expect(error.delivery).toBe('not_sent');
      expect(error.message).not.toContain('PRIVATE KEY');
    });

    it('classifies a password refused by a key-only server as auth failed, without the password', async () => {
      const error = await failureOf(SftpTransport.connect(settings({ auth: { kind: 'password', password: 'hunter2-secret' } })));
      expect(error.kind).toBe('auth_failed');
      expect(JSON.stringify(error.toFailure())).not.toContain('hunter2');
    });

    it('classifies a closed port as unreachable: provably not sent', async () => {
      const port = await freePort();
      const error = await failureOf(SftpTransport.connect(settings({ port })));
      expect(error.kind).toBe('unreachable');
      expect(error.delivery).toBe('not_sent');
      expect(error.retryable).toBe(true);
    });

    it('classifies a connection dropped mid-transfer: only a .part remains, and the next upload completes', async () => {
      const file = batchFile('batch.zip', 8 * 1024 * 1024);
      const proxy = await startCuttingProxy(peer.port, 2 * 1024 * 1024);
      try {
        const error = await failureOf(SftpTransport.with(settings({ port: proxy.port }), (sftp) => sftp.uploadBatch(file, 'BATCH_0003.zip')));
        expect(proxy.cuts()).toBe(1);
        expect(error.kind).toBe('dropped');
        expect(error.delivery).toBe('partial');
        expect(error.retryable).toBe(true);
      } finally {
        await proxy.close();
      }
      expect(fs.readdirSync(serverInput).filter((name) => name !== 'BATCH_0003.zip.part')).toEqual([]);

      const result = await SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(file, 'BATCH_0003.zip'));
      expect(result.skipped).toBe(false);
      expect(fs.readdirSync(serverInput).sort()).toEqual(['BATCH_0003.zip', 'BATCH_0003.zip.trigger']);
      expect(sha256(path.join(serverInput, 'BATCH_0003.zip'))).toBe(sha256(file));
    });

    it('skips a repeated upload of a file already published, and completes a missing trigger', async () => {
      const file = batchFile('batch.zip', 512 * 1024);
      const first = await SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(file, 'BATCH_0004.zip'));
      const published = fs.statSync(path.join(serverInput, 'BATCH_0004.zip'));
      fs.rmSync(path.join(serverInput, 'BATCH_0004.zip.trigger')); // as if we crashed before the trigger
      const again = await SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(file, 'BATCH_0004.zip'));
      expect(again).toEqual({ ...first, skipped: true });
      expect(fs.statSync(path.join(serverInput, 'BATCH_0004.zip')).mtimeMs).toBe(published.mtimeMs);
      expect(fs.readdirSync(serverInput).sort()).toEqual(['BATCH_0004.zip', 'BATCH_0004.zip.trigger']);
    });

    it('never overwrites a different file under the same final name', async () => {
      fs.writeFileSync(path.join(serverInput, 'BATCH_0005.zip'), 'someone else');
      const file = batchFile('batch.zip', 1024);
      const error = await failureOf(SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(file, 'BATCH_0005.zip')));
      expect(error.kind).toBe('conflict');
      expect(fs.readFileSync(path.join(serverInput, 'BATCH_0005.zip'), 'utf8')).toBe('someone else');
      expect(fs.readdirSync(serverInput)).toEqual(['BATCH_0005.zip']);
    });

    it('classifies a missing remote folder as not found', async () => {
      const file = batchFile('batch.zip', 1024);
      const missing = await failureOf(SftpTransport.with(settings({ inputFolder: `${parent.replace(/\/$/, '')}/nope` }), (sftp) => sftp.uploadBatch(file, 'B.zip')));
      expect(missing.kind).toBe('not_found');
    });

    // A real full disk needs a tmpfs mounted where the server writes: only sshd, serving this
    // machine's filesystem, can be pointed at one (the sandbox serves its own jail).
    it.runIf(peer.realFilesystem)('classifies a full remote disk (a real 2 MB tmpfs) as disk full, never publishing the file', async () => {
      const disk = mountTinyDisk(2 * 1024 * 1024);
      try {
        const file = batchFile('batch.zip', 3 * 1024 * 1024);
        const error = await failureOf(SftpTransport.with(settings({ inputFolder: disk.dir }), (sftp) => sftp.uploadBatch(file, 'BATCH_0006.zip')));
        expect(error.kind).toBe('disk_full');
        expect(error.delivery).toBe('partial');
        expect(fs.readdirSync(disk.dir).filter((name) => name !== 'BATCH_0006.zip.part')).toEqual([]);
      } finally {
        disk.unmount();
      }
    });
  });

  describe('uploading from a stream source', () => {
    /** `data` as an in-memory stream in uneven pieces (small ones, and one larger than a WRITE). */
    function memorySource(data: Buffer, options: { sha256?: boolean; bytes?: number } = {}): UploadSource & { opened: number } {
      const source = {
        bytes: options.bytes ?? data.length,
        ...(options.sha256 ? { sha256: createHash('sha256').update(data).digest('hex') } : {}),
        opened: 0,
        open() {
          source.opened++;
          const pieces: Buffer[] = [];
          for (let at = 0, step = 1; at < data.length; step = (step * 7 + 3) % 90_001) {
            const size = pieces.length === 5 ? 700 * 1024 : 1 + step;
            pieces.push(data.subarray(at, at + size));
            at += size;
          }
          return Readable.from(pieces, { objectMode: false });
        },
      };
      return source;
    }

    it('uploads an in-memory Readable: byte-identical, published with its trigger, a repeat skipped without reading it again', async () => {
      const data = randomBytes(2 * 1024 * 1024 + 333);
      const expected = createHash('sha256').update(data).digest('hex');
      const source = memorySource(data, { sha256: true });
      const progress: number[] = [];
      const result = await SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(source, 'BATCH_0101.zip', { onProgress: (sent) => progress.push(sent) }));
      expect(result).toEqual({ remotePath: `${input}/BATCH_0101.zip`, bytes: data.length, sha256: expected, skipped: false, triggerPath: `${input}/BATCH_0101.zip.trigger` });
      expect(progress.at(-1)).toBe(data.length);
      expect(fs.readdirSync(serverInput).sort()).toEqual(['BATCH_0101.zip', 'BATCH_0101.zip.trigger']);
      expect(fs.readFileSync(path.join(serverInput, 'BATCH_0101.zip')).equals(data)).toBe(true);
      expect(source.opened).toBe(1);

      const again = await SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(source, 'BATCH_0101.zip'));
      expect(again).toEqual({ ...result, skipped: true });
      expect(source.opened).toBe(1); // the recorded SHA-256 is used as is

      const unhashed = memorySource(data); // no SHA-256 given: the skip reads the source to hash it
      expect(await SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(unhashed, 'BATCH_0101.zip'))).toEqual({ ...result, skipped: true });
      expect(unhashed.opened).toBe(1);
    });

    it('stops when the source stream fails halfway: nothing under the final name, the source error as cause', async () => {
      const tampered = new Error('unable to authenticate data');
      let yielded = 0;
      const source: UploadSource = {
        bytes: 4 * 1024 * 1024,
        open: () =>
          Readable.from(
            (async function* () {
              for (; yielded < 2 * 1024 * 1024; yielded += 64 * 1024) yield randomBytes(64 * 1024);
              await sleep(100); // let the first bytes reach the server
              throw tampered;
            })(),
            { objectMode: false },
          ),
      };
      const error = await failureOf(SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(source, 'BATCH_0102.zip')));
      expect(yielded).toBe(2 * 1024 * 1024);
      expect(error.kind).toBe('failed');
      expect(error.message).toContain('local data could not be read');
      expect(error.message).not.toContain('authenticate'); // our words, not the source's
      expect(error.cause).toBe(tampered);
      expect(error.delivery).toBe('not_sent'); // the .part was removed again
      expect(fs.readdirSync(serverInput)).toEqual([]);
    });

    it('stops when the source cannot even be opened: provably not sent', async () => {
      const source: UploadSource = {
        bytes: 1024,
        open: () => {
          throw new Error('sealed file missing');
        },
      };
      const error = await failureOf(SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(source, 'BATCH_0103.zip')));
      expect(error.kind).toBe('failed');
      expect(error.message).toContain('local data could not be read');
      expect(error.delivery).toBe('not_sent');
      expect(fs.readdirSync(serverInput)).toEqual([]);
    });

    it('ends an upload whose source stalls after the operation timeout, publishing nothing', async () => {
      let stalled: Readable | null = null;
      const source: UploadSource = {
        bytes: 1024 * 1024,
        open: () => {
          stalled = new Readable({ read() {} });
          stalled.push(randomBytes(300 * 1024)); // then nothing, and no end
          return stalled;
        },
      };
      const error = await failureOf(SftpTransport.with(settings({ operationTimeoutMs: 1_000 }), (sftp) => sftp.uploadBatch(source, 'BATCH_0106.zip')));
      expect(error.kind).toBe('timeout');
      expect(stalled!.destroyed).toBe(true);
      expect(fs.readdirSync(serverInput).filter((name) => name !== 'BATCH_0106.zip.part')).toEqual([]);
    });

    it('refuses a source shorter than declared as verify failed, publishing nothing', async () => {
      const data = randomBytes(1024 * 1024);
      const error = await failureOf(SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(memorySource(data, { bytes: data.length + 10 }), 'BATCH_0104.zip')));
      expect(error.kind).toBe('verify_failed');
      expect(error.message).toContain(`${data.length} bytes where ${data.length + 10} were recorded`);
      expect(fs.readdirSync(serverInput)).toEqual([]);
    });

    it('refuses a source longer than declared, or not matching its SHA-256, as verify failed, publishing nothing', async () => {
      const data = randomBytes(1024 * 1024);
      const longer = await failureOf(SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(memorySource(data, { bytes: data.length - 1 }), 'BATCH_0105.zip')));
      expect(longer.kind).toBe('verify_failed');
      const other = { ...memorySource(data), sha256: createHash('sha256').update('something else').digest('hex') };
      const changed = await failureOf(SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(other, 'BATCH_0105.zip')));
      expect(changed.kind).toBe('verify_failed');
      expect(changed.message).toContain('SHA-256');
      expect(fs.readdirSync(serverInput)).toEqual([]);
    });
  });

  describe('response folder', () => {
    it('lists, reads and archives response files', async () => {
      fs.writeFileSync(path.join(serverResponse, 'BATCH_0001_result.csv'), 'a,b\n1,2\n');
      fs.writeFileSync(path.join(serverResponse, 'BATCH_0001_error.txt'), 'bad name\n');
      fs.writeFileSync(path.join(serverResponse, 'still-writing.part'), 'x');
      fs.mkdirSync(path.join(serverResponse, 'archive'));
      await SftpTransport.with(settings(), async (sftp) => {
        expect((await sftp.listResponses()).map((file) => file.name)).toEqual(['BATCH_0001_error.txt', 'BATCH_0001_result.csv']);
        expect((await sftp.readResponse('BATCH_0001_result.csv')).toString('utf8')).toBe('a,b\n1,2\n');
        expect(await sftp.archiveResponse('BATCH_0001_result.csv')).toBe(`${response}/archive/BATCH_0001_result.csv`);
        expect(await sftp.archiveResponse('BATCH_0001_result.csv')).toBe(`${response}/archive/BATCH_0001_result.csv`); // idempotent
        fs.writeFileSync(path.join(serverResponse, 'BATCH_0001_result.csv'), 'again\n'); // the server reused the name
        expect(await sftp.archiveResponse('BATCH_0001_result.csv')).toBe(`${response}/archive/BATCH_0001_result.csv.1`);
        expect((await sftp.listResponses()).map((file) => file.name)).toEqual(['BATCH_0001_error.txt']);
      });
      expect(fs.readFileSync(path.join(serverResponse, 'archive', 'BATCH_0001_result.csv'), 'utf8')).toBe('a,b\n1,2\n');
    });

    it('refuses hostile names before any request', async () => {
      fs.writeFileSync(path.join(serverParent, 'secret.txt'), 'outside');
      await SftpTransport.with(settings(), async (sftp) => {
        for (const name of ['../secret.txt', 'a/b', '..', 'x\u0000y', '', 'a\\b', '.']) {
          expect((await failureOf(sftp.readResponse(name))).kind).toBe('invalid_name');
          expect((await failureOf(sftp.archiveResponse(name))).kind).toBe('invalid_name');
        }
        const file = batchFile('batch.zip', 10);
        expect((await failureOf(sftp.uploadBatch(file, '../escape.zip'))).kind).toBe('invalid_name');
      });
      expect(fs.readdirSync(serverParent).sort()).toEqual(['input', 'response', 'secret.txt']);
    });

    it('refuses to read a response over the byte cap', async () => {
      fs.writeFileSync(path.join(serverResponse, 'big.csv'), Buffer.alloc(10_001, 'x'));
      await SftpTransport.with(settings(), async (sftp) => {
        const error = await failureOf(sftp.readResponse('big.csv', 10_000));
        expect(error.kind).toBe('too_large');
        expect((await sftp.readResponse('big.csv', 10_001)).length).toBe(10_001);
      });
    });
  });
});
