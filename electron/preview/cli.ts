import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startAppServices } from '../app/services';
import { previewDataDir } from '../data-folder/data-dir';
import { startPreviewHost } from './preview-host';
import { LIVE_SETUP_FLAG, liveSetupCodeMessage } from '../live-setup/setup-command';

interface CliOptions {
  port: number;
  open: boolean;
  /** IT's command: make the one-time Live setup code for this data folder, show it, and stop. */
  liveSetupCode: boolean;
}

export function parseArgs(args: readonly string[]): CliOptions {
  const options: CliOptions = { port: 0, open: true, liveSetupCode: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--no-open') options.open = false;
    else if (arg === LIVE_SETUP_FLAG) options.liveSetupCode = true;
    else if (arg === '--port') {
      const port = Number(args[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port needs a number from 0 to 65535, not "${args[i] ?? ''}"`);
      options.port = port;
    } else throw new Error(`Unknown option "${arg}". Use --port N and --no-open, or ${LIVE_SETUP_FLAG} alone.`);
  }
  return options;
}

function openBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '""', url.replace(/&/g, '^&')] : [url];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('Could not open a browser by itself; open the address above.'));
  child.unref();
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = process.env.KYC_DESK_RENDERER_DIR ?? path.resolve(here, '../renderer');
  const dataDir = previewDataDir();
  if (options.liveSetupCode) {
    console.log(await liveSetupCodeMessage(dataDir));
    return;
  }
  const version = (JSON.parse(fs.readFileSync(path.resolve(here, '../../package.json'), 'utf8')) as { version: string }).version;
  const services = await startAppServices({ dataDir, version, echoLogs: true });
  // Each address opens one page (its token is used up); the next one is printed for another tab.
  const onNewAddress = (url: string) => {
    console.log('That address has been used by a page. For another tab, open:');
    console.log(url);
  };
  const host = await startPreviewHost({ services, rendererDir, port: options.port, onNewAddress });
  console.log(`KYC Desk browser preview — ${services.mode === 'training' ? 'Training mode' : 'LIVE mode'}; data in ${dataDir}`);
  for (const notice of services.keychain.notices) console.log(notice);
  console.log('Open this address (its access token works once; that page can reload, another tab needs the next address printed here):');
  console.log(host.url);
  if (options.open) openBrowser(host.url);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    await services.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  // AppFailure messages are written for people; anything else is summarised, never dumped.
  console.error(`KYC Desk preview could not start: ${(error as Error).message}`);
  process.exit(1);
});
