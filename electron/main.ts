/**
 * Electron main process: single instance (single-instance.ts), the data folder, the database, the app:// protocol serving the built
 * renderer, one secure window, IPC. Thin by design: everything else lives in db/ and shared/.
 */
import path from 'node:path';
import fs from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, screen, session, shell, net } from 'electron';
import { pathToFileURL } from 'node:url';
import { clockFromEnv, closeHostContext, DATA_FOLDER_NAME, openHostContext, resolveDataDir } from './host-context';
import { registerIpc } from './ipc';
import { registerHostIpc } from './host-ipc';
import { claimSingleInstance } from './single-instance';
import { APP_HOST, APP_SCHEME, hardenSession, hardenWebContents } from './security';
import { CONTENT_SECURITY_POLICY } from './csp';
import { safeStaticPath } from './web-host';
import { APP_VERSION } from './version';
import { installFileLog } from './log';
import { initialWindowState, setUpDesktopShell, trackWindowState } from './desktop-shell';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.setPath('userData', path.join(app.getPath('appData'), DATA_FOLDER_NAME));

let win: BrowserWindow | null = null;

if (claimSingleInstance(app, () => win)) {
  app.whenReady().then(start).catch((e: unknown) => {
    // Not a damaged or newer file (those open in the recovery / newer-version screen): e.g. the folder is not
    // writable, or a migration failed (the file was left as it was and a pre-migration backup was taken).
    dialog.showErrorBox('许可通无法启动', `${e instanceof Error ? e.message : String(e)}\n\n数据文件未被更改。`);
    app.quit();
  });
  app.on('window-all-closed', () => app.quit());
}

async function start() {
  const dataDir = process.env.ICPDESK_DATA_DIR ? resolveDataDir() : app.getPath('userData');
  fs.mkdirSync(dataDir, { recursive: true });
  installFileLog(dataDir);
  const ctx = await openHostContext({ dataDir, version: APP_VERSION, now: clockFromEnv() });
  const rendererDir = path.join(__dirname, '..', 'renderer');

  protocol.handle(APP_SCHEME, (req) => {
    const url = new URL(req.url);
    const file = url.host === APP_HOST ? safeStaticPath(rendererDir, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404 });
    const target = fs.existsSync(file) && !fs.statSync(file).isDirectory() ? file : path.join(rendererDir, 'index.html');
    return net.fetch(pathToFileURL(target).toString()).then((r) => {
      const headers = new Headers(r.headers);
      headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      return new Response(r.body, { status: r.status, headers });
    });
  });

  hardenSession(session.defaultSession);
  registerIpc(ipcMain, ctx);
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, (u) => void shell.openExternal(u)));

  const preload = path.join(__dirname, 'preload.cjs');
  // webPreferences are written out literally at each window so reviewers and Electronegativity can see them.
  registerHostIpc(ipcMain, {
    dialog,
    preloadPath: preload,
    parent: () => win,
    createHiddenWindow: () =>
      new BrowserWindow({
        show: false,
        webPreferences: { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, spellcheck: false, disableBlinkFeatures: 'Auxclick' },
      }),
  });
  const state = initialWindowState({ screen }, dataDir);
  win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 600,
    title: '许可通 ICP Desk',
    show: false,
    webPreferences: { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, spellcheck: false, disableBlinkFeatures: 'Auxclick' },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, dataDir);
  setUpDesktopShell(
    { app, Menu, Notification, dialog, shell, screen, ipcMain, platform: process.platform, resourcesPath: process.resourcesPath },
    { win: () => win, ctx: () => ctx, dataDir, version: APP_VERSION },
  );
  win.once('ready-to-show', () => win?.show());
  void win.loadURL(`${APP_SCHEME}://${APP_HOST}/index.html`);
  // Read ctx.db when quitting: a restore replaces the connection in place. A clean close lets the next start skip
  // reading the whole file (db/backup/clean-shutdown.ts).
  app.on('before-quit', () => closeHostContext(ctx));
}
