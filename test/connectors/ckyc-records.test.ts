import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { verifierFromOperator, type KycRecord } from '../../shared/record/kyc-record';
import { validateKycRecord } from '../../shared/validation/kyc-record';
import type { Logger } from '../../electron/logging/logger';
import { RecordsApiClient, type RecordsApiItem, type UploadOutcome } from '../../electron/connectors/ckyc-records/client';
import { fromWireRecord, toWireRecord, wireErrorsToRecordFields, recordPathForWire, wirePathForRecord } from '../../electron/connectors/ckyc-records/map-record';
import { knownWirePatterns } from '../../electron/connectors/ckyc-records/field-paths';
import { jwtExpiryMs, TokenProvider, type TokenSource } from '../../electron/connectors/agent-api/token';
import { wireRecordSchema } from '../../electron/connectors/ckyc-records/wire';
import { RecordsApiSandbox, recordsApiListener, type RecordsApiSandboxOptions } from '../../electron/sandbox/ckyc/records-api';
import { completeKycRecord, FIXTURE_TODAY, storedSample } from '../support/kyc-records';

const USERNAME = 'branch042';
const PASSWORD = 'S3cretPassw0rd77';
const WRONG_PASSWORD = 'Wr0ngPassw0rd55';
const VERIFIER = verifierFromOperator(
  { name: 'Priya Nair', designation: 'Branch officer', branch: 'MG Road', employeeCode: 'e1042', organisation: 'Example Bank' },
  'IN0308',
);
// The fixtures are valid on FIXTURE_TODAY (2026-11-22); the sandbox judges dates against its clock.
const FIXTURE_NOW = Date.UTC(2026, 10, 22, 6, 0, 0);
const INSTITUTION = { fiCode: 'IN0308', version: 'V1.3', regionCode: 'KA01', username: 'CERSAIUSER1', branchCode: 'BLR042' };

/** A logger that keeps every line it was given, as text. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, details?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, details }));
  };
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

/** Overrides an answer: return true when it answered itself. */
type Override = (req: http.IncomingMessage, res: http.ServerResponse, path: string) => boolean;

interface Harness {
  url: string;
  sandbox: RecordsApiSandbox;
  hits: { token: number; upload: number };
  override: Override | null;
  close(): Promise<void>;
}

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function startSandbox(options: Partial<RecordsApiSandboxOptions> = {}): Promise<Harness> {
  // Both clocks stand on the fixtures' day unless a test moves one: the records are valid on it.
  const sandbox = new RecordsApiSandbox({ username: USERNAME, password: PASSWORD, now: () => FIXTURE_NOW, ...options });
  const listener = recordsApiListener(sandbox);
  const harness = { hits: { token: 0, upload: 0 }, override: null as Override | null } as Harness;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/agentapi/')) harness.hits.token++;
    else harness.hits.upload++;
    if (harness.override?.(req, res, path)) return;
    listener(req, res);
  });
  server.requestTimeout = 5_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(harness, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sandbox,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  open.push(harness);
  return harness;
}

/** Answers by hand after reading the whole request body. */
function answer(res: http.ServerResponse, req: http.IncomingMessage, status: number, headers: Record<string, string>, body: string): true {
  req.resume();
  req.on('end', () => {
    res.writeHead(status, headers);
    res.end(body);
  });
  return true;
}

function clientFor(h: Harness, source: TokenSource, logger: Logger, now: () => number = () => FIXTURE_NOW) {
  const tokens = new TokenProvider({ baseUrl: h.url, timeoutMs: 3_000, source, logger, now });
  return { tokens, client: new RecordsApiClient({ baseUrl: h.url, timeoutMs: 3_000, institution: INSTITUTION }, tokens, logger) };
}

const credentials = (password = PASSWORD): TokenSource => ({ kind: 'credentials', username: USERNAME, password });

let nextRef = 0;
function item(record?: KycRecord): RecordsApiItem {
  nextRef += 1;
  return { reference: `KD${String(nextRef).padStart(12, '0')}`, record: record ?? storedSample(nextRef) };
}

/** A complete, valid record with every optional part filled: identities, related persons, tax, disability. */
function fullRecord(): KycRecord {
  const check = validateKycRecord(completeKycRecord(), FIXTURE_TODAY);
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  return check.value;
}

function failureOf(outcome: UploadOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome;
}


// ---------------------------------------------------------------------------------------------

describe('records API mapping (seed 001)', () => {
  it('maps a stored sample onto the seed’s fields and back', () => {
    const record = storedSample(7);
    const wire = toWireRecord('KD000000000007', record, VERIFIER);
    expect(wireRecordSchema.parse(wire)).toEqual(wire);

    expect(wire.kyc_ref_no).toBe('KD000000000007');
    expect(wire.pan).toBe(record.pan);
    expect(wire.basic_details).toMatchObject({
      applicant_name_title: record.prefix,
      applicant_first_name: record.firstName,
      applicant_middle_name: record.middleName,
      applicant_rel_details_flag: 'FATHER',
      applicant_rel_name_title: record.fatherOrSpouse.prefix,
      applicant_rel_first_name: record.fatherOrSpouse.firstName,
      applicant_rel_middle_name: record.fatherOrSpouse.middleName,
      gender: 'F',
      dob: '1990-04-15',
      disability_info: { differently_abled_flag: false, impairment_type: '', impairment_percentage: 0, udid_number: '' },
    });
    expect(wire.poa).toMatchObject({
      poa_document: '02',
      poa_document_number: 'J8369854', // the passport that proves the address
      poa_address_line_1: record.permanentAddress.line1,
      poa_vtc: 'BENGALURU',
      poa_state: 'KA',
      poa_country: 'IN',
      poa_pin_code: '560001',
    });
    expect(wire.current_address.current_address_same_as_poa_address).toBe('Y');
    expect(wire.contact_details).toMatchObject({ mobile_isd: '91', mobile_number: record.contact.mobile });
    expect(wire.kyc_verification_details).toMatchObject({
      kyc_declaration_date: '2026-11-20',
      kyc_declaration_place: 'BENGALURU',
      kyc_verification_date: '2026-11-21',
      kyc_type: '01',
      kyc_verifier_name: 'PRIYA NAIR',
      kyc_verifier_designation: 'BRANCH OFFICER',
      kyc_verifier_branch: 'MG ROAD',
      kyc_verifier_employee_code: 'E1042',
      kyc_type_of_document_submitted: '01',
    });
    expect(wire.images).toEqual([{ image_type: '02', image_file_name: 'KD000000000007_02_1.jpg' }]);

    const back = fromWireRecord(wire);
    const { images: backImages, customerReference, ...rest } = back;
    const { images, ...original } = record;
    expect(rest).toEqual(original);
    expect(customerReference).toBe('KD000000000007');
    expect(backImages.map((i) => [i.code, i.mime])).toEqual(images.map((i) => [i.code, i.mime]));
  });

  it('round-trips a record with every optional part (our fields) too', () => {
    const record = fullRecord();
    const wire = toWireRecord('KD000000000008', record, VERIFIER);
    expect(wire.identity_documents).toHaveLength(2);
    expect(wire.related_persons[0]).toMatchObject({ related_person_type: '15', related_person_id_type: 'C' });
    expect(wire.tax_residency.tax_residences).toEqual([{ tax_residence_country: 'US', tax_residence_tin: '123456789' }]);
    expect(wire.basic_details.disability_info).toEqual({ differently_abled_flag: true, impairment_type: '01', impairment_percentage: 40, udid_number: 'MH1234567890123456' });
    expect(wire.current_address.current_address_same_as_poa_address).toBe('N');
    expect(wire.current_address.current_pin_code).toBe('560038');
    const { images: _i, customerReference: _c, ...back } = fromWireRecord(wire);
    const { images: _j, ...original } = record;
    expect(back).toEqual(original);
  });

  it('knows every wire field it writes, and each record path goes back to itself', () => {
    const wire = toWireRecord('KD000000000009', fullRecord(), VERIFIER);
    const leaves: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`));
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`);
      else leaves.push(path);
    };
    walk(wire, '');
    const known = new Set(knownWirePatterns());
    for (const leaf of leaves) expect(known.has(leaf.replace(/\.\d+(?=\.|$)/g, '.#')), leaf).toBe(true);
    for (const leaf of leaves) {
      const recordPath = recordPathForWire(leaf);
      if (recordPath !== undefined && leaf !== 'poa.poa_document_number') expect(wirePathForRecord(recordPath)).toBe(leaf);
    }
  });

  it('maps wire error paths back onto the form’s fields, and never drops one', () => {
    const record = fullRecord();
    const errors = wireErrorsToRecordFields(
      {
        pan: 'Invalid PAN.',
        'poa.poa_pin_code': 'PIN not in master.',
        'basic_details.dob': 'Wrong date format.',
        'contact_details.mobile_number': 'Must be 10 digits.',
        'identity_documents[1].identity_number': 'Bad characters.',
        'related_persons.0.related_person_id_number': 'Invalid PAN.',
        'poa.poa_document_number': 'Number does not match.',
        'kyc_verification_details.kyc_verifier_name': 'Blank verifier.',
        'basic_details.applicant_nickname': 'Unknown field.',
        '': 'Number of pipe separated records do not match',
      },
      record,
    );
    expect(errors).toMatchObject({
      pan: 'PAN: Invalid PAN.',
      'permanentAddress.pinCode': 'Permanent address PIN code: PIN not in master.',
      dateOfBirth: 'Date of birth: Wrong date format.',
      'contact.mobile': 'Mobile number: Must be 10 digits.',
      'identityDocuments.1.number': 'Identity document 2 number: Bad characters.',
      'relatedPersons.0.identity.number': 'Related person 1 identity document number: Invalid PAN.',
      // The permanent address is proved by the passport, identity document 1.
      'identityDocuments.0.number': 'Identity document 1 number: Number does not match.',
    });
    expect(errors.record).toContain('Blank verifier.');
    expect(errors.record).toContain('basic_details.applicant_nickname');
    expect(errors.record).toContain('Unknown field.');
    expect(errors.record).toContain('Number of pipe separated records do not match');
    expect(Object.keys(errors)).toHaveLength(8);
    // Without the record, the document number's error goes to the proof of address.
    expect(Object.keys(wireErrorsToRecordFields({ 'poa.poa_document_number': 'x' }))).toEqual(['permanentAddress.poaCode']);
  });
});

describe('token provider (seed 002 generate_token)', () => {
  it('caches the token and renews it once less than 60 s remain', async () => {
    let clock = FIXTURE_NOW;
    const h = await startSandbox({ tokenLifetimeSeconds: 600, now: () => clock });
    const tokens = new TokenProvider({ baseUrl: h.url, timeoutMs: 3_000, source: credentials(), now: () => clock });
    const first = await tokens.token();
    if (!first.ok) throw new Error(first.failure.message);
    expect(jwtExpiryMs(first.token)).toBe(Math.floor(FIXTURE_NOW / 1000) * 1000 + 600_000);
    clock += 500_000; // 100 s left
    expect(await tokens.token()).toEqual(first);
    expect(h.hits.token).toBe(1);
    clock += 45_000; // 55 s left
    const second = await tokens.token();
    expect(second.ok && second.token !== first.token).toBe(true);
    expect(h.hits.token).toBe(2);
    tokens.invalidate();
    await tokens.token();
    expect(h.hits.token).toBe(3);
  });

  it('shares one fetch between concurrent callers', async () => {
    const h = await startSandbox();
    const tokens = new TokenProvider({ baseUrl: h.url, timeoutMs: 3_000, source: credentials() });
    const all = await Promise.all([tokens.token(), tokens.token(), tokens.token()]);
    expect(new Set(all.map((t) => (t.ok ? t.token : 'failed'))).size).toBe(1);
    expect(h.hits.token).toBe(1);
  });

  it('scrubs a password the token endpoint echoes', async () => {
    const h = await startSandbox();
    h.override = (req, res) => answer(res, req, 401, { 'content-type': 'application/json' }, JSON.stringify({ msg: `bad password ${WRONG_PASSWORD}`, status_code: 401, success: false }));
    const logger = recordingLogger();
    const tokens = new TokenProvider({ baseUrl: h.url, timeoutMs: 3_000, source: credentials(WRONG_PASSWORD), logger });
    const outcome = await tokens.token();
    expect(outcome.ok).toBe(false);
    expect(JSON.stringify(outcome)).not.toContain(WRONG_PASSWORD);
    expect(JSON.stringify(outcome)).toContain('[secret]');
    expect(logger.lines.join('\n')).not.toContain(WRONG_PASSWORD);
  });
});

describe('records API client against the sandbox', () => {
  it('uploads valid records with a token from the token endpoint', async () => {
    const h = await startSandbox();
    const { client } = clientFor(h, credentials(), recordingLogger());
    const outcome = await client.uploadRecords([item(), item(fullRecord())], VERIFIER);
    expect(outcome).toEqual({ ok: true, status: 200, message: '2 records received.', remoteStatus: 'success' });
    expect(h.hits).toEqual({ token: 1, upload: 1 });
  });

  it('maps a 400 for a bad PAN and a bad PIN back onto pan and permanentAddress.pinCode', async () => {
    const h = await startSandbox();
    const { client } = clientFor(h, credentials(), recordingLogger());
    const good = item();
    const base = storedSample(41);
    const bad = item({ ...base, pan: 'ABCDE1234F', permanentAddress: { ...base.permanentAddress, pinCode: '060001' } });
    const failed = failureOf(await client.uploadRecords([good, bad], VERIFIER));
    expect(failed.stage).toBe('upload');
    expect(failed.failure).toMatchObject({ kind: 'rejected', status: 400 });
    expect(failed.failure.message).toContain('1 of 2 records failed validation.');
    expect(failed.rejectedRecords).toEqual([
      {
        reference: bad.reference,
        errors: {
          pan: 'PAN: This PAN is not an individual’s: its 4th letter must be P.',
          'permanentAddress.pinCode': 'Permanent address PIN code: A PIN code cannot start with 0.',
        },
      },
    ]);
  });

  it('reads FastAPI-style errors too', async () => {
    const h = await startSandbox();
    h.override = (req, res, path) =>
      path.startsWith('/ckycportalapi') &&
      answer(res, req, 400, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Validation error', detail: [{ loc: ['body', 'records', 0, 'basic_details', 'dob'], msg: 'invalid date', type: 'value_error' }, { loc: ['body', 'fi_code'], msg: 'field required' }] }));
    const { client } = clientFor(h, credentials(), recordingLogger());
    const first = item();
    const failed = failureOf(await client.uploadRecords([first], VERIFIER));
    expect(failed.rejectedRecords).toEqual([{ reference: first.reference, errors: { dateOfBirth: 'Date of birth: invalid date' } }]);
    expect(failed.failure.message).toContain('fi_code: field required');
  });

  it('re-authenticates once when the token expired, then succeeds', async () => {
    let skew = 0;
    // The registry's clock runs ahead of ours: the token it issued expires there before we think it does.
    const h = await startSandbox({ tokenLifetimeSeconds: 300, now: () => FIXTURE_NOW + skew });
    const logger = recordingLogger();
    const { client } = clientFor(h, credentials(), logger);
    expect((await client.uploadRecords([item()], VERIFIER)).ok).toBe(true);
    skew = 301_000;
    const outcome = await client.uploadRecords([item()], VERIFIER);
    expect(outcome.ok).toBe(true);
    expect(h.hits).toEqual({ token: 2, upload: 3 });
    expect(logger.lines.join('\n')).not.toContain(PASSWORD);
    expect(logger.lines.join('\n')).not.toContain('eyJ'); // no JWT either
    expect(logger.lines.some((line) => line.includes('fetching a new one'))).toBe(true);
  });

  it('with wrong credentials: one re-auth, then "The registry refused our credentials"; the password is in no message or log line', async () => {
    const h = await startSandbox();
    const logger = recordingLogger();
    const { client } = clientFor(h, credentials(), logger);
    expect((await client.uploadRecords([item()], VERIFIER)).ok).toBe(true);
    // The vendor changes the password and drops the tokens it issued.
    h.sandbox.setCredentials(USERNAME, 'N3wPassw0rd2026');
    h.sandbox.revokeTokens();
    const failed = failureOf(await client.uploadRecords([item()], VERIFIER));
    expect(failed.stage).toBe('token');
    expect(failed.failure).toMatchObject({ kind: 'rejected', status: 401 });
    expect(failed.failure.message).toMatch(/^The registry refused our credentials/);
    expect(h.hits).toEqual({ token: 2, upload: 2 });

    // Wrong from the start: the token endpoint refuses, nothing is uploaded.
    const wrong = clientFor(h, credentials(WRONG_PASSWORD), logger);
    const refused = failureOf(await wrong.client.uploadRecords([item()], VERIFIER));
    expect(refused.failure.message).toMatch(/^The registry refused our credentials/);
    expect(h.hits).toEqual({ token: 3, upload: 2 });

    const everything = [JSON.stringify(failed), JSON.stringify(refused), ...logger.lines].join('\n');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(WRONG_PASSWORD);
  });

  it('when the upload refuses even a fresh token: exactly one retry, then the clear message', async () => {
    const h = await startSandbox();
    h.override = (req, res, path) =>
      // A careless server that echoes what it was given.
      path.startsWith('/ckycportalapi') &&
      answer(res, req, 401, { 'content-type': 'application/json' }, JSON.stringify({ detail: {}, message: `Invalid token: ${req.headers.authorization ?? ''}` }));
    const logger = recordingLogger();
    const { client } = clientFor(h, credentials(), logger);
    const failed = failureOf(await client.uploadRecords([item()], VERIFIER));
    expect(failed.failure).toMatchObject({ kind: 'rejected', status: 401 });
    expect(failed.failure.message).toMatch(/^The registry refused our credentials \(HTTP 401: Invalid token: Bearer \[secret\]\)/);
    expect(h.hits).toEqual({ token: 2, upload: 2 });
    const everything = [JSON.stringify(failed), ...logger.lines].join('\n');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('eyJ');
  });

  it('surfaces Retry-After on 429 without sleeping', async () => {
    const h = await startSandbox();
    h.override = (req, res, path) =>
      path.startsWith('/ckycportalapi') && answer(res, req, 429, { 'content-type': 'application/json', 'retry-after': '7' }, JSON.stringify({ status: 429, message: 'Rate limit exceeded' }));
    const { client } = clientFor(h, credentials(), recordingLogger());
    const started = Date.now();
    const failed = failureOf(await client.uploadRecords([item()], VERIFIER));
    expect(failed.failure).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 7_000 });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('classifies an HTML 502 page, a truncated JSON body and a wrong shape as “may have been received”', async () => {
    const h = await startSandbox();
    const { client } = clientFor(h, credentials(), recordingLogger());

    h.override = (req, res, path) =>
      path.startsWith('/ckycportalapi') && answer(res, req, 502, { 'content-type': 'text/html' }, '<html><body><h1>502 Bad Gateway</h1></body></html>');
    expect(failureOf(await client.uploadRecords([item()], VERIFIER)).failure).toMatchObject({ kind: 'server_error', status: 502, message: 'The server had an error (HTTP 502).' });

    h.override = (req, res, path) => path.startsWith('/ckycportalapi') && answer(res, req, 200, { 'content-type': 'application/json' }, '{"message": "1 records rec');
    expect(failureOf(await client.uploadRecords([item()], VERIFIER)).failure).toMatchObject({ kind: 'invalid_response', status: 200 });

    h.override = (req, res, path) => {
      if (!path.startsWith('/ckycportalapi')) return false;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
        res.write('{"message": "1 records received.", "sta');
        setTimeout(() => res.destroy(), 20);
      });
      return true;
    };
    expect(failureOf(await client.uploadRecords([item()], VERIFIER)).failure.kind).toBe('timeout');

    h.override = (req, res, path) => path.startsWith('/ckycportalapi') && answer(res, req, 200, { 'content-type': 'application/json' }, '{"ok": true}');
    expect(failureOf(await client.uploadRecords([item()], VERIFIER)).failure).toMatchObject({ kind: 'invalid_response', message: 'The server’s answer did not have the expected shape.' });

    h.override = (req, res, path) => path.startsWith('/ckycportalapi') && answer(res, req, 200, { 'content-type': 'text/html' }, '<!doctype html><title>Login</title>');
    expect(failureOf(await client.uploadRecords([item()], VERIFIER)).failure).toMatchObject({ kind: 'invalid_response', message: 'The server sent a web page instead of data.' });
  });

  it('a pasted token works without the token endpoint; its 401 is reported at once', async () => {
    const h = await startSandbox();
    const logger = recordingLogger();
    const pasted = h.sandbox.issueToken();
    const { client } = clientFor(h, { kind: 'pasted', token: pasted }, logger);
    expect((await client.uploadRecords([item()], VERIFIER)).ok).toBe(true);
    expect(h.hits).toEqual({ token: 0, upload: 1 });

    h.sandbox.revokeTokens();
    const failed = failureOf(await client.uploadRecords([item()], VERIFIER));
    expect(failed.failure.message).toMatch(/^The registry refused our credentials: the pasted token/);
    expect(h.hits).toEqual({ token: 0, upload: 2 });
    expect([JSON.stringify(failed), ...logger.lines].join('\n')).not.toContain(pasted);
  });

  it('an expired pasted token is not sent at all', async () => {
    const h = await startSandbox({ tokenLifetimeSeconds: 60 });
    const { client } = clientFor(h, { kind: 'pasted', token: h.sandbox.issueToken() }, recordingLogger(), () => FIXTURE_NOW + 61_000);
    const failed = failureOf(await client.uploadRecords([item()], VERIFIER));
    expect(failed.stage).toBe('token');
    expect(failed.failure.message).toContain('The pasted token expired');
    expect(h.hits).toEqual({ token: 0, upload: 0 });
  });

  it('a token endpoint that is down means nothing was sent', async () => {
    const h = await startSandbox();
    h.override = (req, res, path) => path.startsWith('/agentapi') && answer(res, req, 503, { 'content-type': 'text/html' }, '<html>down</html>');
    const { client } = clientFor(h, credentials(), recordingLogger());
    const failed = failureOf(await client.uploadRecords([item()], VERIFIER));
    expect(failed).toMatchObject({ stage: 'token', failure: { kind: 'unreachable' } });
    expect(h.hits.upload).toBe(0);
  });
});
