// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KycDeskApi } from '../../shared/contract';
import type { ChannelName } from '../../shared/contract/names';
import type { Result } from '../../shared/errors';
import { emptyKycRecord, type KycImage, type KycRecord } from '../../shared/record/kyc-record';
import { countErrorsByStep, validateKycRecord } from '../../shared/validation';
import { CaptureFlow } from '../../renderer/src/capture/CaptureFlow';
import { blankRecord } from '../../renderer/src/capture/record-paths';
import { useAppStore } from '../../renderer/src/state/app-store';
import axe from 'axe-core';

// The image components belong to another module; here they only hand back a stored image.
vi.mock('../../renderer/src/capture/images', () => {
  const hash = (n: number) => n.toString(16).padStart(2, '0').repeat(32);
  return {
    PhotoCapture: ({ onCaptured }: { onCaptured(image: KycImage): void }) => (
      <button type="button" onClick={() => onCaptured({ code: '02', documentHash: hash(0xa1), mime: 'image/jpeg', bytes: 40 * 1024, masked: false })}>
        Use the test photograph
      </button>
    ),
    DocumentAttach: ({ imageCode, label, onAttached }: { imageCode: string; label: string; onAttached(image: KycImage): void }) => (
      <button type="button" onClick={() => onAttached({ code: imageCode, documentHash: hash(0xb2), mime: 'image/jpeg', bytes: 480 * 1024, masked: imageCode === '04' })}>
        Attach a test {label}
      </button>
    ),
    StoredImage: ({ alt }: { alt: string }) => <img alt={alt} />,
    SignaturePad: ({ onSigned }: { onSigned(image: KycImage): void }) => (
      <button type="button" onClick={() => onSigned({ code: '09', documentHash: hash(0xc3), mime: 'image/jpeg', bytes: 12 * 1024, masked: false })}>
        Sign with the test pen
      </button>
    ),
  };
});

/** A complete, valid record as typed at the counter (spaces and lower case left in: the flow normalises). */
function completeKycRecord(): KycRecord {
  const hash = (n: number) => n.toString(16).padStart(2, '0').repeat(32);
  return {
    ...emptyKycRecord(),
    prefix: 'ms',
    firstName: ' Asha ',
    middleName: 'rani',
    lastName: 'Verma',
    fatherOrSpouse: { relation: '01', prefix: 'MR', firstName: 'Ravi', middleName: '', lastName: 'Verma' },
    mother: { prefix: 'MRS', firstName: 'Sunita', middleName: '', lastName: 'Sharma' },
    gender: 'f',
    maritalStatus: '01',
    dateOfBirth: '1990-04-15',
    residentialStatus: '01',
    occupation: 'S-02',
    pan: 'abcpv 1234 k',
    aadhaarLast4: '4321',
    identityDocuments: [
      { code: 'A', number: 'j8369854', expiry: '2035-06-30' },
      { code: 'E', number: '4321' },
    ],
    permanentAddress: { poaCode: '02', line1: '12,  MG Road', line2: '', line3: '', cityOrVtc: 'Bengaluru', district: 'Bengaluru Urban', state: 'KA', country: 'IN', pinCode: '560 001' },
    contact: { mobileIsd: '91', mobile: '98765 43210', email: 'asha.verma@example.com' },
    images: [
      { code: '02', documentHash: hash(1), mime: 'image/jpeg', bytes: 48_213, masked: false },
      { code: '04', documentHash: hash(2), mime: 'image/jpeg', bytes: 120_544, masked: true },
    ],
    declaration: { date: '2026-11-20', place: 'bengaluru' },
    verification: { date: '2026-11-21', kycMode: '01' },
  };
}

/** axe-core's serious and critical findings on the page (colour contrast needs a real layout: the e2e run checks it). */
async function seriousViolations(): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

type Handler = (request: unknown) => Result<unknown> | Promise<Result<unknown>>;

const REFERENCE = 'KD20261202AB12';

function fakeApi(overrides: Partial<Record<ChannelName, Handler>> = {}) {
  const calls: Array<{ channel: ChannelName; request: unknown }> = [];
  const handlers: Partial<Record<ChannelName, Handler>> = {
    'drafts.get': () => ({ ok: true, value: { draft: null, updatedAt: null } }),
    'drafts.save': () => ({ ok: true, value: { updatedAt: new Date().toISOString() } }),
    'drafts.discard': () => ({ ok: true, value: {} }),
    'pins.lookup': (request) =>
      (request as { pin: string }).pin === '560001'
        ? { ok: true, value: { found: true, state: 'KA', districts: ['BANGALORE'], source: 'test list', message: null } }
        : { ok: true, value: { found: false, state: null, districts: [], source: 'test list', message: 'This PIN is not in the PIN list.' } },
    'records.save': () => ({ ok: true, value: { id: 'rec-1', reference: REFERENCE, state: 'awaiting_approval' } }),
    ...overrides,
  };
  const api = {
    calls,
    callsTo: (channel: ChannelName) => calls.filter((call) => call.channel === channel).map((call) => call.request),
    invoke: vi.fn(async (channel: ChannelName, request: unknown) => {
      calls.push({ channel, request });
      const handler = handlers[channel];
      if (!handler) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no fake for ${channel}` } };
      return handler(request);
    }),
    on: vi.fn(() => () => undefined),
  };
  return api;
}

const OPERATOR = {
  id: 'op-1',
  name: 'Training Maker',
  employeeCode: 'TM001',
  designation: 'Officer',
  branch: 'Chennai Main',
  organisation: 'Example Bank',
  role: 'maker' as const,
  active: true,
};

function setUp(overrides: Partial<Record<ChannelName, Handler>> = {}, editing: { id: string; reference: string; record: KycRecord; registryErrors?: Record<string, string> } | null = null) {
  const api = fakeApi(overrides);
  useAppStore.setState({
    api: api as unknown as KycDeskApi,
    info: {
      mode: 'training',
      nextMode: 'training',
      notices: [],
      version: 'test',
      pollSeconds: 2,
      documentLimits: { photoBytes: 100 * 1024, documentBytes: 300 * 1024, recordBytes: 500 * 1024, hardMaxBytes: 10 * 1024 * 1024 },
    },
    session: { state: 'signed_in', operator: OPERATOR, lockReason: null, needsFirstAdmin: false, trainingOperators: [] },
    editing,
  });
  const user = userEvent.setup();
  const view = render(<CaptureFlow />);
  return { api, user, view };
}

const stepButton = (name: RegExp) => within(screen.getByRole('navigation', { name: 'Capture steps' })).getByRole('button', { name });
const currentStep = () => within(screen.getByRole('navigation', { name: 'Capture steps' })).getByRole('button', { current: 'step' });
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
/** Today as a date field shows it, DD/MM/YYYY. */
const todayAsShown = () => today().split('-').reverse().join('/');
/** The error paragraph an input's aria-describedby points at. */
function describedError(input: HTMLElement): string | null {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const error = ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('field__error'));
  return error?.textContent ?? null;
}

beforeEach(() => {
  window.__kycDeskEvents = [];
});

afterEach(() => {
  cleanup();
  useAppStore.setState({ api: null, info: null, session: null, editing: null });
});

describe('capture flow: the steps', () => {
  it('shows an empty field’s complaint only after the field was left, and a typing mistake at once', async () => {
    const { user } = setUp();
    const first = screen.getByLabelText('First name');
    expect(first.getAttribute('name')).toBe('firstName');
    await user.click(first);
    expect(screen.queryByText('First name: Fill this in.')).toBeNull();
    await user.tab(); // left empty
    const complaint = screen.getByText('First name: Fill this in.');
    expect(complaint.getAttribute('role')).toBe('alert');
    expect(first.getAttribute('aria-invalid')).toBe('true');
    expect(describedError(first)).toBe('First name: Fill this in.');

    // A field not yet visited stays quiet while empty …
    expect(screen.getByLabelText('Last name').getAttribute('aria-invalid')).toBe('false');
    // … but a wrong character is reported as it is typed, before leaving.
    await user.type(screen.getByLabelText('Last name'), 'Verma2');
    expect(describedError(screen.getByLabelText('Last name'))).toBe('Last name: Use letters and single spaces only: no digits, dots or other marks.');
    await user.type(first, 'Asha');
    expect(first.getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByText('First name: Fill this in.')).toBeNull();
  });

  it('counts each step’s problems in the step list once the step was moved past', async () => {
    const { user } = setUp();
    const blank = validateKycRecord(blankRecord(today()));
    expect(blank.ok).toBe(false);
    const expected = countErrorsByStep(blank.ok ? {} : blank.errors);
    expect(expected.personal).toBeGreaterThan(1);

    expect(stepButton(/^Personal/).getAttribute('aria-current')).toBe('step');
    expect(stepButton(/^Personal/).textContent).toBe('Personal'); // nothing counted before the operator got to it
    expect(stepButton(/^Personal/).getAttribute('aria-label')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(currentStep().textContent).toContain('Identity');
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Identity');
    expect(stepButton(new RegExp(`^Personal, ${expected.personal} problems$`))).toBeTruthy();
    expect(stepButton(/^Identity$/)).toBeTruthy(); // the current step is not counted until left

    // Fixing a problem on Personal lowers its count.
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await user.type(screen.getByLabelText('First name'), 'Asha');
    expect(stepButton(new RegExp(`^Personal, ${expected.personal - 1} problems$`))).toBeTruthy();
    await user.click(stepButton(/^Identity/));
    await user.click(stepButton(/^Addresses/));
    expect(stepButton(new RegExp(`^Identity, ${expected.identity} problems?$`))).toBeTruthy();
  });

  it('asks for a guardian for a minor, and takes one as a related person', async () => {
    const { user } = setUp({}, { id: 'rec-4', reference: 'KD20261120AA04', record: { ...completeKycRecord(), accountType: '05', dateOfBirth: '2015-06-01', identityDocuments: [{ code: 'A', number: 'J8369854' }] } });
    await user.click(stepButton(/^Review/));
    const guardian = screen.getByRole('button', { name: /^Related persons: A minor needs a guardian/ });
    await user.click(guardian);
    expect(currentStep().textContent).toContain('Personal');
    expect(document.activeElement?.getAttribute('data-path')).toBe('relatedPersons');
    await user.click(screen.getByRole('button', { name: 'Add a related person' }));
    await user.selectOptions(screen.getByLabelText('Related person 1 type'), '1');
    await user.type(screen.getByLabelText('Related person 1 name'), 'Ravi Verma');
    await user.type(screen.getByLabelText('Related person 1 relation'), 'Father');
    await user.selectOptions(screen.getByLabelText('Related person 1 identity document type'), 'C');
    await user.type(screen.getByLabelText('Related person 1 identity document number'), 'ABCPV5678K');
    await user.click(stepButton(/^Review/));
    expect(screen.getByRole('heading', { name: 'No problems: the record is ready to save.' })).toBeTruthy();
  });

  it('keeps the maiden name folded away until asked for', async () => {
    const { user } = setUp();
    expect(screen.queryByLabelText('Maiden first name')).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Add a maiden name' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    await user.type(screen.getByLabelText('Maiden first name'), 'Asha');
    expect(screen.getByLabelText('Maiden last name')).toBeTruthy();
  });

  it('moves on with Enter in a text field, without saving', async () => {
    const { user, api } = setUp();
    await user.type(screen.getByLabelText('First name'), 'Asha{Enter}');
    expect(currentStep().textContent).toContain('Identity');
    expect(api.callsTo('records.save')).toHaveLength(0);
  });

  it('keeps Aadhaar to its last 4 digits', async () => {
    const { user } = setUp();
    await user.click(stepButton(/^Identity/));
    const last4 = screen.getByLabelText('Last 4 digits of Aadhaar');
    expect(last4.getAttribute('maxlength')).toBe('4');
    expect(last4.getAttribute('inputmode')).toBe('numeric');
    await user.type(last4, '123456789012');
    expect((last4 as HTMLInputElement).value).toBe('1234');

    await user.click(screen.getByRole('button', { name: 'Add an identity document' }));
    const number = screen.getByLabelText('Identity document 1 number');
    await user.type(number, 'J1234567');
    await user.selectOptions(screen.getByLabelText('Identity document 1 type'), 'E');
    // Switching to an Aadhaar-based type drops the longer number typed before and takes 4 digits only.
    expect((screen.getByLabelText('Identity document 1 number') as HTMLInputElement).value).toBe('');
    expect(screen.getByLabelText('Identity document 1 number').getAttribute('maxlength')).toBe('4');
    await user.type(screen.getByLabelText('Identity document 1 number'), '987654');
    expect((screen.getByLabelText('Identity document 1 number') as HTMLInputElement).value).toBe('9876');
    expect(screen.getByText(/These 4 digits differ from the last 4 digits of Aadhaar/)).toBeTruthy();
  });

  it('fills state and district from the PIN, and hides the correspondence address while it is the same', async () => {
    const { user } = setUp();
    await user.click(stepButton(/^Addresses/));
    const permanent = screen.getByRole('group', { name: 'Permanent address' });
    await user.type(within(permanent).getByLabelText('PIN code'), '560001');
    await waitFor(() => expect(screen.getByTestId('pin-note').textContent).toContain('PIN 560001 is in Karnataka, district BANGALORE'));
    expect((within(permanent).getByLabelText('State') as HTMLSelectElement).value).toBe('KA');
    expect((within(permanent).getByLabelText('District') as HTMLInputElement).value).toBe('BANGALORE');

    const same = screen.getByLabelText('Same as permanent address') as HTMLInputElement;
    expect(same.checked).toBe(true);
    expect(screen.queryByLabelText('Correspondence address line 1')).toBeNull();
    await user.click(same);
    expect(screen.getByLabelText('Correspondence address line 1')).toBeTruthy();
    expect(screen.getByLabelText('Correspondence address type')).toBeTruthy();
  });

  it('warns, without blocking, about an unknown PIN', async () => {
    const { user, api } = setUp();
    await user.click(stepButton(/^Addresses/));
    await user.type(screen.getByLabelText('PIN code'), '110999');
    await waitFor(() => expect(screen.getByTestId('pin-note').textContent).toContain('PIN 110999: This PIN is not in the PIN list.'));
    expect(screen.getByLabelText('PIN code').getAttribute('aria-invalid')).toBe('false');
    // The operator may keep it, saying why; the reason goes with the record.
    await user.type(screen.getByLabelText('Why this PIN is right'), 'New PIN on the customer’s letter');
    await waitFor(() => expect(api.callsTo('drafts.save').at(-1)).toMatchObject({ record: { unlistedPinReason: 'New PIN on the customer’s letter' } }));
  });
});

describe('capture flow: review and save', () => {
  it('lists every remaining problem on Review; choosing one opens its step and focuses its field', async () => {
    const { user } = setUp();
    await user.click(stepButton(/^Review/));
    const blank = validateKycRecord(blankRecord(today()));
    const count = blank.ok ? 0 : Object.keys(blank.errors).length;
    expect(screen.getByRole('heading', { name: `${count} problems to fix before saving` })).toBeTruthy();
    expect(screen.getAllByTestId('problem-list').flatMap((list) => within(list).getAllByRole('button'))).toHaveLength(count);

    await user.click(screen.getByRole('button', { name: /^PAN: Enter the PAN, or tick Form 60/ }));
    expect(currentStep().textContent).toContain('Identity');
    expect(document.activeElement?.getAttribute('name')).toBe('pan');
    expect(describedError(screen.getByLabelText('PAN'))).toMatch(/^PAN: Enter the PAN/);

    await user.click(stepButton(/^Review/));
    await user.click(screen.getByRole('button', { name: /^Permanent address PIN code:/ }));
    expect(currentStep().textContent).toContain('Addresses');
    expect(document.activeElement).toBe(screen.getByLabelText('PIN code'));

    // A problem of a whole list focuses the list.
    await user.click(stepButton(/^Review/));
    await user.click(screen.getByRole('button', { name: /^Document images: Add the customer’s photograph/ }));
    expect(currentStep().textContent).toContain('Documents & photograph');
    expect(document.activeElement?.getAttribute('data-path')).toBe('images');
  });

  it('saves a record typed in from blank with the normalised record, and starts again', async () => {
    const { user, api } = setUp();
    // Personal
    await user.selectOptions(screen.getByLabelText('Prefix'), 'MS');
    await user.type(screen.getByLabelText('First name'), ' asha ');
    await user.type(screen.getByLabelText('Last name'), 'Verma');
    await user.type(screen.getByLabelText('Father’s or spouse’s first name'), 'Ravi');
    await user.selectOptions(screen.getByLabelText('Gender'), 'F');
    await user.type(screen.getByLabelText('Date of birth'), '15041990'); // typed day first, stored as 1990-04-15
    await user.selectOptions(screen.getByLabelText('Residential status'), '01');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    // Identity
    await user.type(screen.getByLabelText('PAN'), ' abcpv 1234 k ');
    await user.click(screen.getByRole('button', { name: 'Add an identity document' }));
    await user.selectOptions(screen.getByLabelText('Identity document 1 type'), 'A');
    await user.type(screen.getByLabelText('Identity document 1 number'), 'j8369854');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    // Addresses
    await user.type(screen.getByLabelText('Address line 1'), '12, MG Road');
    await user.type(screen.getByLabelText('City'), 'Bengaluru');
    await user.type(screen.getByLabelText('PIN code'), '560001');
    await waitFor(() => expect((screen.getByLabelText('State') as HTMLSelectElement).value).toBe('KA'));
    await user.selectOptions(screen.getByLabelText('Proof of address'), '02');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    // Contact
    expect((screen.getByLabelText('Mobile country code') as HTMLInputElement).value).toBe('91');
    await user.type(screen.getByLabelText('Mobile number'), '+91 98765 43210');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    // Documents & photograph
    await user.click(screen.getByRole('button', { name: 'Use the test photograph' }));
    expect(screen.getByText('Photograph')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    // Declaration: dated today already; the verifier is the operator, not typed.
    expect((screen.getByLabelText('Declaration date') as HTMLInputElement).value).toBe(todayAsShown());
    expect(screen.getByTestId('verified-by').textContent).toBe('Verified by Training Maker, Officer, Chennai Main');
    await user.type(screen.getByLabelText('Declaration place'), 'Bengaluru');
    await user.selectOptions(screen.getByLabelText('KYC verification mode'), '01');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    // Review
    expect(screen.getByRole('heading', { name: 'No problems: the record is ready to save.' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save record' }));

    await waitFor(() => expect(screen.getByTestId('save-outcome').textContent).toBe(`Saved as ${REFERENCE}. It now waits for a checker’s approval.`));
    const [request] = api.callsTo('records.save') as Array<{ id?: string; record: KycRecord }>;
    expect(request!.id).toBeUndefined();
    expect(request!.record).toMatchObject({
      prefix: 'MS',
      firstName: 'ASHA',
      lastName: 'VERMA',
      gender: 'F',
      dateOfBirth: '1990-04-15',
      pan: 'ABCPV1234K',
      identityDocuments: [{ code: 'A', number: 'J8369854' }],
      permanentAddress: { line1: '12, MG ROAD', cityOrVtc: 'BENGALURU', district: 'BANGALORE', state: 'KA', pinCode: '560001', poaCode: '02', country: 'IN' },
      contact: { mobileIsd: '91', mobile: '9876543210', email: '' },
      declaration: { date: today(), place: 'BENGALURU' },
      verification: { date: today(), kycMode: '01' },
    });
    expect(request!.record.images).toHaveLength(1);
    expect(window.__kycDeskEvents).toContain('record-saved');
    // Back to a blank record on the first step.
    expect(currentStep().textContent).toContain('Personal');
    expect((screen.getByLabelText('First name') as HTMLInputElement).value).toBe('');
  });

  it('sends nothing while problems remain, and says how many', async () => {
    const { user, api } = setUp();
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    expect(api.callsTo('records.save')).toHaveLength(0);
    expect(currentStep().textContent).toContain('Review');
    expect(screen.getByTestId('save-outcome').textContent).toMatch(/^\d+ problems need attention before saving\.$/);
  });

  it('shows the server’s field problems next to their field and in the review list', async () => {
    const message = 'Permanent address PIN code: The registry’s PIN list does not have this PIN.';
    const { user, api } = setUp(
      { 'records.save': () => ({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'The record was not saved.', fields: { 'permanentAddress.pinCode': message } } }) },
      { id: 'rec-9', reference: 'KD20261120ZZ09', record: completeKycRecord() },
    );
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    await waitFor(() => expect(screen.getByTestId('save-outcome').textContent).toBe('The record was not saved.'));
    expect(api.callsTo('records.save')).toHaveLength(1);
    expect(currentStep().textContent).toContain('Review');
    await user.click(screen.getByRole('button', { name: /^Permanent address PIN code: The registry’s PIN list/ }));
    expect(currentStep().textContent).toContain('Addresses');
    const pin = screen.getByLabelText('PIN code');
    expect(document.activeElement).toBe(pin);
    expect(pin.getAttribute('aria-invalid')).toBe('true');
    expect(describedError(pin)).toBe(message);
    // Changing the field clears the server's complaint.
    await user.clear(pin);
    await user.type(pin, '560001');
    expect(describedError(pin)).toBeNull();
  });
});

describe('capture flow: editing and drafts', () => {
  it('starts from the record being changed and sends its id with the save', async () => {
    const record = completeKycRecord();
    expect(validateKycRecord(record).ok).toBe(true);
    const { user, api } = setUp({}, { id: 'rec-7', reference: 'KD20261120AA07', record });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Changing KD20261120AA07');
    expect((screen.getByLabelText('First name') as HTMLInputElement).value).toBe(' Asha ');
    await user.click(stepButton(/^Contact/));
    const mobile = screen.getByLabelText('Mobile number');
    await user.clear(mobile);
    await user.type(mobile, '91234 56789');
    await user.click(stepButton(/^Review/));
    expect(screen.getByText(/sends it back for a checker’s approval — also when it was approved and not yet sent/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    await waitFor(() => expect(api.callsTo('records.save')).toHaveLength(1));
    const [request] = api.callsTo('records.save') as Array<{ id?: string; record: KycRecord }>;
    expect(request!.id).toBe('rec-7');
    expect(request!.record.contact.mobile).toBe('9123456789');
    await waitFor(() => expect(useAppStore.getState().editing).toBeNull());
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('New individual');
  });

  it('opens a record the registry refused with the registry’s words beside the field, until the field is changed', async () => {
    const record = completeKycRecord();
    const refusal = 'PAN does not match the name held by the Income Tax department.';
    const { user } = setUp({}, { id: 'rec-8', reference: 'KD20261120AA08', record, registryErrors: { pan: refusal } });
    await user.click(stepButton(/^Identity/));
    expect(screen.getByText(refusal)).toBeTruthy();
    expect(stepButton(/^Identity/).textContent).toMatch(/1 problem/);
    const pan = screen.getByLabelText('PAN');
    await user.clear(pan);
    await user.type(pan, 'ABCPV1234K');
    expect(screen.queryByText(refusal)).toBeNull();
  });

  it('sends no draft while the record is being saved, so a saved record never comes back as a draft', async () => {
    let answer!: () => void;
    const { user, api } = setUp(
      { 'records.save': () => new Promise((resolve) => (answer = () => resolve({ ok: true, value: { id: 'rec-9', reference: 'KD20261120AA09', state: 'awaiting_approval' } }))) },
      { id: 'rec-9', reference: 'KD20261120AA09', record: completeKycRecord() },
    );
    await user.click(stepButton(/^Contact/));
    const mobile = screen.getByLabelText('Mobile number');
    await user.clear(mobile);
    await user.type(mobile, '91234 56789');
    // Saved within the draft's 300 ms: its pending save must not go out after the record's.
    await user.click(stepButton(/^Review/));
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    await waitFor(() => expect(api.callsTo('records.save')).toHaveLength(1));
    const draftsBefore = api.callsTo('drafts.save').length;
    await new Promise((resolve) => setTimeout(resolve, 450));
    answer();
    await waitFor(() => expect(useAppStore.getState().editing).toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(api.callsTo('drafts.save')).toHaveLength(draftsBefore);
  });

  it('keeps the draft again, with the latest changes, when the save is refused', async () => {
    const { user, api } = setUp(
      { 'records.save': () => ({ ok: false, error: { code: 'STORAGE_FULL', message: 'The disk is full, so this was not saved.' } }) },
      { id: 'rec-9', reference: 'KD20261120AA09', record: completeKycRecord() },
    );
    await user.click(stepButton(/^Contact/));
    const mobile = screen.getByLabelText('Mobile number');
    await user.clear(mobile);
    await user.type(mobile, '91234 56789');
    await user.click(stepButton(/^Review/));
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    expect(await screen.findByText('The disk is full, so this was not saved.')).toBeTruthy();
    await waitFor(() => expect((api.callsTo('drafts.save') as Array<{ record: KycRecord }>).some((saved) => saved.record.contact.mobile.replace(/\D/g, '').endsWith('9123456789'))).toBe(true), { timeout: 2000 });
  });

  it('cancels changes back to a blank record', async () => {
    const { user, api } = setUp({}, { id: 'rec-7', reference: 'KD20261120AA07', record: completeKycRecord() });
    await user.click(screen.getByRole('button', { name: 'Cancel changes' }));
    expect(useAppStore.getState().editing).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('New individual');
    expect((screen.getByLabelText('First name') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(api.callsTo('drafts.discard')).toHaveLength(1));
  });

  it('offers an earlier draft back, and saves the work as a draft a moment after each change', async () => {
    const draftRecord = { ...emptyKycRecord(), firstName: 'Meera' };
    const { user, api } = setUp({
      'drafts.get': () => ({ ok: true, value: { draft: { record: draftRecord, editing: null }, updatedAt: '2026-12-01T09:30:00.000Z' } }),
    });
    await waitFor(() => expect(window.__kycDeskEvents).toContain('draft-checked'));
    expect(screen.getByText(/that was not saved/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Continue it' }));
    expect((screen.getByLabelText('First name') as HTMLInputElement).value).toBe('Meera');
    expect(screen.queryByRole('button', { name: 'Continue it' })).toBeNull();

    await user.type(screen.getByLabelText('Last name'), 'Iyer');
    await waitFor(() => expect(screen.getByTestId('draft-saved')).toBeTruthy(), { timeout: 2000 });
    expect(window.__kycDeskEvents).toContain('draft-saved');
    const saves = api.callsTo('drafts.save') as Array<{ record: KycRecord; editing: string | null }>;
    // Debounced: one save for the whole word, not one per key.
    expect(saves).toHaveLength(1);
    expect(saves[0]!.editing).toBeNull();
    expect(saves[0]!.record).toMatchObject({ firstName: 'Meera', lastName: 'Iyer' });
  });

  it('continues a draft that was changing a stored record as that edit', async () => {
    const record = { ...completeKycRecord(), firstName: 'Meena' };
    const { user, api } = setUp({
      'drafts.get': () => ({ ok: true, value: { draft: { record, editing: 'rec-5' }, updatedAt: '2026-12-01T09:30:00.000Z' } }),
      'records.get': () => ({ ok: true, value: { summary: { id: 'rec-5', reference: 'KD20261120AA05' }, record: completeKycRecord(), capturedBy: null, approvedBy: null } }),
    });
    await user.click(await screen.findByRole('button', { name: 'Continue it' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Changing KD20261120AA05'));
    expect((screen.getByLabelText('First name') as HTMLInputElement).value).toBe('Meena'); // the draft's, not the stored one
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    await waitFor(() => expect(api.callsTo('records.save')).toHaveLength(1));
    expect(api.callsTo('records.save')[0]).toMatchObject({ id: 'rec-5', record: { firstName: 'MEENA' } });
  });

  it('does not offer a draft that holds nothing typed', async () => {
    setUp({ 'drafts.get': () => ({ ok: true, value: { draft: { record: emptyKycRecord(), editing: null }, updatedAt: '2026-12-01T09:30:00.000Z' } }) });
    await waitFor(() => expect(window.__kycDeskEvents).toContain('draft-checked'));
    expect(screen.queryByRole('button', { name: 'Continue it' })).toBeNull();
  });

  it('Start afresh drops the offered draft', async () => {
    const { user, api } = setUp({
      'drafts.get': () => ({ ok: true, value: { draft: { record: { ...emptyKycRecord(), lastName: 'Rao' }, editing: null }, updatedAt: '2026-12-01T09:30:00.000Z' } }),
    });
    await user.click(await screen.findByRole('button', { name: 'Start afresh' }));
    await waitFor(() => expect(api.callsTo('drafts.discard')).toHaveLength(1));
    expect((screen.getByLabelText('Last name') as HTMLInputElement).value).toBe('');
  });
});

describe('capture flow: dates typed DD/MM/YYYY', () => {
  const lastDraft = (api: ReturnType<typeof fakeApi>) => (api.callsTo('drafts.save') as Array<{ record: KycRecord }>).at(-1)?.record;

  it.each(['15/04/1990', '15-04-1990', '15.04.1990', '15041990'])('takes %j as the date of birth: shown 15/04/1990 once left, kept as 1990-04-15', async (typed) => {
    const { user, api } = setUp();
    const field = screen.getByLabelText('Date of birth') as HTMLInputElement;
    expect(field.type).toBe('text'); // never the browser's date input, which follows the OS locale
    expect(field.getAttribute('inputmode')).toBe('numeric');
    expect(field.placeholder).toBe('DD/MM/YYYY');
    await user.type(field, typed);
    expect(field.value).toBe(typed); // not rewritten while being typed
    await user.tab();
    expect(field.value).toBe('15/04/1990');
    expect(document.activeElement?.getAttribute('name')).toBe('citizenship'); // the keyboard moves on as before
    expect(describedError(field)).toBeNull();
    await waitFor(() => expect(lastDraft(api)?.dateOfBirth).toBe('1990-04-15'), { timeout: 2000 });
  });

  it('refuses an impossible date beside the field, keeps it as typed, and saves nothing', async () => {
    const { user, api } = setUp({}, { id: 'rec-8', reference: 'KD20261120AA08', record: completeKycRecord() });
    const field = screen.getByLabelText('Date of birth') as HTMLInputElement;
    expect(field.value).toBe('15/04/1990'); // the stored ISO date, shown day first
    await user.clear(field);
    await user.type(field, '31/02/1990');
    // A whole date was typed: its complaint shows at once.
    expect(describedError(field)).toBe('Date of birth: This is not a real date: February 1990 has 28 days.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    await user.tab();
    expect(field.value).toBe('31/02/1990');
    await waitFor(() => expect(lastDraft(api)?.dateOfBirth).toBe('31/02/1990'), { timeout: 2000 });
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    expect(api.callsTo('records.save')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Date of birth: This is not a real date: February 1990 has 28 days.' })).toBeTruthy();
  });

  it('holds the complaint while a date is being typed, and asks for the year in full once the field is left', async () => {
    const { user } = setUp();
    const field = screen.getByLabelText('Date of birth');
    await user.type(field, '15/04/90');
    expect(describedError(field)).toBeNull();
    expect(field.getAttribute('aria-invalid')).toBe('false');
    await user.tab();
    expect(describedError(field)).toBe('Date of birth: Write the year in full (four digits, such as 1990, not 90). Write it as DD/MM/YYYY, for example 15/04/1990.');
  });

  it('types an expiry date and the declaration dates the same way', async () => {
    const { user, api } = setUp({}, { id: 'rec-6', reference: 'KD20261120AA06', record: completeKycRecord() });
    await user.click(stepButton(/^Identity/));
    const expiry = screen.getByLabelText('Identity document 1 expiry date') as HTMLInputElement;
    expect(expiry.value).toBe('30/06/2035');
    await user.clear(expiry);
    await user.type(expiry, '01.07.2036');
    await user.tab();
    expect(expiry.value).toBe('01/07/2036');
    await user.click(stepButton(/^Declaration/));
    const declared = screen.getByLabelText('Declaration date') as HTMLInputElement;
    expect(declared.value).toBe('20/11/2026');
    await user.clear(declared);
    await user.type(declared, '21112026');
    await user.tab();
    expect(declared.value).toBe('21/11/2026');
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    await waitFor(() => expect(api.callsTo('records.save')).toHaveLength(1));
    const { record } = api.callsTo('records.save')[0] as { record: KycRecord };
    expect(record.identityDocuments[0]!.expiry).toBe('2036-07-01');
    expect(record).toMatchObject({ dateOfBirth: '1990-04-15', declaration: { date: '2026-11-21' }, verification: { date: '2026-11-21' } });
  });

  it('shows a continued draft’s dates day first', async () => {
    const { user } = setUp({
      'drafts.get': () => ({ ok: true, value: { draft: { record: { ...emptyKycRecord(), firstName: 'Meera', dateOfBirth: '1985-12-03' }, editing: null }, updatedAt: '2026-12-01T09:30:00.000Z' } }),
    });
    const field = screen.getByLabelText('Date of birth') as HTMLInputElement;
    await user.click(await screen.findByRole('button', { name: 'Continue it' }));
    expect(field.value).toBe('03/12/1985');
  });
});

describe('capture flow: documents', () => {
  it('lists attached images with size and masking, totals them against the record limit, and removes them', async () => {
    const { user } = setUp();
    await user.click(stepButton(/^Documents/));
    await user.click(screen.getByRole('button', { name: 'Use the test photograph' }));
    expect(screen.getByTestId('images-total').textContent).toContain('40 KB of 500 KB allowed');
    await user.selectOptions(screen.getByLabelText('Document image type'), '04');
    await user.click(screen.getByRole('button', { name: /^Attach a test Aadhaar/ }));
    const list = screen.getByTestId('image-list');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getByText('masked')).toBeTruthy();
    expect(within(list).getByText(/480 KB/)).toBeTruthy();
    const total = screen.getByTestId('images-total');
    expect(total.textContent).toContain('520 KB of 500 KB allowed');
    expect(total.getAttribute('role')).toBe('alert');
    await user.click(screen.getByRole('button', { name: /^Remove aadhaar/ }));
    expect(within(screen.getByTestId('image-list')).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByTestId('images-total').getAttribute('role')).toBeNull();
  });
});

describe('capture flow: signature and in-person video', () => {
  it('a signature drawn on the pad replaces a scanned one: one signature, image code 09', async () => {
    const { user } = setUp();
    await user.click(stepButton(/^Documents/));
    await user.click(screen.getByRole('button', { name: 'Attach a test Or attach a scanned signature' }));
    await user.click(screen.getByRole('button', { name: 'Sign with the test pen' }));
    const list = screen.getByTestId('image-list');
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(within(list).getByText('Signature')).toBeTruthy();
    expect(screen.getByText(/The signature is attached \(12 KB\)/)).toBeTruthy();
  });

  it('without a camera the recorder says so and the record is saved all the same', async () => {
    const { user, api } = setUp({}, { id: 'rec-5', reference: 'KD20261120AA05', record: completeKycRecord() });
    await user.click(stepButton(/^Documents/));
    expect(screen.getByText('No video yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start camera' }));
    const alert = await screen.findByText(/^No camera was found\./);
    expect(alert.textContent).toContain('Everything else in the record can be captured and saved without the video.');
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    await waitFor(() => expect(api.callsTo('records.save')).toHaveLength(1));
    expect((api.callsTo('records.save')[0] as { record: KycRecord }).record.inPersonVideo).toBeUndefined();
  });

  it('a record’s video is shown with its size, goes with the record when saved, and can be removed', async () => {
    const hash = 'd4'.repeat(32);
    const inPersonVideo = { code: 'IPV', documentHash: hash, mime: 'video/webm', bytes: 3_250_000, masked: false };
    const { user, api } = setUp(
      { 'documents.get': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'This document is no longer on this PC.' } }) },
      { id: 'rec-6', reference: 'KD20261120AA06', record: { ...completeKycRecord(), inPersonVideo } },
    );
    await user.click(stepButton(/^Documents/));
    const field = screen.getByTestId('in-person-video');
    expect(field.textContent).toContain('The video is attached (3.1 MB)');
    // Fetched from the store to play; a document gone from the PC is said so, not a broken player.
    expect(await within(field).findByText('In-person verification video: This document is no longer on this PC.')).toBeTruthy();
    expect(api.callsTo('documents.get')).toEqual([{ hash }]);
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    await waitFor(() => expect(api.callsTo('records.save')).toHaveLength(1));
    expect((api.callsTo('records.save')[0] as { record: KycRecord }).record.inPersonVideo).toEqual(inPersonVideo);
  });

  it('a removed video is no longer on the record saved', async () => {
    const inPersonVideo = { code: 'IPV', documentHash: 'e5'.repeat(32), mime: 'video/webm', bytes: 900_000, masked: false };
    const { user, api } = setUp({}, { id: 'rec-7', reference: 'KD20261120AA07', record: { ...completeKycRecord(), inPersonVideo } });
    await user.click(stepButton(/^Documents/));
    await user.click(screen.getByRole('button', { name: 'Remove the video' }));
    expect(screen.getByText('No video yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    await waitFor(() => expect(api.callsTo('records.save')).toHaveLength(1));
    expect((api.callsTo('records.save')[0] as { record: KycRecord }).record).not.toHaveProperty('inPersonVideo');
  });
});

describe('capture flow: accessibility', () => {
  it('has no serious or critical axe findings on any step, with problems shown', async () => {
    const { user } = setUp({}, { id: 'rec-3', reference: 'KD20261120AA03', record: { ...completeKycRecord(), firstName: '', relatedPersons: [{ type: '', prefix: '', name: '', relation: '', identity: { code: '', number: '' } }] } });
    await user.click(screen.getByRole('button', { name: 'Save record' })); // every step's problems on show
    for (const name of [/^Personal/, /^Identity/, /^Addresses/, /^Contact/, /^Documents/, /^Declaration/, /^Review/]) {
      await user.click(stepButton(name));
      if (name.source === '^Addresses') await user.click(screen.getByLabelText('Same as permanent address'));
      if (name.source === '^Declaration') await user.click(screen.getByLabelText('Tax resident outside India'));
      if (['^Personal', '^Addresses', '^Declaration'].includes(name.source)) expect(screen.getAllByRole('alert').length, `problems on ${name.source}`).toBeGreaterThan(0);
      expect(await seriousViolations(), `step ${name.source}`).toEqual([]);
    }
  });
});
