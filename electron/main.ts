import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session, shell, type WebContents } from 'electron';
import { CHANNEL_NAMES, EVENT_IPC_CHANNEL } from '../shared/contract';
import { startAppServices, type AppServices } from './app/services';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, originOf } from './security/app-origin';
import { securityHeaders } from './security/content-security-policy';
import { isExternalLinkAllowed } from './security/external-links';
import { isNavigationAllowed } from './security/navigation';
import { isPermissionGranted } from './security/permissions';
import { readStaticFile } from './preview/static-files';
import { liveSetupCodeMessage, wantsLiveSetupCode } from './live-setup/setup-command';
import { unlockOperatorOnThisPc, unlockRequestFrom, wantsUnlockOperator } from './operators/lock-out-recovery';

/**
 * The Electron host: a secure window onto the shared main-process services. Everything with
 * logic lives in modules that run (and are tested) in plain Node; this file only wires them
 * to Electron's APIs.
 */
// Indian conventions whatever the PC's own locale: Chromium's formatting of dates and numbers in
// the window follows this (DD/MM/YYYY, lakh grouping). Must be set before the app is ready.
const APP_LOCALE = 'en-IN';
app.commandLine.appendSwitch('lang', APP_LOCALE);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

const rendererDir = path.join(__dirname, '../renderer');
let services: AppServices | undefined;
let mainWindow: BrowserWindow | undefined;

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Only a listed help page goes to the system browser; nothing opens inside the app.
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = readStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.bytes), { headers: { ...securityHeaders(), 'content-type': file.contentType } });
  });
}

function registerPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl ?? contents.getURL(), mediaTypes }));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted({ permission, requestingUrl: requestingOrigin, mediaTypes: details.mediaType ? [details.mediaType] : undefined }),
  );
  ses.setDevicePermissionHandler(() => false);
}

function registerIpc(current: AppServices): void {
  current.trustOrigin(APP_ORIGIN);
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      // The router refuses any frame whose origin is not the app's own before doing anything.
      current.dispatch({ channel, payload, origin: originOf(event.senderFrame?.url) ?? 'null' }),
    );
  }
  current.events.subscribe((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_IPC_CHANNEL, { name, payload });
  });
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    title: 'KYC Desk',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

function startHost(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!services) return;
    event.preventDefault();
    const closing = services;
    services = undefined;
    void closing.close().finally(() => app.quit());
  });
  app.whenReady().then(ready).catch((error: unknown) => {
    dialog.showErrorBox('KYC Desk could not start', (error as Error).message);
    app.exit(1);
  });
}

function dataDirectory(): string {
  return process.env.KYC_DESK_DATA_DIR ? path.resolve(process.env.KYC_DESK_DATA_DIR) : app.getPath('userData');
}

async function ready(): Promise<void> {
  registerAppProtocol();
  registerPermissions();
  services = await startAppServices({ dataDir: dataDirectory(), version: app.getVersion() });
  // A Training run without a keychain says so here as well as on screen.
  for (const notice of services.keychain.notices) console.log(notice);
  registerIpc(services);
  // A PC put to sleep or a Windows/macOS screen lock locks KYC Desk too.
  powerMonitor.on('suspend', () => services?.lockSession('system'));
  powerMonitor.on('lock-screen', () => services?.lockSession('system'));
  createWindow();
}

/**
 * IT's `--live-setup-code`: a new one-time Live setup code, shown once — on the console and in a
 * message box, since a Windows app started from a shortcut has no console — and nothing else
 * starts. It runs beside a KYC Desk already open, which reads the code from the data folder.
 */
async function showLiveSetupCode(): Promise<void> {
  await app.whenReady();
  const message = await liveSetupCodeMessage(dataDirectory());
  console.log(message);
  await dialog.showMessageBox({ type: 'info', title: 'KYC Desk', message: 'One-time Live setup code', detail: message, buttons: ['Done'] });
}

/**
 * IT's `--unlock-operator <code>`: ends a lock-out when no other admin can. It needs KYC Desk closed
 * and this OS account's keychain (the data key), which nobody at the sign-in screen has; shown on
 * the console and in a message box, and nothing else starts.
 */
async function unlockOperator(): Promise<void> {
  await app.whenReady();
  const request = unlockRequestFrom(process.argv)!;
  const message = await unlockOperatorOnThisPc(request, { dataDir: request.dataDir ?? dataDirectory() });
  console.log(message);
  await dialog.showMessageBox({ type: 'info', title: 'KYC Desk', message: 'Lock-out ended', detail: message, buttons: ['Done'] });
}

if (wantsUnlockOperator(process.argv)) {
  unlockOperator().then(
    () => app.exit(0),
    (error: unknown) => {
      console.error((error as Error).message);
      dialog.showErrorBox('KYC Desk could not end the lock-out', (error as Error).message);
      app.exit(1);
    },
  );
} else if (wantsLiveSetupCode(process.argv)) {
  showLiveSetupCode().then(
    () => app.exit(0),
    (error: unknown) => {
      dialog.showErrorBox('KYC Desk could not make a setup code', (error as Error).message);
      app.exit(1);
    },
  );
} else if (app.requestSingleInstanceLock()) {
  // One KYC Desk per user: a second start hands over to the first (its 'second-instance' brings the
  // window forward) and quits before it touches the data folder or opens a window.
  startHost();
} else app.quit();
