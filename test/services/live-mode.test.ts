import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { readLedger, duplicateRegistrations } from '../../electron/sandbox/shell/ledger';
import { silentLogger } from '../../electron/logging/logger';
import { makeTempDir } from '../support/temp-dir';

/**
 * Live mode end to end, through the contract: a new branch's first admin, operators, the
 * connection (HTTPS with a JWT from the token endpoint, SFTP with a key file and a pinned host
 * key, the password in the keychain), then one record by each bulk route, polled no faster than
 * every 30 s. The registry is a sandbox instance behind TLS in this process, with a certificate
 * the app trusts the way an IT team would add theirs (NODE_EXTRA_CA_CERTS) — never the app's own
 * in-process sandbox, which Live mode has none of.
 */
const worker = path.resolve(import.meta.dirname, '../support/live-worker.ts');
let temp: ReturnType<typeof makeTempDir>;
let registry: CkycSandbox;
let certFile: string;
let keyFile: string;

beforeAll(async () => {
  temp = makeTempDir();
  certFile = path.join(temp.dir, 'registry.crt');
  const tlsKey = path.join(temp.dir, 'registry.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', tlsKey, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  registry = await CkycSandbox.start({
    stateDir: path.join(temp.dir, 'registry'),
    token: 'not-used-in-live',
    processingMs: 500,
    logger: silentLogger,
    recordsApi: { username: 'branch01', password: 'LiveRegistrySecret42' },
    tls: { key: fs.readFileSync(tlsKey, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') },
  });
  keyFile = path.join(temp.dir, 'ckyc_ed25519');
  fs.writeFileSync(keyFile, registry.sftp!.identity.clientPrivateKeyPem, { mode: 0o600 });
}, 30_000);

afterAll(async () => {
  await registry?.close();
  temp?.remove();
});

function runWorker(): Promise<any> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', worker, path.join(temp.dir, 'app'), registry.url, String(registry.sftp!.port), keyFile, registry.sftp!.identity.hostFingerprint];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const guard = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1)!));
      else reject(new Error(`live worker failed (${code}): ${err.slice(-3000)}`));
    });
  });
}

describe('Live mode against a registry over HTTPS and SFTP', () => {
  it('a new branch sets up its connection and sends one record by each bulk route, exactly once', async () => {
    const seen = await runWorker();
    expect(seen.info).toMatchObject({ mode: 'live', nextMode: 'training', pollSeconds: 30 });
    expect(seen.needsFirstAdmin).toBe(true);
    // Before an admin set the connection up, sync says what is missing.
    expect(seen.syncBeforeSetup).toEqual({ batchId: null, recordCount: 0, message: 'Live mode has no registry connection yet: a branch admin must set up the CKYC API on the Connections screen.' });
    expect(seen.probe).toMatchObject({ status: 'new', fingerprint: registry.sftp!.identity.hostFingerprint });
    expect(seen.test).toMatchObject({ ok: true, message: expect.stringMatching(/answered and accepted KYC Desk's credentials/) });
    expect(seen.syncApi).toMatchObject({ recordCount: 1 });
    expect(seen.syncSftp).toMatchObject({ recordCount: 1 });
    const routes = seen.batches.map((b: { route: string }) => b.route).sort();
    expect(routes).toEqual(['bulk-api', 'bulk-sftp']);
    for (const batch of seen.batches) {
      expect(batch.state).toBe('succeeded');
      expect(batch.records).toHaveLength(1);
      expect(batch.records[0].ckycNumber).toMatch(/^\d{14}$/);
    }
    expect(seen.status).toMatchObject({ route: 'bulk-sftp', connectivity: 'online', sftp: 'up' });
    const ledger = readLedger(path.join(temp.dir, 'registry'));
    expect(duplicateRegistrations(ledger)).toEqual([]);
    expect(ledger.map((e) => e.kyc_ref_no).sort()).toEqual([...seen.references].sort());
    // Live data lives apart from Training's, and nothing of the registry's password is on disk.
    expect(fs.existsSync(path.join(temp.dir, 'app', 'live', 'store'))).toBe(true);
    expect(fs.existsSync(path.join(temp.dir, 'app', 'training'))).toBe(false);
    const files = fs.readdirSync(path.join(temp.dir, 'app'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(3);
    for (const entry of files) expect(fs.readFileSync(path.join(entry.parentPath, entry.name)).includes('LiveRegistrySecret42'), entry.name).toBe(false);
  }, 180_000);
});
