/**
 * The desktop shell with a fake `electron` that behaves like the real one for the calls the shell makes: the menu is
 * built from the template (items keep their role, accelerator and click), notifications are event emitters that may
 * never be clicked, webContents.send delivers to the page, and the desktop channel checks its sender.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { setUpDesktopShell, type ShellDeps } from '../../electron/desktop-shell';
import { DESKTOP_CHANNEL } from '../../electron/desktop-ipc';
import { openHostContext } from '../../electron/host-context';
import type { ServiceContext } from '../../db/service/context';
import { testTempDir } from '../helpers/temp-dirs';

type Item = MenuItemConstructorOptions & { submenu?: Item[] };

class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static isSupported() { return true; }
  shown = false;
  closed = false;
  constructor(public opts: { title: string; body: string }) { super(); FakeNotification.instances.push(this); }
  show() { this.shown = true; }
  close() { this.closed = true; this.emit('close'); }
}

function fakes(platform: NodeJS.Platform = 'win32', packaged = true) {
  const state = { menu: null as Item[] | null, sent: [] as unknown[], focused: 0, opened: [] as string[], boxes: [] as unknown[], handlers: new Map<string, (...a: unknown[]) => unknown>() };
  const win = {
    isDestroyed: () => false, isMinimized: () => false, restore() {}, show() {}, focus() { state.focused++; },
    webContents: { send: (channel: string, msg: unknown) => { state.sent.push({ channel, msg }); } },
  };
  const deps: ShellDeps = {
    app: { isPackaged: packaged, getAppPath: () => '/opt/icpdesk/resources/app.asar', getName: () => '许可通 ICP Desk' },
    Menu: { buildFromTemplate: (t: Item[]) => t as never, setApplicationMenu: (m: unknown) => { state.menu = m as Item[]; } } as never,
    Notification: FakeNotification as never,
    dialog: {
      showSaveDialog: (async () => ({ canceled: true })) as never,
      showOpenDialog: (async () => ({ canceled: true, filePaths: [] })) as never,
      showMessageBox: (async (...a: unknown[]) => { state.boxes.push(a[a.length - 1]); return { response: 0 }; }) as never,
    },
    shell: { openPath: async (p: string) => { state.opened.push(p); return ''; } },
    screen: { getAllDisplays: () => [] },
    ipcMain: { handle: (ch: string, fn: (...a: unknown[]) => unknown) => { state.handlers.set(ch, fn); } } as never,
    platform,
  };
  return { deps, state, win };
}

const labels = (items: Item[]) => items.map((i) => i.label);
const find = (items: Item[], label: string): Item => {
  for (const i of items) {
    if (i.label === label) return i;
    const inner = i.submenu ? (() => { try { return find(i.submenu!, label); } catch { return null; } })() : null;
    if (inner) return inner;
  }
  throw new Error(`no menu item ${label}`);
};
const click = (i: Item) => (i.click as unknown as () => void)();

describe('application menu and desktop channel (fake electron)', () => {
  const dirs: string[] = [];
  const ctxs: ServiceContext[] = [];
  afterEach(() => {
    for (const c of ctxs.splice(0)) c.db.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    FakeNotification.instances = [];
  });

  const setUp = async (platform?: NodeJS.Platform, packaged?: boolean) => {
    const f = fakes(platform, packaged);
    const dataDir = testTempDir('icpdesk-shell-');
    dirs.push(dataDir);
    const ctx = await openHostContext({ dataDir, version: '1.2.3', now: () => new Date('2026-11-27T02:00:00Z') });
    ctxs.push(ctx);
    setUpDesktopShell(f.deps, { win: () => f.win as never, ctx: () => ctx, dataDir, version: '1.2.3' });
    return { ...f, dataDir };
  };

  it('is Chinese by default: 文件 编辑 视图 窗口 帮助, with the items the issue names', async () => {
    const { state } = await setUp();
    const m = state.menu!;
    expect(labels(m)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    expect(labels(m[0].submenu!).filter(Boolean)).toEqual(['新建客户', '导入台账…', '导出周报', '打印…', '打开数据文件夹', '立即备份', '退出']);
    expect(labels(m[2].submenu!).filter(Boolean)).toEqual(expect.arrayContaining(['首页', '客户台账', '阶段看板', '周报', '放大', '缩小', '实际大小']));
    expect(labels(m[4].submenu!).filter(Boolean)).toEqual(['使用说明', '导出诊断信息…', '关于许可通']);
  });

  it('Edit uses the standard roles so copy and paste work in every field', async () => {
    const { state } = await setUp();
    const edit = state.menu![1].submenu!.filter((i) => i.type !== 'separator');
    expect(edit.map((i) => [i.label, i.role])).toEqual([['撤销', 'undo'], ['重做', 'redo'], ['剪切', 'cut'], ['复制', 'copy'], ['粘贴', 'paste'], ['全选', 'selectAll']]);
  });

  it('no developer tools or reload in a packaged build; both in a development build', async () => {
    const roles = (m: Item[]): unknown[] => m.flatMap((i) => [i.role, ...(i.submenu ? roles(i.submenu) : [])]);
    expect(roles((await setUp('win32', true)).state.menu!)).not.toContain('toggleDevTools');
    expect(roles((await setUp('win32', true)).state.menu!)).not.toContain('reload');
    expect(roles((await setUp('win32', false)).state.menu!)).toContain('toggleDevTools');
  });

  it('shows the shortcuts without registering them (the page\'s keymap handles the keys)', async () => {
    const { state } = await setUp();
    const m = state.menu!;
    expect(find(m, '新建客户')).toMatchObject({ accelerator: 'CmdOrCtrl+N', registerAccelerator: false });
    expect(find(m, '打印…')).toMatchObject({ accelerator: 'CmdOrCtrl+P', registerAccelerator: false });
    expect(find(m, '搜索客户')).toMatchObject({ accelerator: 'CmdOrCtrl+F', registerAccelerator: false });
    expect(find(m, '后退')).toMatchObject({ accelerator: 'Alt+Left', registerAccelerator: false });
  });

  it('each item does what it names: page commands are forwarded, the rest run in the main process', async () => {
    const { state, dataDir } = await setUp();
    const m = state.menu!;
    const forwarded: Record<string, string> = { 新建客户: 'new-client', '导入台账…': 'go-import', 导出周报: 'go-weekly', '打印…': 'print', 首页: 'go-home', 客户台账: 'go-clients', 阶段看板: 'go-board', 周报: 'go-weekly', 搜索客户: 'focus-search', 后退: 'back', 前进: 'forward' };
    for (const [label, name] of Object.entries(forwarded)) {
      state.sent.length = 0;
      click(find(m, label));
      expect(state.sent, label).toEqual([{ channel: 'command', msg: { kind: 'command', name } }]);
    }
    click(find(m, '打开数据文件夹'));
    expect(state.opened).toEqual([dataDir]);
    click(find(m, '使用说明'));
    expect(state.opened[1]).toMatch(/README\.md$/);
    click(find(m, '立即备份'));
    await expect.poll(() => state.boxes.length).toBe(1);
    expect(state.boxes[0]).toMatchObject({ type: 'info', message: '已备份' });
    click(find(m, '关于许可通'));
    await expect.poll(() => state.boxes.length).toBe(2);
    expect((state.boxes[1] as { detail: string }).detail).toContain('1.2.3');
    expect((state.boxes[1] as { detail: string }).detail).toContain(dataDir);
  });

  it('switches to English when the page says the UI is English (saved for the next start-up window); refuses a foreign sender', async () => {
    const { state, dataDir } = await setUp();
    const saved = path.join(dataDir, 'ui-language.txt');
    const h = state.handlers.get(DESKTOP_CHANNEL)!;
    await expect(h({ senderFrame: { url: 'https://evil.example/' } }, 'setLanguage', 'en')).rejects.toThrow('forbidden sender');
    expect(labels(state.menu!)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    expect(fs.existsSync(saved)).toBe(false);
    await h({ senderFrame: { url: 'app://icpdesk/index.html' } }, 'setLanguage', 'en');
    expect(labels(state.menu!)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(fs.readFileSync(saved, 'utf8')).toBe('en');
    await h({ senderFrame: { url: 'app://icpdesk/index.html' } }, 'setLanguage', 'zh-CN');
    expect(fs.readFileSync(saved, 'utf8')).toBe('zh-CN');
    await expect(h({ senderFrame: { url: 'app://icpdesk/index.html' } }, 'setLanguage', 'fr')).rejects.toThrow(/"code": "invalid_value",\s*"values": \[\s*"zh-CN",\s*"en"/);
  });

  it('on macOS the first menu is the app\'s own, with about and quit', async () => {
    const { state } = await setUp('darwin');
    expect(labels(state.menu!)).toEqual(['许可通 ICP Desk', '文件', '编辑', '视图', '窗口', '帮助']);
    expect(state.menu![0].submenu!.map((i) => i.role).filter(Boolean)).toContain('quit');
  });

  it('a notification is shown, replaced by the next of its kind, and a click brings the window forward and tells the page', async () => {
    const { state } = await setUp();
    const h = state.handlers.get(DESKTOP_CHANNEL)!;
    const app = { senderFrame: { url: 'app://icpdesk/index.html' } };
    expect(await h(app, 'notify', { title: '1 项期限已逾期', body: '太原…', tag: 'icpdesk-overdue' })).toBe(true);
    expect(FakeNotification.instances).toHaveLength(1);
    expect(FakeNotification.instances[0].shown).toBe(true);
    await h(app, 'notify', { title: '2 项期限已逾期', body: '…', tag: 'icpdesk-overdue' });
    expect(FakeNotification.instances[0].closed).toBe(true);
    state.sent.length = 0;
    FakeNotification.instances[1].emit('click');
    expect(state.focused).toBe(1);
    expect(state.sent).toEqual([{ channel: 'command', msg: { kind: 'notification-click', tag: 'icpdesk-overdue' } }]);
    await expect(h(app, 'notify', { title: 'x', body: 'y', tag: '../../etc' })).rejects.toThrow(/"path": \[\s*"tag"\s*\]/);
  });
});
