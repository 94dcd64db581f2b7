/**
 * SFTP upload of a 200 MB batch file to OpenSSH's sshd on loopback (test/support/sshd.ts): the app
 * transport's `uploadBatch` (connect, `.part` upload with SHA-256, size verify, rename, trigger,
 * close) vs OpenSSH's own `sftp` client doing `put` of the same file to the same server (process
 * start, connect, put, exit). Goal: median time ratio app/sftp ≤ 1.0. Every app upload is checked
 * byte for byte (SHA-256 of the file sshd wrote). The file is random bytes made here and deleted after.
 * `KYC_DESK_SFTP_BENCH_VARIANTS=1` also times other write sizes / in-flight windows (the tuning).
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SftpTransport, type SftpConnectionSettings, type UploadBatchOptions } from '../../electron/transport/sftp';
import { startSshd, type Sshd } from '../support/sshd';
import { summarise } from './stats';

const FILE_BYTES = 200 * 1024 * 1024;
const RUNS = 3;
const GOAL_RATIO = 1.0;
const SFTP = '/usr/bin/sftp';
const MB = 1024 * 1024;

function makeRandomFile(file: string, bytes: number): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (let written = 0; written < bytes; ) {
      const chunk = randomBytes(Math.min(16 * MB, bytes - written));
      fs.writeSync(fd, chunk);
      written += chunk.length;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function sha256OfFile(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(8 * MB);
  try {
    for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

function clearFolder(dir: string): void {
  for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name), { force: true, recursive: true });
}

/** One app upload, seconds; checked byte-identical afterwards (not timed). */
async function timeApp(settings: SftpConnectionSettings, file: string, expected: string, options: UploadBatchOptions): Promise<number> {
  clearFolder(settings.inputFolder);
  const start = process.hrtime.bigint();
  const result = await SftpTransport.with(settings, (sftp) => sftp.uploadBatch(file, 'BENCH_BATCH.zip', options));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const remote = sha256OfFile(result.remotePath);
  if (remote !== expected || result.sha256 !== expected || result.skipped) throw new Error(`app upload is not byte-identical (remote ${remote}, local ${expected})`);
  return seconds;
}

/** One `sftp -b` put, seconds, process start to exit; checked byte-identical afterwards. */
function timeSftp(sshd: Sshd, file: string, inputFolder: string, expected: string, batchFile: string): number {
  fs.writeFileSync(batchFile, `put ${file} ${inputFolder}/PEER_BATCH.zip\n`);
  clearFolder(inputFolder);
  const start = process.hrtime.bigint();
  execFileSync(
    SFTP,
    ['-q', '-b', batchFile, '-i', sshd.clientKeyPath, '-P', String(sshd.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', 'root@127.0.0.1'],
    { stdio: 'pipe', timeout: 300_000 },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (sha256OfFile(path.join(inputFolder, 'PEER_BATCH.zip')) !== expected) throw new Error('sftp upload is not byte-identical');
  return seconds;
}

const line = (label: string, samples: number[]) => {
  const s = summarise(samples);
  return `${label} | ${s.median.toFixed(2)} s | ${(FILE_BYTES / MB / s.median).toFixed(0)} MB/s | ${samples.map((x) => x.toFixed(2)).join(' / ')}`;
};

export async function runSftpUploadBench(): Promise<void> {
  console.log(`\n## SFTP upload, ${FILE_BYTES / MB} MB to OpenSSH sshd on loopback: app uploadBatch (verify + rename + trigger) vs OpenSSH sftp put`);
  if (!fs.existsSync(SFTP)) {
    console.log(`  skipped: ${SFTP} is missing (Debian package openssh-client)`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-sftp-bench-'));
  const sshd = await startSshd();
  try {
    const input = path.join(dir, 'input');
    fs.mkdirSync(input);
    const file = path.join(dir, 'batch.bin');
    makeRandomFile(file, FILE_BYTES);
    const expected = sha256OfFile(file);
    const settings: SftpConnectionSettings = {
      host: '127.0.0.1',
      port: sshd.port,
      username: 'root',
      auth: { kind: 'key', privateKeyPem: sshd.clientKeyPem },
      inputFolder: input,
      responseFolder: input,
      connectTimeoutMs: 20_000,
      operationTimeoutMs: 60_000,
      hostKeyFingerprint: sshd.hostFingerprint(),
    };
    console.log(`${RUNS} runs each, median; each run includes connecting and closing; both verified byte-identical by SHA-256`);
    console.log('job | median | throughput | runs');
    // Alternating app and peer runs, so a busy neighbour on the machine hurts both alike.
    const app: number[] = [];
    const peer: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      app.push(await timeApp(settings, file, expected, {}));
      peer.push(timeSftp(sshd, file, input, expected, path.join(dir, 'sftp.batch')));
    }
    console.log(line('app uploadBatch (streamed, in order, 255 KB writes, 1 MB in flight)', app));
    console.log(line('OpenSSH sftp put', peer));
    const ratio = summarise(app).median / summarise(peer).median;
    console.log(`ratio app/sftp: ${ratio.toFixed(2)} (goal ≤ ${GOAL_RATIO.toFixed(1)})`);
    if (ratio > GOAL_RATIO) console.log(`  GOAL MISSED: ratio ${ratio.toFixed(2)} > ${GOAL_RATIO.toFixed(1)}`);
    if (process.env.KYC_DESK_SFTP_BENCH_VARIANTS === '1') {
      for (const [label, options] of [
        ['app, 32 KB writes, 2 MB in flight', { chunkBytes: 32 * 1024, inFlightBytes: 2 * MB }],
        ['app, 255 KB writes, 512 KB in flight', { chunkBytes: 255 * 1024, inFlightBytes: MB / 2 }],
        ['app, 255 KB writes, 4 MB in flight', { chunkBytes: 255 * 1024, inFlightBytes: 4 * MB }],
        ['app, 255 KB writes, 16 MB in flight', { chunkBytes: 255 * 1024, inFlightBytes: 16 * MB }],
      ] as const) {
        const samples: number[] = [];
        for (let run = 0; run < RUNS; run++) samples.push(await timeApp(settings, file, expected, options));
        console.log(`${line(label, samples)} | ratio ${(summarise(samples).median / summarise(peer).median).toFixed(2)}`);
      }
    }
  } finally {
    await sshd.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
