import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';
import { saveRequestOverContract } from '../support/stored-samples';
import { startTestKeyring, type TestKeyring } from '../support/keyring';

/**
 * The Electron runtime cannot be installed here, so this loads the built dist/electron/main.cjs
 * against a recording stand-in for the `electron` module and checks what main.ts actually wires:
 * window preferences, protocol, permission handlers, navigation guards, the IPC handlers, the
 * locale, the single-instance lock, the system-browser allow-list and the lock on sleep.
 */
const repoRoot = path.resolve(import.meta.dirname, '../..');
const mainFile = path.join(repoRoot, 'dist/electron/main.cjs');

type Handler = (...args: any[]) => any;
const recorded = {
  schemes: [] as any[],
  windows: [] as any[],
  ipc: new Map<string, Handler>(),
  appEvents: new Map<string, Handler>(),
  protocolHandler: undefined as Handler | undefined,
  permissionRequest: undefined as Handler | undefined,
  permissionCheck: undefined as Handler | undefined,
  deviceHandler: undefined as Handler | undefined,
  sent: [] as any[],
  power: new Map<string, Handler>(),
  /** Every call into the fake, in order: what happened before the app was ready, and what never happened. */
  calls: [] as string[],
  switches: [] as Array<[string, string | undefined]>,
  openedExternally: [] as string[],
};
let temp: ReturnType<typeof makeTempDir>;
let resolveReady: () => void;

function fakeElectron(options: { hasInstanceLock: boolean } = { hasInstanceLock: true }) {
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const call = (name: string) => recorded.calls.push(name);
  class BrowserWindow {
    webContents = { send: (...args: any[]) => recorded.sent.push(args), getURL: () => 'app://kyc-desk/index.html' };
    minimized = false;
    constructor(readonly options: any) {
      call('new BrowserWindow');
      recorded.windows.push(this);
    }
    once() {}
    loadURL(url: string) {
      (this as any).loaded = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      call('window.restore');
      this.minimized = false;
    }
    focus() {
      call('window.focus');
    }
    show() {}
  }
  return {
    app: {
      commandLine: {
        appendSwitch: (name: string, value?: string) => {
          call(`appendSwitch ${name}`);
          recorded.switches.push([name, value]);
        },
        appendArgument: (value: string) => call(`appendArgument ${value}`),
      },
      requestSingleInstanceLock: () => {
        call('requestSingleInstanceLock');
        return options.hasInstanceLock;
      },
      quit: () => call('quit'),
      exit: () => call('exit'),
      whenReady: () => {
        call('whenReady');
        return ready;
      },
      on: (event: string, handler: Handler) => {
        call(`on ${event}`);
        recorded.appEvents.set(event, handler);
      },
      getPath: () => temp.dir,
      getVersion: () => '0.0.0-test',
      isPackaged: true,
    },
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, body: string) => recorded.sent.push(['error-box', title, body]),
      showMessageBox: (box: { message: string; detail: string }) => {
        call('showMessageBox');
        recorded.sent.push(['message-box', box.message, box.detail]);
        return Promise.resolve({ response: 0 });
      },
    },
    ipcMain: { handle: (channel: string, handler: Handler) => recorded.ipc.set(channel, handler) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: any[]) => recorded.schemes.push(...schemes),
      handle: (_scheme: string, handler: Handler) => (recorded.protocolHandler = handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler) => (recorded.permissionRequest = h),
        setPermissionCheckHandler: (h: Handler) => (recorded.permissionCheck = h),
        setDevicePermissionHandler: (h: Handler) => (recorded.deviceHandler = h),
      },
    },
    shell: {
      openExternal: (url: string) => {
        recorded.openedExternally.push(url);
        return Promise.resolve();
      },
    },
    powerMonitor: { on: (event: string, handler: Handler) => recorded.power.set(event, handler) },
  };
}

let keyring: TestKeyring;

/** Runs the built main.cjs afresh (not from the module cache) with `electron` resolving to the fake. */
function loadMain(electron: ReturnType<typeof fakeElectron>): void {
  const load = Module.createRequire(mainFile);
  delete load.cache[mainFile];
  const originalLoad = (Module as any)._load;
  (Module as any)._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? electron : originalLoad.call(this, request, ...rest);
  };
  try {
    load(mainFile);
  } finally {
    (Module as any)._load = originalLoad;
  }
}

beforeAll(async () => {
  keyring = await startTestKeyring();
  if (!fs.existsSync(mainFile)) throw new Error('dist/electron/main.cjs is missing: run `npm run build` first (npm test does).');
  temp = makeTempDir();
  process.env.KYC_DESK_DATA_DIR = temp.dir;
  loadMain(fakeElectron());
  resolveReady();
  await waitFor('the window to be created', () => recorded.windows.length === 1);
});

afterAll(async () => {
  const willQuit = recorded.appEvents.get('will-quit');
  let closed = false;
  willQuit?.({ preventDefault: () => undefined });
  // will-quit closes the services and then quits; wait for the lock file to go.
  await waitFor('services to close', () => (closed = !fs.existsSync(path.join(temp.dir, 'training', 'kyc-desk.lock'))) && closed, 10_000);
  delete process.env.KYC_DESK_DATA_DIR;
  await keyring.stop();
  temp.remove();
});

describe('Electron main process wiring', () => {
  it('creates the window with every isolation setting on', () => {
    const prefs = recorded.windows[0].options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: false });
    expect(prefs.webSecurity).toBeUndefined(); // untouched: the default, on
    expect(prefs.preload).toBe(path.join(repoRoot, 'dist/electron/preload.cjs'));
    expect(recorded.windows[0].loaded).toBe('app://kyc-desk/index.html');
  });

  it('serves the renderer from a secure standard scheme with the CSP, and nothing outside it', async () => {
    expect(recorded.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    const index: Response = await recorded.protocolHandler!({ url: 'app://kyc-desk/index.html' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect((await recorded.protocolHandler!({ url: 'app://kyc-desk/..%2f..%2fpackage.json' })).status).toBe(404);
    expect((await recorded.protocolHandler!({ url: 'app://other/index.html' })).status).toBe(404);
  });

  it('grants the camera to the app alone and denies every other permission and device', () => {
    const ask = (permission: string, details: any) => {
      let granted: boolean | undefined;
      recorded.permissionRequest!({ getURL: () => details.requestingUrl }, permission, (g: boolean) => (granted = g), details);
      return granted;
    };
    expect(ask('media', { requestingUrl: 'app://kyc-desk/index.html', mediaTypes: ['video'] })).toBe(true);
    expect(ask('media', { requestingUrl: 'app://kyc-desk/index.html', mediaTypes: ['audio'] })).toBe(false);
    expect(ask('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] })).toBe(false);
    expect(ask('notifications', { requestingUrl: 'app://kyc-desk/index.html' })).toBe(false);
    expect(ask('geolocation', { requestingUrl: 'app://kyc-desk/index.html' })).toBe(false);
    expect(recorded.permissionCheck!(null, 'clipboard-read', 'app://kyc-desk', {})).toBe(false);
    expect(recorded.deviceHandler!({})).toBe(false);
  });

  it('blocks navigation away from the app and denies new windows', () => {
    const listeners = new Map<string, Handler>();
    let openHandler: Handler | undefined;
    const contents = { on: (event: string, h: Handler) => listeners.set(event, h), setWindowOpenHandler: (h: Handler) => (openHandler = h) };
    recorded.appEvents.get('web-contents-created')!({}, contents);
    const navigate = (url: string) => {
      let prevented = false;
      listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://kyc-desk/index.html')).toBe(false);
    expect(openHandler!({ url: 'https://help.example/' })).toEqual({ action: 'deny' });
    let redirectPrevented = false;
    listeners.get('will-redirect')!({ preventDefault: () => (redirectPrevented = true) }, 'https://evil.example/');
    expect(redirectPrevented).toBe(true);
    let webviewPrevented = false;
    listeners.get('will-attach-webview')!({ preventDefault: () => (webviewPrevented = true) });
    expect(webviewPrevented).toBe(true);
  });

  it('registers exactly the contract’s channels, each refusing frames from other origins', async () => {
    const { CHANNEL_NAMES } = await import('../../shared/contract/names');
    expect([...recorded.ipc.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    const fromApp = { senderFrame: { url: 'app://kyc-desk/index.html' } };
    const fromElsewhere = { senderFrame: { url: 'https://evil.example/' } };
    expect(await recorded.ipc.get('app.info')!(fromApp, {})).toMatchObject({ ok: true, value: { mode: 'training', version: '0.0.0-test' } });
    expect(await recorded.ipc.get('app.info')!(fromElsewhere, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(await recorded.ipc.get('app.info')!({ senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    const { value: state } = await recorded.ipc.get('session.state')!(fromApp, {});
    const maker = state.trainingOperators.find((operator: { role: string }) => operator.role === 'maker');
    await recorded.ipc.get('session.switchTraining')!(fromApp, { operatorId: maker.id });
    const overIpc = (channel: string, payload: unknown) => recorded.ipc.get(channel)!(fromApp, payload);
    const saved = await recorded.ipc.get('records.save')!(fromApp, await saveRequestOverContract(overIpc, 41));
    expect(saved).toMatchObject({ ok: true, value: { state: 'awaiting_approval' } });
    // Events reach the window on the single event channel.
    expect(recorded.sent).toContainEqual(['kyc-desk:event', { name: 'record-saved', payload: { id: saved.value.id, state: 'awaiting_approval' } }]);
  });

  it('locks the session when the computer sleeps or its screen is locked', async () => {
    const fromApp = { senderFrame: { url: 'app://kyc-desk/index.html' } };
    const { value: state } = await recorded.ipc.get('session.state')!(fromApp, {});
    const checker = state.trainingOperators.find((operator: { role: string }) => operator.role === 'checker');
    for (const event of ['suspend', 'lock-screen']) {
      await recorded.ipc.get('session.switchTraining')!(fromApp, { operatorId: checker.id });
      recorded.power.get(event)!();
      const after = await recorded.ipc.get('session.state')!(fromApp, {});
      expect(after.value).toMatchObject({ state: 'locked', lockReason: 'system' });
      expect(await recorded.ipc.get('records.list')!(fromApp, { page: 1, pageSize: 10 })).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    }
  });

  it('sets the locale to en-IN before the app is ready, whatever the OS says', () => {
    expect(recorded.switches).toContainEqual(['lang', 'en-IN']);
    expect(recorded.calls.indexOf('appendSwitch lang')).toBeGreaterThanOrEqual(0);
    expect(recorded.calls.indexOf('appendSwitch lang')).toBeLessThan(recorded.calls.indexOf('whenReady'));
    // No other Chromium switch is slipped in (each would be a security decision of its own).
    expect(recorded.switches).toEqual([['lang', 'en-IN']]);
    expect(recorded.calls.filter((name) => name.startsWith('appendArgument'))).toEqual([]);
  });

  it('hands the system browser nothing the help allow-list does not hold (empty today)', () => {
    let openHandler: Handler | undefined;
    const contents = { on: () => undefined, setWindowOpenHandler: (h: Handler) => (openHandler = h) };
    recorded.appEvents.get('web-contents-created')!({}, contents);
    for (const url of ['https://evil.example/', 'https://help.example/guide', 'http://example.com/', 'file:///etc/passwd', 'smb://server/share']) {
      expect(openHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    expect(recorded.openedExternally).toEqual([]);
  });

  it('brings the running window forward when KYC Desk is started a second time', () => {
    const window = recorded.windows[0];
    window.minimized = true;
    const before = recorded.calls.length;
    recorded.appEvents.get('second-instance')!({}, ['kyc-desk'], temp.dir);
    expect(recorded.calls.slice(before)).toEqual(['window.restore', 'window.focus']);
  });

  it('a second instance without the lock quits before it opens a window or touches the data folder', () => {
    // Reset what the recorders hold; the first instance's handlers are kept aside and put back.
    const firstEvents = new Map(recorded.appEvents);
    const firstWindows = recorded.windows.splice(0);
    const firstIpc = new Map(recorded.ipc);
    recorded.appEvents.clear();
    recorded.ipc.clear();
    recorded.calls.length = 0;
    try {
      loadMain(fakeElectron({ hasInstanceLock: false }));
      resolveReady();
      expect(recorded.calls).toContain('requestSingleInstanceLock');
      expect(recorded.calls).toContain('quit');
      expect(recorded.calls).not.toContain('whenReady');
      expect(recorded.calls.filter((name) => name.startsWith('on '))).toEqual([]);
      expect(recorded.windows).toEqual([]);
      expect(recorded.ipc.size).toBe(0);
    } finally {
      recorded.windows.push(...firstWindows);
      for (const [name, handler] of firstEvents) recorded.appEvents.set(name, handler);
      for (const [name, handler] of firstIpc) recorded.ipc.set(name, handler);
    }
  });

  it('--live-setup-code shows a new one-time code once, in a message box, keeps only its hash, and starts nothing else', async () => {
    const firstEvents = new Map(recorded.appEvents);
    const firstWindows = recorded.windows.splice(0);
    recorded.appEvents.clear();
    recorded.calls.length = 0;
    process.argv.push('--live-setup-code');
    try {
      loadMain(fakeElectron());
      resolveReady();
      await waitFor('the code to be shown', () => recorded.calls.includes('exit'), 15_000);
      const shown = recorded.sent.find((sent) => sent[0] === 'message-box');
      const code = /^ {4}([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})$/m.exec(shown?.[2] ?? '')?.[1];
      expect(code, shown?.[2]).toBeDefined();
      const file = path.join(temp.dir, 'live-setup-code.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(file, 'utf8')).not.toContain(code!);
      // Beside a KYC Desk already open: no instance lock, no window, no IPC, nothing of the app's data opened.
      expect(recorded.calls).toEqual(['appendSwitch lang', 'whenReady', 'showMessageBox', 'exit']);
      expect(recorded.windows).toEqual([]);
      fs.rmSync(file);
    } finally {
      process.argv.splice(process.argv.indexOf('--live-setup-code'), 1);
      recorded.windows.push(...firstWindows);
      for (const [name, handler] of firstEvents) recorded.appEvents.set(name, handler);
    }
  });

  it('--unlock-operator leaves a data folder KYC Desk has open alone, says why in a message box, and starts nothing else', async () => {
    const firstEvents = new Map(recorded.appEvents);
    const firstWindows = recorded.windows.splice(0);
    recorded.appEvents.clear();
    recorded.calls.length = 0;
    process.argv.push('--unlock-operator', 'TRN-ADMIN');
    try {
      loadMain(fakeElectron());
      resolveReady();
      await waitFor('the answer', () => recorded.calls.includes('exit'), 15_000);
      // The recovery ran against the app's own data folder, which the first instance holds.
      expect(recorded.sent.filter((sent) => sent[0] === 'error-box').at(-1)).toEqual([
        'error-box',
        'KYC Desk could not end the lock-out',
        expect.stringMatching(/^Close KYC Desk first: KYC Desk is already running with this data folder \(process \d+\)\.$/),
      ]);
      expect(recorded.calls).toEqual(['appendSwitch lang', 'whenReady', 'exit']);
      expect(recorded.windows).toEqual([]);
    } finally {
      process.argv.splice(process.argv.indexOf('--unlock-operator'), 2);
      recorded.windows.push(...firstWindows);
      for (const [name, handler] of firstEvents) recorded.appEvents.set(name, handler);
    }
  });
});
