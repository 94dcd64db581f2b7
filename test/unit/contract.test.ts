import { describe, it, expect } from 'vitest';
import { CHANNEL_NAMES, CONTRACT, EVENTS, EVENT_NAMES, isChannelName, isEventName, type ChannelName } from '../../shared/contract';
import { IN_PERSON_VIDEO_MAX_BASE64 } from '../../shared/documents/in-person-video';
import { emptyKycRecord } from '../../shared/record/kyc-record';
import { completeKycRecord } from '../support/kyc-records';

/** One valid request per channel; each test changes one thing. */
const VALID_REQUESTS: Record<ChannelName, Record<string, unknown>> = {
  'app.info': {},
  'records.save': { record: completeKycRecord() },
  'records.get': { id: 'rec_1' },
  'records.makers': {},
  'records.findSameCustomer': { pan: 'ABCPE1234F', identityDocuments: [{ code: 'A', number: 'K1234567' }], ckycNumber: '50012345678901', exceptId: 'rec_1' },
  'drafts.get': {},
  'drafts.save': { record: emptyKycRecord(), editing: null },
  'drafts.discard': {},
  'pins.lookup': { pin: '560001' },
  'records.list': { page: 1, pageSize: 50 },
  'records.approve': { ids: ['rec_1', 'rec_2'] },
  'records.reject': { id: 'rec_1', reason: 'Photograph is blurred' },
  'records.markReady': { ids: ['rec_1'] },
  'sync.start': {},
  'batches.list': { page: 1, pageSize: 20 },
  'batches.get': { id: 'batch_01-AB' },
  'batches.followAgain': { id: 'batch_01-AB' },
  'batches.close': { id: 'batch_01-AB', reason: 'The vendor deleted it.' },
  'sync.status': {},
  'app.setMode': { mode: 'live' },
  'sync.setRoute': { route: 'bulk-sftp' },
  'session.state': {},
  'session.signIn': { employeeCode: 'E1001', password: 'a long passphrase' },
  'session.switchTraining': { operatorId: 'op_1' },
  'session.lock': {},
  'session.unlock': { password: 'a long passphrase' },
  'session.signOut': {},
  'session.activity': {},
  'session.createFirstAdmin': { name: 'Asha Verma', employeeCode: 'E1001', designation: 'Manager', branch: 'MG Road', organisation: 'Example Bank', password: 'a long passphrase', setupCode: 'AB12-CD34-EF56-GH78-JK90' },
  'operators.list': {},
  'operators.create': { name: 'Ravi Kumar', employeeCode: 'E1002', designation: 'Officer', branch: 'MG Road', organisation: 'Example Bank', role: 'maker', password: 'another long passphrase' },
  'operators.update': { id: 'op_2', role: 'checker' },
  'operators.resetPassword': { id: 'op_2', password: 'a new long passphrase' },
  'operators.unlock': { id: 'op_2' },
  'audit.list': { page: 1, pageSize: 50, action: 'sign-in' },
  'audit.verify': {},
  'audit.exportCsv': { from: '2026-11-01T00:00:00+05:30' },
  'settings.get': {},
  'settings.update': { retentionDays: 180 },
  'secrets.status': {},
  'secrets.set': { slot: 'sftp-password', value: 'secret' },
  'secrets.clear': { slot: 'sftp-password' },
  'connections.get': {},
  'connections.save': {
    api: { baseUrl: 'https://api.example.in', authMode: 'password', username: 'branch01', fiCode: 'IN1234', regionCode: 'R01', branchCode: 'B001', cersaiUsername: 'cersai01', version: '1.0', organisationName: 'Example Bank' },
    sftp: { host: 'sftp.example.in', port: 22, username: 'ckyc', authMode: 'key', privateKeyPath: '/home/kyc/.ssh/id_ed25519', inputFolder: '/in', responseFolder: '/out' },
  },
  'connections.probeSftpHostKey': {},
  'connections.pinSftpHostKey': { fingerprint: 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s' },
  'connections.testApi': {},
  'documents.get': { hash: 'a'.repeat(64) },
  'documents.put': { imageCode: '02', base64: '/9j/4AAQ', masked: false },
  'registry.requests': { page: 1, pageSize: 100, statusType: 'upload', state: 'processing', from: '2026-11-01T00:00:00+05:30', to: '2026-11-08T00:00:00+05:30', search: 'KD_' },
  'registry.downloads': { page: 1, pageSize: 20 },
  'registry.activity': { days: 15 },
  'registry.sftpHealth': { check: true },
  'fetch.request': { people: [{ ckycNumber: '50012345678901', dob: '1990-04-15' }, { ckycNumber: '50012345678902', mobile: '9876543210' }], recordIds: ['rec_1'] },
  'fetch.list': { page: 1, pageSize: 20 },
  'fetch.results': { id: 'rec_1' },
  'fetch.send': {},
  'training.sftpDown': { down: true },
  'videoKyc.send': { recordId: 'rec_1', sendNotification: true, linkType: 'free' },
  'videoKyc.sendAgain': { id: 'rec_1' },
  'videoKyc.close': { id: 'rec_1', reason: 'Customer says no SMS came' },
  'videoKyc.list': { page: 1, pageSize: 20, status: 'kyc_result_approved', from: '2026-12-01T00:00:00+05:30' },
  'videoKyc.get': { id: 'rec_1' },
  'videoKyc.forRecord': { recordId: 'rec_1' },
  'videoKyc.media': { id: 'rec_1', index: 0 },
  'videoKyc.keepMedia': { id: 'rec_1', index: 2 },
  'videoKyc.linkTypes': {},
  'videoKyc.settings.get': {},
  'videoKyc.settings.save': { settings: { baseUrl: 'https://vkyc.example.in', username: 'branch01', requestsPerMinute: 30, pollSeconds: 30, linkTypes: ['free'] } },
  'videoKyc.settings.test': {},
  'uaeCdp.settings.get': {},
  'uaeCdp.settings.save': { settings: { baseUrl: 'https://cdp.example.ae', clientId: 'branch-desk', scope: 'api://cdp/customer', username: 'branch01' } },
  'uaeCdp.settings.test': {},
  'uaeCdp.lookUp': { idType: '4', idNumber: '784198512345673' },
  'uaeCdp.send': {},
  'uaeCdp.enrolments': {},
  'uaeCdp.forRecord': { recordId: 'rec_1' },
  'masterData.uaeLists': {},
  'masterData.importUaeList': { list: 'occupations', text: '{"list":"occupations","entries":[{"code":"2856","label":"Accountant"}]}' },
  'masterData.revertUaeList': { list: 'occupations' },
  'digitalKyc.form': { recordId: 'rec_1' },
  'digitalKyc.forRecord': { recordId: 'rec_1' },
  'digitalKyc.push': { recordId: 'rec_1', aadhaar: '2345 6789 0124' },
  'digitalKyc.typeAadhaar': { id: 'rec_2', aadhaar: '234567890124' },
  'digitalKyc.close': { id: 'rec_2', reason: 'Checked with the vendor: not pushed.' },
  'bulkUpdate.candidates': {},
  'bulkUpdate.prepareFromRecords': { recordIds: ['rec_1', 'rec_2'] },
  'bulkUpdate.prepareFromFile': { fileName: 'update.csv', contentBase64: 'Y3VzdG9tZXJfcmVmZXJlbmNl' },
  'bulkUpdate.list': {},
  'bulkUpdate.detail': { id: 'rec_3' },
  'bulkUpdate.file': { id: 'rec_3' },
  'bulkUpdate.forRecord': { recordId: 'rec_1' },
  'bulkUpdate.send': {},
  'bulkUpdate.settings.get': {},
  'bulkUpdate.settings.save': { settings: { baseUrl: 'https://api.example.in', parentCompanyId: 'CEKA1B2C3D' } },
  'bulkUpdate.settings.test': {},
};

const accepts = (channel: ChannelName, request: unknown): boolean => CONTRACT[channel].request.safeParse(request).success;

describe('contract names', () => {
  it('CONTRACT has exactly one entry per channel name', () => {
    expect(Object.keys(CONTRACT).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('EVENTS has exactly one entry per event name', () => {
    expect(Object.keys(EVENTS).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it.each(CHANNEL_NAMES)('isChannelName accepts %s', (name) => {
    expect(isChannelName(name)).toBe(true);
  });

  it.each(EVENT_NAMES)('isEventName accepts %s', (name) => {
    expect(isEventName(name)).toBe(true);
  });

  it.each<[unknown]>([['records.delete'], ['APP.INFO'], [' app.info'], [''], ['record-saved'], ['__proto__'], ['toString'], [undefined], [null], [42], [{}], [['app.info']]])(
    'isChannelName refuses %j',
    (value) => {
      expect(isChannelName(value)).toBe(false);
    },
  );

  it.each<[unknown]>([['record-deleted'], ['Record-Saved'], [''], ['app.info'], ['constructor'], [undefined], [null], [1], [{}], [['record-saved']]])(
    'isEventName refuses %j',
    (value) => {
      expect(isEventName(value)).toBe(false);
    },
  );
});

describe('request schemas', () => {
  it.each(CHANNEL_NAMES)('%s accepts its valid request', (channel) => {
    expect(accepts(channel, VALID_REQUESTS[channel])).toBe(true);
  });

  it.each(CHANNEL_NAMES)('%s rejects an extra unknown property', (channel) => {
    expect(accepts(channel, { ...VALID_REQUESTS[channel], extra: 1 })).toBe(false);
  });

  it.each(CHANNEL_NAMES)('%s rejects a non-object', (channel) => {
    expect(accepts(channel, null)).toBe(false);
    expect(accepts(channel, 'request')).toBe(false);
  });

  describe('records.save', () => {
    const valid = () => completeKycRecord();

    it('takes a new record, or a change to a stored one named by its id', () => {
      expect(accepts('records.save', { record: valid() })).toBe(true);
      expect(accepts('records.save', { id: 'rec_1', record: valid() })).toBe(true);
      expect(accepts('records.save', { id: '../rec', record: valid() })).toBe(false);
    });

    it('refuses a record missing a field, or with a field of the wrong kind', () => {
      const { firstName: _dropped, ...missing } = valid();
      expect(accepts('records.save', { record: missing })).toBe(false);
      expect(accepts('records.save', { record: { ...valid(), permanentAddress: { ...valid().permanentAddress, pinCode: 560001 } } })).toBe(false);
      expect(accepts('records.save', { record: { ...valid(), firstName: 'a'.repeat(201) } })).toBe(false);
    });

    it('never lets a full Aadhaar number across, in the last-4 field or as a document number', () => {
      expect(accepts('records.save', { record: { ...valid(), aadhaarLast4: '234567890124' } })).toBe(false);
      const documents = [{ code: 'E', number: '2345 6789 0124' }];
      expect(accepts('records.save', { record: { ...valid(), identityDocuments: documents } })).toBe(false);
    });
  });

  it('documents.put says whether the image was masked', () => {
    expect(accepts('documents.put', { imageCode: '04', base64: '/9j/4AAQ' })).toBe(false);
    expect(accepts('documents.put', { imageCode: '04', base64: '/9j/4AAQ', masked: true })).toBe(true);
  });

  it('documents.put carries the masking boxes as numbers, and nothing else with them', () => {
    const box = { x: 10, y: 20, width: 300, height: 40 };
    expect(accepts('documents.put', { imageCode: '04', base64: '/9j/4AAQ', masked: true, boxes: [box] })).toBe(true);
    expect(accepts('documents.put', { imageCode: '04', base64: '/9j/4AAQ', masked: true, boxes: [{ ...box, x: '10' }] })).toBe(false);
    expect(accepts('documents.put', { imageCode: '04', base64: '/9j/4AAQ', masked: true, boxes: [{ ...box, colour: 'white' }] })).toBe(false);
    expect(accepts('documents.put', { imageCode: '04', base64: '/9j/4AAQ', masked: true, boxes: Array.from({ length: 101 }, () => box) })).toBe(false);
  });

  it('documents.put takes the in-person video up to its own 25 MB bound; an image keeps its 14 MB bound', () => {
    const base64 = (length: number) => 'A'.repeat(length);
    expect(accepts('documents.put', { imageCode: 'IPV', base64: base64(IN_PERSON_VIDEO_MAX_BASE64), masked: false })).toBe(true);
    expect(accepts('documents.put', { imageCode: 'IPV', base64: base64(IN_PERSON_VIDEO_MAX_BASE64 + 4), masked: false })).toBe(false);
    expect(accepts('documents.put', { imageCode: '09', base64: base64(14_000_000), masked: false })).toBe(true);
    expect(accepts('documents.put', { imageCode: '09', base64: base64(14_000_004), masked: false })).toBe(false);
    expect(IN_PERSON_VIDEO_MAX_BASE64).toBeGreaterThanOrEqual((25 * 1024 * 1024 * 4) / 3);
    for (const imageCode of ['ipv', 'IPVX', 'EXE', '9', '123']) expect(accepts('documents.put', { imageCode, base64: '/9j/4AAQ', masked: false })).toBe(false);
  });

  describe.each(['records.list', 'batches.list'] as const)('%s paging', (channel) => {
    it.each([
      [1, true],
      [200, true],
      [0, false],
      [201, false],
      [-1, false],
      [1.5, false],
    ])('pageSize %s → %s', (pageSize, ok) => {
      expect(accepts(channel, { page: 1, pageSize })).toBe(ok);
    });

    it.each([
      [1, true],
      [0, false],
      [1_000_001, false],
    ])('page %s → %s', (page, ok) => {
      expect(accepts(channel, { page, pageSize: 10 })).toBe(ok);
    });

    it('rejects a page given as a string', () => {
      expect(accepts(channel, { page: '1', pageSize: 10 })).toBe(false);
    });
  });

  it.each([
    ['draft', true],
    ['succeeded', true],
    ['archived', false],
  ])('records.list state filter %s → %s', (state, ok) => {
    expect(accepts('records.list', { page: 1, pageSize: 10, state })).toBe(ok);
  });

  describe('batches.get id', () => {
    it.each([['abc'], ['A-b_9'], ['x'.repeat(64)]])('accepts %j', (id) => {
      expect(accepts('batches.get', { id })).toBe(true);
    });

    it.each([['a/b'], ['..'], ['../etc'], ['a.b'], [''], ['x'.repeat(65)], ['a b'], ['a\\b'], ['a%2F']])('rejects %j', (id) => {
      expect(accepts('batches.get', { id })).toBe(false);
    });
  });
});

describe('event schemas', () => {
  it('accepts well-formed payloads', () => {
    expect(EVENTS['record-saved'].safeParse({ id: 'r1', state: 'draft' }).success).toBe(true);
    expect(EVENTS['batch-updated'].safeParse({ id: 'b1', state: 'polling' }).success).toBe(true);
    expect(EVENTS['sync-finished'].safeParse({ batchId: 'b1', state: 'succeeded', succeeded: 3, failed: 0 }).success).toBe(true);
  });

  it('rejects unknown states', () => {
    expect(EVENTS['record-saved'].safeParse({ id: 'r1', state: 'polling' }).success).toBe(false);
    expect(EVENTS['batch-updated'].safeParse({ id: 'b1', state: 'draft' }).success).toBe(false);
  });
});
