// Electron's main process: one locked-down window on the app:// scheme, IPC answered only for our
// own top frame, everything else refused. Only this folder and preload/ import 'electron'.
import { app, BrowserWindow, ipcMain, net, protocol, session } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { events as eventSchemas } from '../../contract/ipc';
import { fail } from '../../contract/common';
import { loadConfig } from '../config/load';
import { defaultDataDir } from '../config/paths';
import { CONTENT_SECURITY_POLICY } from '../host/csp';
import { createLogger } from '../log';
import { isTrustedSender } from '../ipc/sender';
import { startDevices } from '../services/devices';
import { openTill } from '../services/till';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://omnitill`;
const rendererDir = join(__dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  // A second launch (double click on the icon) focuses the running till instead of opening another.
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start() {
  const dataDir = process.env.OMNITILL_DATA_DIR ?? defaultDataDir();
  const log = createLogger({ file: join(dataDir, 'logs', 'omnitill.log'), echo: !app.isPackaged });
  const { config } = loadConfig(dataDir);
  const devices = await startDevices(config, log);
  const till = openTill({ dataDir, config, log, seedDemo: process.env.OMNITILL_DEMO !== '0', devices });

  protocol.handle(SCHEME, async (request) => {
    const path = normalize(decodeURIComponent(new URL(request.url).pathname));
    const file = join(rendererDir, path === sep || path === '/' ? 'index.html' : path);
    if (!file.startsWith(rendererDir + sep)) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    return new Response(response.body, { status: response.status, headers });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    backgroundColor: '#f4f5f7',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${ORIGIN}/`)) event.preventDefault();
  });
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  const trusted = (event: IpcMainInvokeEvent) =>
    isTrustedSender(
      {
        fromTillWindow: event.sender === window.webContents,
        fromMainFrame: event.senderFrame === window.webContents.mainFrame,
        url: event.senderFrame?.url ?? '',
      },
      ORIGIN,
    );
  ipcMain.handle('pos:call', (event, name: unknown, input: unknown) => {
    if (!trusted(event)) {
      log.warn('ipc.foreign_sender', { url: (event.senderFrame?.url ?? '').slice(0, 120) });
      return fail('FORBIDDEN', 'This request did not come from the till');
    }
    return till.dispatch(String(name), input);
  });
  const unsubscribe = till.events.subscribe((name, payload) => {
    if (name in eventSchemas && !window.isDestroyed()) window.webContents.send('pos:event', name, payload);
  });

  app.on('window-all-closed', () => {
    unsubscribe();
    till.close();
    void devices.stop().finally(() => app.quit());
  });
  void window.loadURL(`${ORIGIN}/index.html`);
}
