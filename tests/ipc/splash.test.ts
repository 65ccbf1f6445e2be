/**
 * electron/splash.ts on the fake `electron` (tests/helpers/fake-electron.ts): the start-up window's webPreferences,
 * its first page loaded before openSplash resolves, repaints only on a new percent and at most every 250 ms (100 %
 * always), and close/progress safe after the window is gone.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { FakeElectron, type FakeBrowserWindow } from '../helpers/fake-electron';
import { openSplash, SPLASH_REPAINT_MS } from '../../electron/splash';

const Ctor = (fake: FakeElectron) => fake.BrowserWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow;
const step = (done: number, total: number) => ({ version: 180, name: 'compact-events', done, total, what: total ? 'events' : '' });
const shown = (w: FakeBrowserWindow) => decodeURIComponent(w.webContents.getURL().split(',').slice(1).join(','));

async function open(lang: 'zh-CN' | 'en' = 'zh-CN', reason: 'migrate' | 'check' = 'migrate') {
  const fake = new FakeElectron();
  let t = 1000;
  const loads: string[] = [];
  fake.onPageLoad = (p) => { loads.push(p.url); };
  const splash = await openSplash(Ctor(fake), reason, lang, () => t);
  return { fake, splash, win: fake.windows[0], loads, at: (ms: number) => { t = ms; } };
}

describe('electron/splash.ts (fake electron)', () => {
  it("one small window with the app's webPreferences and no preload; its page loaded before it resolves", async () => {
    const { fake, win, loads } = await open();
    expect(fake.windows).toHaveLength(1);
    expect(win.options).toMatchObject({ width: 440, height: 170, resizable: false, closable: false, title: '许可通 ICP Desk' });
    expect(win.options.webPreferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, spellcheck: false, disableBlinkFeatures: 'Auxclick' });
    expect(loads).toHaveLength(1);
    expect(loads[0].startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(shown(win)).toContain('<h1>正在升级数据库…</h1><progress></progress>');
  });

  it('repaints on a new percent, not on a step start or the same percent, at most every 250 ms; 100 % always', async () => {
    const { splash, win, loads, at } = await open();
    expect(SPLASH_REPAINT_MS).toBe(250);
    splash.progress(step(0, 0));
    expect(loads).toHaveLength(1);
    splash.progress(step(14, 100));
    expect(loads).toHaveLength(2);
    expect(shown(win)).toContain('<h1>正在升级数据库… 已完成 14 %</h1><progress max="100" value="14">');
    at(1400);
    splash.progress(step(14, 100)); // same percent
    expect(loads).toHaveLength(2);
    at(1000 + SPLASH_REPAINT_MS - 1);
    splash.progress(step(20, 100)); // too soon after the last repaint (t = 1000)
    expect(loads).toHaveLength(2);
    at(1000 + SPLASH_REPAINT_MS);
    splash.progress(step(21, 100));
    expect(loads).toHaveLength(3);
    expect(shown(win)).toContain('已完成 21 %');
    at(1000 + SPLASH_REPAINT_MS + 1);
    splash.progress(step(82, 82)); // 100 %: shown even right after a repaint
    expect(loads).toHaveLength(4);
    expect(shown(win)).toContain('已完成 100 %');
    at(4000);
    splash.progress(step(0, 0)); // the next part's start (size unknown): the bar stays as it was
    expect(loads).toHaveLength(4);
    at(5000);
    splash.progress(step(0, 11)); // the next part starts at 0 %
    expect(shown(win)).toContain('已完成 0 %');
  });

  it('English and the full check by the saved language and the reason', async () => {
    const { win, splash } = await open('en', 'check');
    expect(win.options.title).toBe('ICP Desk');
    expect(shown(win)).toContain('<h1>Checking the database…</h1>');
    splash.progress(step(50, 100));
    expect(shown(win)).toContain('<h1>Checking the database… 50 % done</h1>');
  });

  it('close destroys the window; progress and close afterwards do nothing (no "Object has been destroyed")', async () => {
    const { splash, win, loads } = await open();
    let closed = 0;
    win.on('closed', () => { closed++; });
    splash.close();
    expect(win.isDestroyed()).toBe(true);
    expect(closed).toBe(1);
    expect(() => splash.progress(step(50, 100))).not.toThrow();
    expect(() => splash.close()).not.toThrow();
    expect(closed).toBe(1);
    expect(loads).toHaveLength(1);
  });

  it('a window destroyed elsewhere (the app quits) is left alone', async () => {
    const { splash, win, loads } = await open();
    win.destroy();
    expect(() => win.loadURL('data:text/html,x')).toThrow('Object has been destroyed'); // as Electron: at the call
    expect(() => splash.progress(step(70, 100))).not.toThrow();
    expect(loads).toHaveLength(1);
    expect(() => splash.close()).not.toThrow();
  });
});
