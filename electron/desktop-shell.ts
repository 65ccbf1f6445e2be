/**
 * The desktop shell around the window (issue 19), wired by main.ts: the application menu (menu.ts) in the UI's
 * language, notifications from the page (desktop-ipc.ts) that bring the window forward and open the home page when
 * clicked, the window's size and place (window-state.ts), and the Help menu's guide, diagnostics export and about box.
 * Every Electron object is passed in, so tests drive it with the fake `electron` module.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { App, BrowserWindow, Dialog, IpcMain, Menu as MenuType, Notification as NotificationType, Screen, Shell } from 'electron';
import { dispatch } from '../db/dispatch';
import { SCHEMA_VERSION } from '../db/migrations/index';
import type { ServiceContext } from '../db/service/context';
import { writePrivateFile } from '../db/backup/private-files';
import { buildDiagnosticsZip } from './diagnostics';
import { COMMAND_CHANNEL, registerDesktopIpc } from './desktop-ipc';
import { openCopyWithSystemApp, sweepOpenCopies } from './open-file';
import { savePackage } from './save-package';
import { attachmentFile } from '../db/service/attachments';
import { attachBytes, pickAndAttach } from './attach-file';
import { buildMenuTemplate, type MenuLang } from './menu';
import { readWindowState, restoreWindowState, writeWindowState, type WindowState } from './window-state';
import { enText } from '../shared/messages-en';
import { saveSplashLang, SPLASH_LANG_FILE } from './splash-text';

/** The Electron pieces the shell uses (the real module in main.ts, the fake in tests). */
export interface ShellDeps {
  app: Pick<App, 'isPackaged' | 'getAppPath' | 'getName'>;
  Menu: Pick<typeof MenuType, 'buildFromTemplate' | 'setApplicationMenu'>;
  Notification: Pick<typeof NotificationType, 'isSupported'> & (new (o: { title: string; body: string; silent?: boolean }) => NotificationType);
  dialog: Pick<Dialog, 'showSaveDialog' | 'showMessageBox' | 'showOpenDialog'>;
  shell: Pick<Shell, 'openPath'>;
  screen: Pick<Screen, 'getAllDisplays'>;
  ipcMain: Pick<IpcMain, 'handle'>;
  platform: NodeJS.Platform;
  /** `process.resourcesPath` in a packaged app (the guide is shipped there). */
  resourcesPath?: string;
  /** Where copies opened with the system app go (default: the system's temporary folder). */
  tmpDir?: string;
}

/** The window's opening size and place for the data folder, kept on the screens connected now. */
export function initialWindowState(deps: Pick<ShellDeps, 'screen'>, dataDir: string): WindowState {
  return restoreWindowState(readWindowState(dataDir), deps.screen.getAllDisplays().map((d) => d.workArea));
}

/** Saves the window's normal bounds and maximised state whenever it is about to close. */
export function trackWindowState(win: BrowserWindow, dataDir: string): void {
  win.on('close', () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    writeWindowState(dataDir, { ...b, maximized: win.isMaximized() });
  });
}

/** Sets up the menu, the desktop channel and the Help actions. `win()` is the main window (null once closed). */
export function setUpDesktopShell(deps: ShellDeps, opts: { win: () => BrowserWindow | null; ctx: () => ServiceContext; dataDir: string; version: string }) {
  const live = () => { const w = opts.win(); return w && !w.isDestroyed() ? w : null; };
  const send = (message: unknown) => live()?.webContents.send(COMMAND_CHANNEL, message);
  const front = () => { const w = live(); if (!w) return; if (w.isMinimized()) w.restore(); w.show(); w.focus(); };
  const shown = new Map<string, NotificationType>(); // kept referenced, or a clicked notification may find its handler collected
  let lang: MenuLang = 'zh-CN';

  const about = async () => {
    const zh = lang === 'zh-CN';
    const detail = [
      `${zh ? '版本' : 'Version'}: ${opts.version}`,
      `${zh ? '数据文件夹' : 'Data folder'}: ${opts.dataDir}`,
      `${zh ? '数据库版本' : 'Schema version'}: ${SCHEMA_VERSION}`,
    ].join('\n');
    const w = live();
    const box = { type: 'info' as const, title: zh ? '关于许可通' : 'About ICP Desk', message: zh ? '许可通 ICP Desk' : 'ICP Desk', detail, buttons: [zh ? '确定' : 'OK'] };
    await (w ? deps.dialog.showMessageBox(w, box) : deps.dialog.showMessageBox(box));
  };

  const exportDiagnostics = async () => {
    const zh = lang === 'zh-CN';
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const o = { defaultPath: `${zh ? 'ICPDesk-诊断信息' : 'ICPDesk-diagnostics'}-${day}.zip` };
    const w = live();
    const r = w ? await deps.dialog.showSaveDialog(w, o) : await deps.dialog.showSaveDialog(o);
    if (r.canceled || !r.filePath) return;
    const ctx = opts.ctx();
    const zip = buildDiagnosticsZip(opts.dataDir, {
      version: opts.version, schemaVersion: SCHEMA_VERSION, dataState: ctx.health?.state ?? 'ok',
      platform: deps.platform, arch: process.arch, versions: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
      createdAt: new Date().toISOString(),
    });
    writePrivateFile(r.filePath, zip); // 0600 even when saved over an existing file
  };

  const backupNow = async () => {
    const zh = lang === 'zh-CN';
    const r = await dispatch(opts.ctx(), 'backup.create', {});
    const box = r.ok
      ? { type: 'info' as const, message: zh ? '已备份' : 'Backed up', detail: (r.value as { name: string }).name }
      : { type: 'error' as const, message: zh ? '备份失败' : 'Backup failed', detail: zh || !r.error.key ? r.error.message : enText({ code: r.error.key, params: r.error.params ?? {} }) };
    const w = live();
    await (w ? deps.dialog.showMessageBox(w, box) : deps.dialog.showMessageBox(box));
  };

  const guidePath = () => {
    const shipped = deps.resourcesPath ? path.join(deps.resourcesPath, 'README.md') : null;
    return shipped && fs.existsSync(shipped) ? shipped : path.join(deps.app.getAppPath(), 'README.md');
  };

  const setMenu = () => {
    deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(buildMenuTemplate({
      lang, platform: deps.platform, packaged: deps.app.isPackaged, appName: deps.app.getName(),
      actions: {
        send: (name) => { front(); send({ kind: 'command', name }); },
        openDataFolder: () => void deps.shell.openPath(opts.dataDir),
        backupNow: () => void backupNow(),
        exportDiagnostics: () => void exportDiagnostics(),
        openGuide: () => void deps.shell.openPath(guidePath()),
        about: () => void about(),
      },
    })));
  };
  setMenu();

  registerDesktopIpc(deps.ipcMain, {
    notify: ({ title, body, tag }) => {
      if (!deps.Notification.isSupported()) return false;
      shown.get(tag)?.close();
      const n = new deps.Notification({ title, body });
      n.on('click', () => { front(); send({ kind: 'notification-click', tag }); });
      n.on('close', () => { if (shown.get(tag) === n) shown.delete(tag); });
      shown.set(tag, n);
      n.show();
      return true;
    },
    setLanguage: (next) => { if (next !== lang) { lang = next; setMenu(); saveSplashLang(path.join(opts.dataDir, SPLASH_LANG_FILE), next); } },
    openAttachment: async (id) => { await openCopyWithSystemApp(deps.shell, attachmentFile(opts.ctx(), id), deps.tmpDir); },
    attachFile: ({ bytes, ...input }) => attachBytes(opts.ctx(), input, bytes),
    pickAttachments: ({ title, ...input }) => pickAndAttach({ ctx: opts.ctx, dialog: deps.dialog, win: live }, input, title ? { title } : {}),
    savePackage: (downloadId) => savePackage({ ctx: opts.ctx, dialog: deps.dialog, win: live }, downloadId),
  });
  sweepOpenCopies(deps.tmpDir); // copies opened more than a day ago
  return { language: () => lang, notifications: () => shown.size };
}
