import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { defaultDataDir } from '../config/paths';
import { findRendererDir } from '../config/renderer-dir';
import { startService, type Service } from '../server/service';
import { APP_ORIGIN, handleAppScheme, registerAppScheme } from './app-protocol';
import { hardenApp } from './hardening';
import { registerOperatorIpc } from './ipc';

const here = dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the data directory and its audit chain; it gets focus instead.
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  let service: Service | undefined;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.whenReady().then(async () => {
    hardenApp();
    const rendererDir = findRendererDir();
    handleAppScheme(rendererDir);
    // The same engine and HTTP service as `portcullis serve`, in-process: agents reach the
    // endpoint while the window talks to the engine over IPC.
    service = await startService({
      dataDir: process.env.PORTCULLIS_DATA ?? defaultDataDir(),
      host: '127.0.0.1',
      port: Number(process.env.PORTCULLIS_PORT ?? 7440),
      rendererDir,
      log,
    });
    log(`listening on ${service.url}`);
    registerOperatorIpc(service.handlers, log);
    window = new BrowserWindow({
      width: 1280,
      height: 800,
      backgroundColor: '#0d1117',
      title: 'Portcullis',
      webPreferences: {
        preload: join(here, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    window.on('closed', () => {
      window = undefined;
    });
    await window.loadURL(`${APP_ORIGIN}/index.html`);
  }).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log(`Portcullis could not start: ${message}`);
    // The operator started a desktop app, not a terminal: say it in a window too.
    dialog.showErrorBox('Portcullis could not start', message);
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!service) return;
    // Close the engine (audit checkpoint, data-dir lock) before the process goes.
    event.preventDefault();
    const closing = service;
    service = undefined;
    void closing.close().finally(() => app.quit());
  });
}
