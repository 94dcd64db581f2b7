import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SftpTransport, type SftpConnectionSettings } from '../../electron/transport/sftp';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { silentLogger } from '../../electron/logging/logger';
import { parseCsv } from '../../electron/sandbox/ckyc/batch-judge';
import { readLedger, duplicateRegistrations } from '../../electron/sandbox/shell/ledger';
import { registryRejection } from '../../electron/sandbox/ckyc/registry-rules';
import { sandboxSftpIdentity } from '../../electron/sandbox/ckyc/sftp/server';
import { sandboxPeer, type SandboxSftpPeer } from '../support/sftp-peers';
import { makeTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';
import { Documents, initializeBody, post, reference, wireOf, zipFor } from './sandbox-support';

/**
 * Route 2 end to end against the sandbox: initialize over HTTP, the batch ZIP (buildBatchZip) and
 * its trigger through the app's SFTP transport, then the sandbox's result file in response/.
 */
const SEED = 'sftp-drop';
const SHARE = 0.5;
let peer: SandboxSftpPeer;
let work: ReturnType<typeof makeTempDir>;
let docs: Documents;

function settings(): SftpConnectionSettings {
  return peer.sandbox.sftp!.connectionSettings({ connectTimeoutMs: 10_000, operationTimeoutMs: 10_000 });
}

async function init(name: string, individuals: unknown[]) {
  const r = await post(peer.sandbox.url, '/ckyc-upload/upload/initialize', initializeBody(name, individuals), 'sftp-peer-token');
  expect(r.status).toBe(200);
  return r.body.data.client_id as string;
}

function zipFile(name: string, bytes: Buffer): string {
  const file = path.join(work.dir, `${name}.zip`);
  fs.writeFileSync(file, bytes);
  return file;
}

async function responseFile(name: string): Promise<string[][]> {
  await waitFor(`${name} in response/`, () => SftpTransport.with(settings(), async (sftp) => (await sftp.listResponses()).some((f) => f.name === name)), 15_000);
  return parseCsv((await SftpTransport.with(settings(), (sftp) => sftp.readResponse(name))).toString('utf8'));
}

beforeEach(async () => {
  work = makeTempDir();
  docs = new Documents();
});
afterEach(async () => {
  await peer?.stop();
  work.remove();
});

describe('sandbox SFTP server: batch drops', () => {
  it('processes a dropped batch ZIP after its trigger: a result file with one outcome per individual, the drop consumed', async () => {
    peer = sandboxPeer({ processingMs: 300, faults: `registry_reject=${SHARE}`, seed: SEED });
    await peer.start();
    // Two references the seeded registry rejects and two it accepts, so both outcomes are in the file.
    const rejects = (n: number) => registryRejection(SEED, SHARE, reference(n)) !== null;
    const numbers = Array.from({ length: 40 }, (_, i) => i + 1);
    const chosen = [...numbers.filter(rejects).slice(0, 2), ...numbers.filter((n) => !rejects(n)).slice(0, 2)];
    const records = chosen.map((n) => docs.record(n));
    const name = 'KD_20261122T100000_SFTP0001';
    const clientId = await init(name, records.map((r) => wireOf(r)));

    const file = zipFile(name, zipFor(work.dir, docs, name, records));
    const upload = await SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(file, `${name}.zip`));
    expect(upload).toMatchObject({ remotePath: `/input/${name}.zip`, triggerPath: `/input/${name}.zip.trigger`, skipped: false });

    const [header, ...rows] = await responseFile(`${name}.zip.result.csv`);
    expect(header).toEqual(['kyc_ref_no', 'state', 'ckyc_number', 'error']);
    expect(rows.map((row) => row[0])).toEqual(records.map((r) => r.reference));
    for (const [ref, state, ckycNumber, error] of rows) {
      const rejection = registryRejection(SEED, SHARE, ref!);
      if (rejection) expect({ state, ckycNumber, error }).toEqual({ state: 'failed', ckycNumber: '', error: rejection });
      else {
        expect(state).toBe('succeeded');
        expect(ckycNumber).toMatch(/^[1-9]\d{13}$/);
        expect(error).toBe('');
      }
    }
    // The same outcomes over HTTP, the same ledger, the drop gone from input/ and no errors file.
    const check = await post(peer.sandbox.url, '/ckyc-upload/upload/status-check', { client_id: clientId }, 'sftp-peer-token');
    expect(check.body.data.individuals.map((i: { kyc_ref_no: string; state: string; ckyc_number: string | null }) => [i.kyc_ref_no, i.state, i.ckyc_number ?? ''])).toEqual(rows.map((r) => r.slice(0, 3)));
    const ledger = readLedger(peer.stateDir);
    expect(ledger.map((e) => e.kyc_ref_no).sort()).toEqual(rows.filter((r) => r[1] === 'succeeded').map((r) => r[0]).sort());
    expect(duplicateRegistrations(ledger)).toEqual([]);
    expect(fs.readdirSync(peer.sandbox.sftp!.folders.input)).toEqual([]);
    expect(fs.readdirSync(peer.sandbox.sftp!.folders.response)).toEqual([`${name}.zip.result.csv`]);

    // A repeat of the same upload after the drop was consumed changes nothing: no second result.
    await SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(file, `${name}.zip`));
    await peer.sandbox.sftp!.whenIdle();
    expect(readLedger(peer.stateDir)).toHaveLength(ledger.length);
    expect(fs.readdirSync(peer.sandbox.sftp!.folders.response)).toEqual([`${name}.zip.result.csv`]);
  }, 30_000);

  it('answers a ZIP refused as a whole with an errors file at once, then a result file with every individual failed', async () => {
    peer = sandboxPeer({ processingMs: 300 });
    await peer.start();
    const records = [docs.record(1), docs.record(2)];
    const name = 'KD_20261122T100000_SFTP0002';
    await init(name, records.map((r) => wireOf(r)));
    const file = zipFile(name, zipFor(work.dir, docs, 'SOME_OTHER_BATCH', records)); // batch-details names another batch
    await SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(file, `${name}.zip`));
    const [errorsHeader, ...errors] = await responseFile(`${name}.zip.errors.csv`);
    expect(errorsHeader).toEqual(['file_name', 'error']);
    expect(errors).toEqual([[`${name}.zip`, `batch-details.csv names the batch "SOME_OTHER_BATCH", but it was initialized as "${name}".`]]);
    const [, ...rows] = await responseFile(`${name}.zip.result.csv`);
    expect(rows.map((r) => [r[0], r[1]])).toEqual(records.map((r) => [r.reference, 'failed']));
    expect(rows[0]![3]).toContain('Batch rejected');
    expect(readLedger(peer.stateDir)).toEqual([]);
  }, 30_000);

  it('leaves a file no batch was initialized for where it is, saying why in an errors file', async () => {
    peer = sandboxPeer();
    await peer.start();
    const file = zipFile('KD_UNKNOWN', Buffer.from('not even a zip'));
    await SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(file, 'KD_UNKNOWN.zip'));
    const [, ...errors] = await responseFile('KD_UNKNOWN.zip.errors.csv');
    expect(errors[0]![1]).toContain('No batch was initialized with batch_file_name KD_UNKNOWN');
    expect(fs.readdirSync(peer.sandbox.sftp!.folders.input).sort()).toEqual(['KD_UNKNOWN.zip', 'KD_UNKNOWN.zip.trigger']);
  }, 30_000);

  it('sftp_drop cuts the connection mid-transfer: the upload fails as dropped, nothing published', async () => {
    peer = sandboxPeer({ faults: 'sftp_drop=1' });
    await peer.start();
    const file = zipFile('KD_DROP', Buffer.alloc(512 * 1024, 7));
    const error = await SftpTransport.with(settings(), (sftp) => sftp.uploadBatch(file, 'KD_DROP.zip')).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'dropped', delivery: 'partial' });
    expect(fs.readdirSync(peer.sandbox.sftp!.folders.input).filter((n) => n !== 'KD_DROP.zip.part')).toEqual([]);
  }, 30_000);

  it('keeps its host key and the training client key across restarts, in the sandbox folder', async () => {
    peer = sandboxPeer();
    await peer.start();
    const before = sandboxSftpIdentity(peer.stateDir);
    expect(before.hostFingerprint).toBe(peer.sandbox.sftp!.hostFingerprint);
    const port = peer.port;
    await peer.sandbox.close();
    const again = await CkycSandbox.start({ stateDir: peer.stateDir, token: 't', processingMs: 300, logger: silentLogger, sftp: { port } });
    try {
      expect(again.sftp!.hostFingerprint).toBe(before.hostFingerprint);
      expect(again.sftp!.identity.clientPrivateKeyPem).toBe(before.clientPrivateKeyPem);
      expect(fs.statSync(path.join(peer.stateDir, 'sftp', 'host_ed25519')).mode & 0o077).toBe(0);
      await SftpTransport.with(again.sftp!.connectionSettings({ connectTimeoutMs: 10_000, operationTimeoutMs: 10_000 }), async (sftp) => expect(sftp.hostFingerprint).toBe(before.hostFingerprint));
    } finally {
      await again.close();
    }
  }, 30_000);

  it('keeps clients in the jail: no .. out of it, no symbolic link followed, not even one a local process made', async () => {
    peer = sandboxPeer();
    await peer.start();
    const { root, response } = peer.sandbox.sftp!.folders;
    fs.writeFileSync(path.join(path.dirname(root), 'outside.csv'), 'secret');
    fs.symlinkSync(path.join(path.dirname(root), 'outside.csv'), path.join(response, 'link.csv'));
    fs.symlinkSync(path.dirname(root), path.join(root, 'evil'));
    const base = settings();
    const kindOf = (overrides: Partial<SftpConnectionSettings>, name: string) =>
      SftpTransport.with({ ...base, ...overrides }, (sftp) => sftp.readResponse(name)).then(
        () => 'read',
        (error: { kind?: string }) => error.kind,
      );
    expect(await kindOf({}, 'link.csv')).toBe('permission_denied');
    expect(await kindOf({ responseFolder: '/evil' }, 'outside.csv')).toBe('permission_denied');
    expect(await kindOf({ responseFolder: '/response/../..' }, 'outside.csv')).toBe('permission_denied');
    expect(await kindOf({ responseFolder: '/../../..' }, 'outside.csv')).toBe('permission_denied');
    // Listing shows the link for what it is (not a file), so the transport never offers it.
    expect(await SftpTransport.with(base, (sftp) => sftp.listResponses())).toEqual([]);
  }, 30_000);
});
