import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadStatusResponseSchema } from '../../electron/connectors/ckyc-bulk/download-wire';
import { fingerprintOfHostKey } from '../../electron/transport/sftp/host-key';
import { makeTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';

/**
 * `npm run sandbox -- --port N [--data DIR]` as a bank's IT team would run it: a child process,
 * its first stdout line read as the announcement, then only what the line says (curl-like fetch,
 * an SFTP client with the printed key and host key).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = 'electron/sandbox/standalone/main.ts';

interface Announcement {
  sandbox: string;
  sftp: { host: string; port: number; username: string; privateKeyPath: string; hostKeySha256: string };
  credentials: {
    ckyc: { username: string; password: string };
    agent: { username: string; password: string };
    cdp: { client_id: string; client_secret: string; scope: string; username: string; password: string };
    enkash: { token: string };
  };
  samples: { ckyc: { ckyc_id: string; dob: string; mobile_number: string }[]; cdp: { existing: string; notSubscribed: string; underInvestigation: string; blocked: string }; enkash: { parentCompanyId: string; file: string } };
}

interface Running {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
/** A signal to the child's whole process group, as a terminal's Ctrl-C reaches npm and the sandbox under it. */
const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // the group is gone already
  }
};
afterEach(() => {
  for (const child of children.splice(0)) signalGroup(child, 'SIGKILL');
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function launch(command: string, args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.6', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  const running: Running = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  child.stdout!.on('data', (chunk: Buffer) => (running.stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (running.stderr += chunk.toString('utf8')));
  return running;
}

/** The first stdout line, once it is whole (bounded). */
async function firstLine(running: Running, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!running.stdout.includes('\n')) {
    if (Date.now() > deadline) throw new Error(`No line on stdout after ${timeoutMs} ms; stderr: ${running.stderr}`);
    if (running.child.exitCode !== null) throw new Error(`The sandbox exited (${running.child.exitCode}); stderr: ${running.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return running.stdout.slice(0, running.stdout.indexOf('\n'));
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const postJson = async (url: string, body: unknown, token?: string) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('npm run sandbox', () => {
  it('prints one JSON line first, then serves a download with a token from the printed credentials and SFTP with the printed key; Ctrl-C closes it and removes its temporary folder', async () => {
    const port = await freePort();
    const running = launch('npm', ['run', '-s', 'sandbox', '--', '--port', String(port)]);
    const line = await firstLine(running);
    const printed = JSON.parse(line) as Announcement;
    expect(Object.keys(printed)).toEqual(['sandbox', 'sftp', 'credentials', 'samples']);
    expect(printed.sandbox).toBe(`http://127.0.0.1:${port}`);
    expect(printed.sftp).toMatchObject({ host: '127.0.0.1', port: expect.any(Number), username: expect.any(String) });
    expect(printed.sftp.hostKeySha256).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(printed.samples.ckyc.length).toBeGreaterThanOrEqual(3);
    for (const sample of printed.samples.ckyc) {
      expect(sample.ckyc_id).toMatch(/^\d{14}$/);
      expect(sample.dob).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(sample.mobile_number).toMatch(/^\d{10}$/);
    }
    const dataDir = path.dirname(path.dirname(printed.sftp.privateKeyPath));
    expect(running.stderr).toContain(`data in ${dataDir}, a temporary folder removed when it stops`);

    const token = await postJson(`${printed.sandbox}/agentapi/v1/agent/generate_token`, printed.credentials.ckyc);
    expect(token.status).toBe(200);
    const jwt = token.body.Token as string;
    const sample = printed.samples.ckyc[0]!;
    const started = await postJson(`${printed.sandbox}/ckyc-upload/download/initialize`, { data: { batch_file_name: 'IT_TRY_1', individuals: [{ ckyc_id: sample.ckyc_id, dob: sample.dob }] } }, jwt);
    expect(started.status).toBe(200);
    let answer = downloadStatusResponseSchema.parse((await postJson(`${printed.sandbox}/ckyc-upload/download/status`, { client_id: started.body.data.client_id }, jwt)).body);
    for (let i = 0; i < 50 && answer.data.individuals === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = downloadStatusResponseSchema.parse((await postJson(`${printed.sandbox}/ckyc-upload/download/status`, { client_id: started.body.data.client_id }, jwt)).body);
    }
    expect(answer.data.state).toBe('upload_succeeded');
    expect(answer.data.individuals?.[0]?.person).toMatchObject({ ckyc_number: sample.ckyc_id, dob: sample.dob, mobile_number: sample.mobile_number });

    // The agent API: a token from the printed agent credentials sends a video-KYC link.
    const agentJwt = (await postJson(`${printed.sandbox}/agentapi/v1/agent/generate_token`, printed.credentials.agent)).body.Token as string;
    const link = await postJson(`${printed.sandbox}/agentapi/v1/agent/sendLink/`, { user_id: 'IT_TRY_1', phone_number: '9876543210', send_notification: 0, link_type: 'free' }, agentJwt);
    expect(link).toMatchObject({ status: 200, body: { session_id: expect.any(String), link_url: expect.stringContaining(printed.sandbox) } });

    // The UAE CDP: a form-urlencoded password grant with the printed credentials, then each printed sample's look-up outcome.
    expect(Object.keys(printed.samples.cdp)).toEqual(['existing', 'notSubscribed', 'underInvestigation', 'blocked']);
    const cdpToken = await fetch(`${printed.sandbox}/auth/realms/cdp/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', ...printed.credentials.cdp }).toString(),
    });
    expect(cdpToken.status).toBe(200);
    const cdpAccess = ((await cdpToken.json()) as { access_token: string }).access_token;
    const codes: Record<string, unknown> = {};
    for (const [outcome, idNumber] of Object.entries(printed.samples.cdp)) {
      expect(idNumber).toMatch(/^784\d{12}$/);
      codes[outcome] = (await postJson(`${printed.sandbox}/api/v2/customer/validate`, { idType: '4', idNumber }, cdpAccess)).body.errorCode ?? 'found';
    }
    expect(codes).toEqual({ existing: 'found', notSubscribed: 45003, underInvestigation: 45013, blocked: 45051 });

    // The bulk customer update: the printed sample file sent as multipart with the printed token and company id.
    expect(path.isAbsolute(printed.samples.enkash.file)).toBe(true);
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(printed.samples.enkash.file)], { type: 'text/csv' }), 'update.csv');
    const updated = await fetch(`${printed.sandbox}/api/v0/customer/bulk/update?parentCompanyId=${printed.samples.enkash.parentCompanyId}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${printed.credentials.enkash.token}` } });
    expect(updated.status).toBe(200);
    const payload = ((await updated.json()) as { payload: { total_count: number; failure_count: number } }).payload;
    expect(payload.total_count).toBeGreaterThan(0);
    expect(payload.failure_count).toBe(0);

    const sftp = new SftpClient();
    let offered = '';
    await sftp.connect({
      host: printed.sftp.host,
      port: printed.sftp.port,
      username: printed.sftp.username,
      privateKey: fs.readFileSync(printed.sftp.privateKeyPath, 'utf8'),
      readyTimeout: 5000,
      retries: 0,
      hostVerifier: (key: Buffer) => (offered = fingerprintOfHostKey(key)) === printed.sftp.hostKeySha256,
    });
    expect(offered).toBe(printed.sftp.hostKeySha256);
    expect((await sftp.list('/')).map((entry) => entry.name).sort()).toEqual(['input', 'response']);
    await sftp.end();

    signalGroup(running.child, 'SIGINT'); // Ctrl-C
    await within(running.exited, 15_000, 'closing the sandbox');
    expect(running.stdout.trim().split('\n')).toHaveLength(1);
    // npm may be gone before the sandbox under it has closed and removed its folder.
    await waitFor('the temporary folder removed', () => !fs.existsSync(dataDir), 15_000);
    await expect(fetch(printed.sandbox, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  }, 90_000);

  it('keeps a --data folder, serves what it kept after a restart, and stops with code 0 on Ctrl-C and on SIGTERM', async () => {
    const temp = makeTempDir();
    try {
      const first = launch('node', ['--import', 'tsx', MAIN, '--port', '0', '--data', temp.dir]);
      const printed = JSON.parse(await firstLine(first)) as Announcement;
      expect(printed.sftp.privateKeyPath).toBe(path.join(temp.dir, 'sftp', 'training_client_ed25519'));
      const jwt = (await postJson(`${printed.sandbox}/agentapi/v1/agent/generate_token`, printed.credentials.ckyc)).body.Token as string;
      const sample = printed.samples.ckyc[1]!;
      const started = await postJson(`${printed.sandbox}/ckyc-upload/download/initialize`, { data: { batch_file_name: 'IT_TRY_2', individuals: [{ ckyc_id: sample.ckyc_id, mobile_number: sample.mobile_number }] } }, jwt);
      expect(started.status).toBe(200);
      signalGroup(first.child, 'SIGINT');
      expect(await within(first.exited, 15_000, 'closing the sandbox')).toEqual({ code: 0, signal: null });
      expect(first.stderr).toContain(`data kept in ${temp.dir}`);

      const second = launch('node', ['--import', 'tsx', MAIN, '--port', '0', '--data', temp.dir]);
      const again = JSON.parse(await firstLine(second)) as Announcement;
      expect(again.sftp.hostKeySha256).toBe(printed.sftp.hostKeySha256);
      const jwt2 = (await postJson(`${again.sandbox}/agentapi/v1/agent/generate_token`, again.credentials.ckyc)).body.Token as string;
      const list = await fetch(`${again.sandbox}/ckyc-upload/get-bulk-download-clients?search=IT_TRY_2`, { headers: { authorization: `Bearer ${jwt2}` }, signal: AbortSignal.timeout(5000) });
      expect(((await list.json()) as { data: { items: { client_id: string }[] } }).data.items.map((i) => i.client_id)).toEqual([started.body.data.client_id]);
      signalGroup(second.child, 'SIGTERM');
      expect((await within(second.exited, 15_000, 'closing the sandbox')).code).toBe(0);
      expect(fs.existsSync(path.join(temp.dir, 'downloads.json'))).toBe(true);
    } finally {
      temp.remove();
    }
  }, 90_000);

  it('says what is wrong with a bad command line or fault variable, and starts nothing', async () => {
    for (const [args, env, code, message] of [
      [[], {}, 2, /--port is required/],
      [['--port', 'eighty'], {}, 2, /--port needs a port number from 0 to 65535, not "eighty"/],
      [['--port', '0', '--colour'], {}, 2, /Unknown argument "--colour"/],
      [['--port', '0'], { KYC_DESK_SANDBOX_PROCESSING_SECONDS: 'soon' }, 2, /must be a positive number of seconds/],
      [['--port', '0'], { KYC_DESK_SANDBOX_FAULTS: 'sftp_down=2' }, 1, /could not start: KYC_DESK_SANDBOX_FAULTS: the probability of sftp_down/],
    ] as const) {
      const running = launch('node', ['--import', 'tsx', MAIN, ...args], env);
      expect((await within(running.exited, 20_000, 'a refused start')).code, running.stderr).toBe(code);
      expect(running.stderr).toMatch(message);
      expect(running.stdout).toBe('');
    }
  }, 120_000);
});
