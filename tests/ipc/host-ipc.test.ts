import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { registerHostIpc, safeFileName } from '../../electron/host-ipc';
import { hardenSession, PERMISSION_ALLOWLIST } from '../../electron/security';
import { DEFAULT_PRINT_TIMEOUTS, type PrintTimeouts } from '../../electron/print-job';
import { CHROMIUM_PERMISSIONS, FakeElectron, type FakeBrowserWindow } from '../helpers/fake-electron';
import { LOOK_ALIKE_SENDERS } from './look-alikes';
import { testTempDir } from '../helpers/temp-dirs';

const PAGE = 'app://icpdesk/index.html';

/** The host channel on a fake Electron with a main window; hidden windows are made like main.ts makes them. */
function setup(timeouts: Partial<PrintTimeouts> = {}) {
  const fake = new FakeElectron({ autoReady: false });
  const main = new fake.BrowserWindow({ width: 1360 });
  registerHostIpc(fake.ipcMain as never, {
    dialog: fake.dialog as never,
    clipboard: fake.clipboard,
    preloadPath: '/p',
    parent: () => (main.isDestroyed() ? null : (main as never)),
    createHiddenWindow: (parent) => new fake.BrowserWindow({ show: false, ...(parent ? { parent } : {}) }) as never,
    timeouts,
  });
  const host = (command: string, input: unknown) => fake.invoke('host', PAGE, command, input);
  const hidden = () => fake.windows.filter((w) => w !== main);
  return { fake, main, host, hidden };
}

/** The print view as PrintPage behaves: `__printReady = false` on mount, `true` + 'print-ready' when data is in. */
function printViewReadyAfter(ms: number) {
  return (page: import('../helpers/fake-electron').FakePage) => {
    page.window.__printReady = false;
    setTimeout(() => page.signalPrintReady(), ms);
  };
}

const tmp = () => testTempDir('hostipc-');

describe('host IPC on the fake electron', () => {
  it('saves a file through the save dialog attached to the main window; cancelling writes nothing', async () => {
    const { fake, main, host } = setup();
    fake.saveDialogPath = path.join(tmp(), 'x.xlsx');
    expect(await host('saveFile', { fileName: '周报 2026/W48.xlsx', base64: Buffer.from('abc').toString('base64') })).toBe(fake.saveDialogPath);
    expect(fs.readFileSync(fake.saveDialogPath, 'utf8')).toBe('abc');
    expect(fake.saveDialogCalls[0]).toEqual({ window: main, options: { defaultPath: '周报 2026_W48.xlsx' } });
    fake.saveDialogPath = null;
    expect(await host('saveFile', { fileName: 'a.xlsx', base64: 'YQ==' })).toBeNull();
  });

  it('a save dialog after the main window closed opens without a parent instead of throwing', async () => {
    const { fake, main, host } = setup();
    main.close();
    fake.saveDialogPath = path.join(tmp(), 'after-close.xlsx');
    expect(await host('saveFile', { fileName: 'a.xlsx', base64: 'YQ==' })).toBe(fake.saveDialogPath);
    expect(fake.saveDialogCalls.at(-1)?.window).toBeNull();
  });

  it('the PDF waits for the print view to say true: __printReady = false on mount is not ready', async () => {
    const { fake, host, hidden } = setup();
    fake.onPageLoad = printViewReadyAfter(30);
    fake.saveDialogPath = path.join(tmp(), 'prep.pdf');
    const out = await host('printRoute', { hash: '#/print/inspection?ids=1,2', pdf: true, fileName: '核查准备单' });
    expect(out).toBe(fake.saveDialogPath);
    expect(fs.readFileSync(fake.saveDialogPath, 'utf8')).toContain('printReady=true');
    const [w] = hidden();
    expect(w.isDestroyed()).toBe(true);
    expect(fake.saveDialogCalls.at(-1)?.options).toEqual({ defaultPath: '核查准备单.pdf' });
  });

  it('a view already ready before the wait starts is printed at once', async () => {
    const { fake, host } = setup();
    fake.onPageLoad = (page) => { page.window.__printReady = true; };
    fake.saveDialogPath = path.join(tmp(), 'a.pdf');
    await host('printRoute', { hash: '#/print/eligibility?clientId=1', pdf: true, fileName: 'a.pdf' });
    expect(fs.readFileSync(fake.saveDialogPath, 'utf8')).toContain('printReady=true');
  });

  it('prints with the system dialog in a hidden window whose parent is the main window, then destroys it', async () => {
    const { fake, main, host, hidden } = setup();
    fake.onPageLoad = printViewReadyAfter(10);
    fake.printBehaviour = 'cancel';
    expect(await host('printRoute', { hash: '#/print/inspection?ids=1', pdf: false, fileName: 'x' })).toBeNull();
    const [w] = hidden();
    expect(w.options.parent).toBe(main);
    expect(w.options.show).toBe(false);
    expect(w.isDestroyed()).toBe(true);
  });

  it('a print whose callback never comes times out and destroys its window', async () => {
    const { fake, host, hidden } = setup({ printDialogMs: 80 });
    fake.onPageLoad = printViewReadyAfter(5);
    fake.printBehaviour = 'never';
    await expect(host('printRoute', { hash: '#/print/inspection?ids=1', pdf: false, fileName: 'x' })).rejects.toThrow(/PRINT_TIMEOUT/);
    expect(hidden()[0].isDestroyed()).toBe(true);
  });

  it('a view that never signals ready times out; a crashed renderer fails at once; the window is destroyed either way', async () => {
    const never = setup({ renderMs: 80 });
    never.fake.onPageLoad = (page) => { page.window.__printReady = false; };
    never.fake.saveDialogPath = '/nonexistent/never.pdf';
    await expect(never.host('printRoute', { hash: '#/print/weekly?week=2026-W48', pdf: true, fileName: 'x' })).rejects.toThrow(/PRINT_TIMEOUT/);
    expect(never.hidden()[0].isDestroyed()).toBe(true);
    expect(never.fake.saveDialogCalls).toEqual([]);

    const crash = setup(); // default 30 s timeouts: the crash must end the job, not the timeout
    crash.fake.onPageLoad = (_page, contents) => setTimeout(() => contents.crash('oom'), 10);
    const started = Date.now();
    await expect(crash.host('printRoute', { hash: '#/print/weekly?week=2026-W48', pdf: true, fileName: 'x' })).rejects.toThrow(/PRINT_CRASHED.*oom/);
    expect(Date.now() - started).toBeLessThan(DEFAULT_PRINT_TIMEOUTS.renderMs);
    expect(crash.hidden()[0].isDestroyed()).toBe(true);
  });

  it('one print job at a time: a second one while busy is refused, the next one after it works', async () => {
    const { fake, host, hidden } = setup();
    fake.onPageLoad = printViewReadyAfter(60);
    fake.saveDialogPath = path.join(tmp(), 'one.pdf');
    const first = host('printRoute', { hash: '#/print/weekly?week=2026-W48', pdf: true, fileName: 'one' });
    await expect(host('printRoute', { hash: '#/print/weekly?week=2026-W48', pdf: false, fileName: 'two' })).rejects.toThrow(/PRINT_BUSY/);
    expect(await first).toBe(fake.saveDialogPath);
    fake.printBehaviour = 'print';
    expect(await host('printRoute', { hash: '#/print/weekly?week=2026-W48', pdf: false, fileName: 'three' })).toBeNull();
    expect(hidden()).toHaveLength(2);
    expect(hidden().every((w: FakeBrowserWindow) => w.isDestroyed())).toBe(true);
  });

  it('chat text is copied through the main-process clipboard; the session grants only clipboard-sanitized-write to the app', async () => {
    const { fake, host } = setup();
    const session = fake.session.defaultSession;
    hardenSession(session as never);
    const text = '【周报】2026年第48周（11-23 ~ 11-29）\n山西某某科技有限公司：材料 9/17';
    expect(await host('copyText', { text })).toBeNull();
    expect(fake.clipboard.readText()).toBe(text);
    // navigator.clipboard.writeText in the app's page works too (the one allow-listed permission) …
    await session.pageWritesClipboard(fake, PAGE, 'from page');
    expect(fake.clipboard.readText()).toBe('from page');
    // … but not from any other origin, and no other permission is granted to anyone.
    await expect(session.pageWritesClipboard(fake, 'https://evil.example/', 'x')).rejects.toThrow(/denied/);
    expect(PERMISSION_ALLOWLIST).toEqual({ 'app://icpdesk': ['clipboard-sanitized-write'] });
    for (const p of CHROMIUM_PERMISSIONS.filter((n) => n !== 'clipboard-sanitized-write')) {
      expect(await session.requestPermission(p, PAGE), p).toBe(false);
      expect(session.checkPermission(p, PAGE), p).toBe(false);
    }
    expect(await session.requestPermission('clipboard-sanitized-write', 'app://icpdesk.evil/index.html')).toBe(false);
    await expect(host('copyText', { text: 1 })).rejects.toThrow(/"expected": "string",\s*"code": "invalid_type",\s*"path": \[\s*"text"\s*\]/);
  });

  it('refuses foreign senders, non-print routes and unknown commands', async () => {
    const { fake, host } = setup();
    await expect(fake.invoke('host', 'https://evil.example/', 'saveFile', { fileName: 'a', base64: '' })).rejects.toThrow(/forbidden/);
    await expect(fake.invoke('host', 'https://evil.example/', 'copyText', { text: 'x' })).rejects.toThrow(/forbidden/);
    await expect(host('printRoute', { hash: 'javascript:alert(1)', pdf: true, fileName: 'x' })).rejects.toThrow(/"code": "invalid_format",[\s\S]*"path": \[\s*"hash"\s*\]/);
    await expect(host('printRoute', { hash: '#/clients', pdf: true, fileName: 'x' })).rejects.toThrow(/"code": "invalid_format",[\s\S]*"path": \[\s*"hash"\s*\]/);
    await expect(host('rm', {})).rejects.toThrow('unknown host command');
    for (const url of LOOK_ALIKE_SENDERS) {
      await expect(fake.invoke('host', url, 'saveFile', { fileName: 'a', base64: '' }), url).rejects.toThrow(/forbidden/);
      await expect(fake.invoke('host', url, 'printRoute', { hash: '#/print/inspection?ids=1', pdf: true, fileName: 'x' }), url).rejects.toThrow(/forbidden/);
    }
    expect(safeFileName('a/b:c*?.pdf')).toBe('a_b_c__.pdf');
  });
});
