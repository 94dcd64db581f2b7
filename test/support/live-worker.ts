// A child process for the Live-mode test: the app's services in Live mode, set up and used only
// through the contract, as an admin, a maker and a checker would at a new branch. It runs in its
// own process so NODE_EXTRA_CA_CERTS can make it trust the test registry's certificate, as an IT
// team would add their registry's CA. Prints one JSON line with what it saw, then exits.
import { startAppServices } from '../../electron/app/services';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { issueSetupCode } from '../../electron/live-setup/setup-code';
import { saveRequestOverContract } from './stored-samples';

const [dataDir, baseUrl, sftpPort, keyPath, fingerprint] = process.argv.slice(2) as [string, string, string, string, string];
const ORIGIN = 'test://live';
const services = await startAppServices({ dataDir, version: 'test', vault: new MemoryVault(), mode: 'live', env: { KYC_DESK_POLL_SECONDS: '30' } });
services.trustOrigin(ORIGIN);
const call = async (channel: string, payload: unknown): Promise<{ ok: boolean; value?: any; error?: unknown }> => services.dispatch({ channel, payload, origin: ORIGIN }) as never;
const must = async (channel: string, payload: unknown): Promise<any> => {
  const answer = await call(channel, payload);
  if (!answer.ok) throw new Error(`${channel} failed: ${JSON.stringify(answer.error)}`);
  return answer.value;
};
const signIn = async (employeeCode: string, password: string) => {
  await must('session.signOut', {});
  await must('session.signIn', { employeeCode, password });
};
const person = (name: string, code: string) => ({ name, employeeCode: code, designation: 'Officer', branch: 'Chennai Main', organisation: 'Example Co-operative Bank' });
const seen: Record<string, unknown> = {};
try {
  seen.info = await must('app.info', {});
  seen.needsFirstAdmin = (await must('session.state', {})).needsFirstAdmin;
  // IT's one-time setup code for this PC, as `--live-setup-code` makes it: the first admin needs it.
  const { code } = await issueSetupCode(dataDir);
  await must('session.createFirstAdmin', { ...person('Asha Admin', 'A001'), password: 'admin passphrase 1', setupCode: code });
  await must('operators.create', { ...person('Meera Maker', 'M001'), role: 'maker', password: 'maker passphrase 1' });
  await must('operators.create', { ...person('Ravi Checker', 'C001'), role: 'checker', password: 'checker passphrase 1' });
  seen.syncBeforeSetup = await must('sync.start', {});

  await must('connections.save', {
    api: { baseUrl, authMode: 'password', username: 'branch01', fiCode: 'IN1234', regionCode: 'R01', branchCode: 'B001', cersaiUsername: 'cersai01', version: '1.0', organisationName: 'Example Co-operative Bank' },
    sftp: { host: '127.0.0.1', port: Number(sftpPort), username: 'kyc-desk-training', authMode: 'key', privateKeyPath: keyPath, inputFolder: '/input', responseFolder: '/response' },
  });
  await must('secrets.set', { slot: 'ckyc-api-password', value: 'LiveRegistrySecret42' });
  seen.probe = await must('connections.probeSftpHostKey', {});
  await must('connections.pinSftpHostKey', { fingerprint });
  seen.test = await must('connections.testApi', {});

  // The maker captures two customers; the checker approves and sends one by each bulk route.
  await signIn('M001', 'maker passphrase 1');
  const saved = [];
  for (const n of [901, 902]) saved.push(await must('records.save', await saveRequestOverContract(call, n)));
  await signIn('C001', 'checker passphrase 1');
  await must('records.approve', { ids: [saved[0].id] });
  seen.syncApi = await must('sync.start', {});
  await signIn('A001', 'admin passphrase 1');
  await must('sync.setRoute', { route: 'bulk-sftp' });
  await signIn('C001', 'checker passphrase 1');
  await must('records.approve', { ids: [saved[1].id] });
  seen.syncSftp = await must('sync.start', {});

  // Real polling: never faster than every 30 s against a real registry.
  const deadline = Date.now() + 100_000;
  for (;;) {
    const { items } = await must('batches.list', { page: 1, pageSize: 10 });
    if (items.length === 2 && items.every((b: { state: string }) => b.state === 'succeeded')) break;
    if (Date.now() > deadline) throw new Error(`batches did not succeed: ${JSON.stringify(items)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const { items } = await must('batches.list', { page: 1, pageSize: 10 });
  seen.batches = await Promise.all(items.map((b: { id: string }) => must('batches.get', { id: b.id })));
  seen.references = saved.map((r) => r.reference);
  seen.status = await must('sync.status', {});
  process.stdout.write(`${JSON.stringify(seen)}\n`);
} finally {
  await services.close();
}
