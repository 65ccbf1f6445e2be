/**
 * The application menu, built from one template in the UI language (Chinese by default, English when the UI is
 * English): 文件, 编辑, 视图, 窗口, 帮助 — on macOS preceded by the app's own menu. Edit items use Electron's standard
 * roles so cut, copy and paste work in every field (macOS included); no developer tools in packaged builds.
 *
 * The keyboard shortcuts are shown here but handled by the renderer's one keymap (renderer/src/desktop/keymap.ts):
 * those items set `registerAccelerator: false`, and every app command is forwarded to the renderer with `send`.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** The menu's words, per language. */
export const MENU_LABELS = {
  'zh-CN': {
    file: '文件', newClient: '新建客户', importRegister: '导入台账…', exportWeekly: '导出周报', print: '打印…',
    openDataFolder: '打开数据文件夹', backupNow: '立即备份', quit: '退出',
    edit: '编辑', undo: '撤销', redo: '重做', cut: '剪切', copy: '复制', paste: '粘贴', selectAll: '全选',
    view: '视图', home: '首页', clients: '客户台账', board: '阶段看板', weekly: '周报', back: '后退', forward: '前进', search: '搜索客户',
    zoomIn: '放大', zoomOut: '缩小', resetZoom: '实际大小', reload: '重新加载', devTools: '开发者工具',
    window: '窗口', minimize: '最小化', close: '关闭窗口', zoom: '缩放',
    help: '帮助', guide: '使用说明', diagnostics: '导出诊断信息…', about: '关于许可通',
    hide: '隐藏许可通', hideOthers: '隐藏其他', unhide: '全部显示', services: '服务',
  },
  en: {
    file: 'File', newClient: 'New client', importRegister: 'Import register…', exportWeekly: 'Export weekly report', print: 'Print…',
    openDataFolder: 'Open data folder', backupNow: 'Back up now', quit: 'Quit',
    edit: 'Edit', undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select all',
    view: 'View', home: 'Home', clients: 'Client register', board: 'Stage board', weekly: 'Weekly report', back: 'Back', forward: 'Forward', search: 'Search clients',
    zoomIn: 'Zoom in', zoomOut: 'Zoom out', resetZoom: 'Actual size', reload: 'Reload', devTools: 'Developer tools',
    window: 'Window', minimize: 'Minimize', close: 'Close window', zoom: 'Zoom',
    help: 'Help', guide: 'User guide', diagnostics: 'Export diagnostics…', about: 'About ICP Desk',
    hide: 'Hide ICP Desk', hideOthers: 'Hide others', unhide: 'Show all', services: 'Services',
  },
} as const;

/** The UI languages the menu follows. */
export type MenuLang = keyof typeof MENU_LABELS;

/** What the menu's items do; `send` forwards a renderer command (see renderer/src/desktop/keymap.ts `Command`). */
export interface MenuActions {
  send(command: string): void;
  openDataFolder(): void;
  backupNow(): void;
  exportDiagnostics(): void;
  openGuide(): void;
  about(): void;
}

/** Options of {@link buildMenuTemplate}. */
export interface MenuOptions {
  lang: MenuLang;
  platform: NodeJS.Platform;
  /** `app.isPackaged`: packaged builds get no reload and no developer tools. */
  packaged: boolean;
  appName: string;
  actions: MenuActions;
}

/** The template for `Menu.buildFromTemplate`. */
export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const L = MENU_LABELS[o.lang] ?? MENU_LABELS['zh-CN'];
  const a = o.actions;
  const mac = o.platform === 'darwin';
  const key = (accelerator: string) => ({ accelerator, registerAccelerator: false });
  const send = (command: string) => () => a.send(command);
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [{
      label: o.appName,
      submenu: [
        { label: L.about, click: () => a.about() }, sep,
        { label: L.services, role: 'services' }, sep,
        { label: L.hide, role: 'hide' }, { label: L.hideOthers, role: 'hideOthers' }, { label: L.unhide, role: 'unhide' }, sep,
        { label: L.quit, role: 'quit' },
      ],
    }]
    : [];
  const file: MenuItemConstructorOptions = {
    label: L.file,
    submenu: [
      { label: L.newClient, ...key('CmdOrCtrl+N'), click: send('new-client') },
      { label: L.importRegister, click: send('go-import') },
      { label: L.exportWeekly, click: send('go-weekly') },
      { label: L.print, ...key('CmdOrCtrl+P'), click: send('print') },
      sep,
      { label: L.openDataFolder, click: () => a.openDataFolder() },
      { label: L.backupNow, click: () => a.backupNow() },
      ...(mac ? [] : [sep, { label: L.quit, role: 'quit' } as MenuItemConstructorOptions]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: L.edit,
    submenu: [
      { label: L.undo, role: 'undo' }, { label: L.redo, role: 'redo' }, sep,
      { label: L.cut, role: 'cut' }, { label: L.copy, role: 'copy' }, { label: L.paste, role: 'paste' }, { label: L.selectAll, role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: L.view,
    submenu: [
      { label: L.home, click: send('go-home') },
      { label: L.clients, click: send('go-clients') },
      { label: L.board, click: send('go-board') },
      { label: L.weekly, click: send('go-weekly') },
      { label: L.search, ...key('CmdOrCtrl+F'), click: send('focus-search') },
      sep,
      { label: L.back, ...key('Alt+Left'), click: send('back') },
      { label: L.forward, ...key('Alt+Right'), click: send('forward') },
      sep,
      { label: L.zoomIn, role: 'zoomIn' }, { label: L.zoomOut, role: 'zoomOut' }, { label: L.resetZoom, role: 'resetZoom' },
      ...(o.packaged ? [] : [sep, { label: L.reload, role: 'reload' } as MenuItemConstructorOptions, { label: L.devTools, role: 'toggleDevTools' } as MenuItemConstructorOptions]),
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: L.window,
    submenu: [{ label: L.minimize, role: 'minimize' }, ...(mac ? [{ label: L.zoom, role: 'zoom' } as MenuItemConstructorOptions] : []), { label: L.close, role: 'close' }],
  };
  const help: MenuItemConstructorOptions = {
    label: L.help,
    role: 'help',
    submenu: [
      { label: L.guide, click: () => a.openGuide() },
      { label: L.diagnostics, click: () => a.exportDiagnostics() },
      ...(mac ? [] : [sep, { label: L.about, click: () => a.about() } as MenuItemConstructorOptions]),
    ],
  };
  return [...appMenu, file, edit, view, windowMenu, help];
}
