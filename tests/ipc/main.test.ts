/**
 * electron/main.ts on the fake `electron` (tests/helpers/fake-electron.ts): paths set before ready, the app://
 * protocol, IPC on a fresh data folder, the print window's parent, the window reference after 'closed', and the
 * database closed on will-quit and on Windows session-end.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { FakeElectron } from '../helpers/fake-electron';
import { testTempDir } from '../helpers/temp-dirs';

const holder = vi.hoisted(() => ({ fake: null as FakeElectron | null }));
vi.mock('electron', () => holder.fake!.module());

const PAGE = 'app://icpdesk/index.html';
const dirs: string[] = [];

/** Starts main.ts afresh on a new fake Electron with a fresh data folder; resolves once its window exists. */
async function startMain(prepare: (dataDir: string) => void = () => undefined, windows = 1) {
  const { FakeElectron } = await import('../helpers/fake-electron');
  const dataDir = testTempDir('main-data-');
  dirs.push(dataDir);
  prepare(dataDir);
  process.env.ICPDESK_DATA_DIR = dataDir;
  const fake = new FakeElectron({ autoReady: false });
  holder.fake = fake;
  vi.resetModules();
  vi.doMock('electron', () => fake.module());
  await import('../../electron/main');
  const pathsBeforeReady = { userData: fake.app.getPath('userData'), sessionData: fake.app.getPath('sessionData') };
  fake.makeReady();
  await expect.poll(() => fake.windows.length, { timeout: 20_000 }).toBe(windows);
  const info = async () => (await fake.invoke('api', PAGE, 'app.info')) as { ok: boolean; value?: { dataDir: string } };
  await expect.poll(async () => (await info()).ok, { timeout: 20_000 }).toBe(true);
  return { fake, dataDir, main: fake.windows[windows - 1], pathsBeforeReady, info };
}

const walOf = (dataDir: string) => path.join(dataDir, 'icp-desk.sqlite-wal');

beforeEach(() => { delete process.env.ICPDESK_DATA_DIR; });
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

describe('electron/main.ts (fake electron)', { timeout: 60_000 }, () => {
  it('sets the data and Chromium session folders before ready, serves app:// with 404 for missing assets, answers IPC', async () => {
    const { fake, dataDir, main, pathsBeforeReady, info } = await startMain();
    expect(pathsBeforeReady.userData).toBe(path.join(fake.app.getPath('appData'), 'ICPDesk'));
    expect(pathsBeforeReady.sessionData).toBe(path.join(dataDir, 'Chromium'));
    expect(fake.pathsSetAfterReady).toEqual([]);
    expect(fake.privilegedSchemes).toHaveLength(1);

    const ok = await fake.fetchScheme('app://icpdesk/index.html');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await ok.text()).toContain('<div id="root">');
    expect((await fake.fetchScheme('app://icpdesk/clients/12')).status).toBe(200); // client-side route → index.html
    expect((await fake.fetchScheme('app://icpdesk/assets/missing-abc123.js')).status).toBe(404);
    expect((await fake.fetchScheme('app://icpdesk/favicon.ico')).status).toBe(404);
    expect((await fake.fetchScheme('app://icpdesk/%2e%2e/package.json')).status).toBe(404);
    expect((await fake.fetchScheme('app://evil/index.html')).status).toBe(404);

    expect((await info()).value?.dataDir).toBe(dataDir);
    expect(await fake.invoke('api', 'https://evil.example/', 'app.info')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // The hidden print window is a child of the main window.
    fake.onPageLoad = (page) => { page.window.__printReady = true; };
    fake.saveDialogPath = path.join(dataDir, 'out', 'x.pdf');
    await fake.invoke('host', PAGE, 'printRoute', { hash: '#/print/weekly?week=2026-W48', pdf: true, fileName: 'x' });
    const printWin = fake.windows[1];
    expect(printWin.options.parent).toBe(main);
    expect(printWin.isDestroyed()).toBe(true);
    expect(fake.saveDialogCalls.at(-1)?.window).toBe(main);

    // Only clipboard-sanitized-write, only for the app.
    expect(await fake.session.defaultSession.requestPermission('notifications', PAGE)).toBe(false);
    expect(await fake.session.defaultSession.requestPermission('clipboard-sanitized-write', PAGE)).toBe(true);
  });

  it("'closed' clears the window: a save dialog afterwards opens unattached; will-quit closes the database", async () => {
    const { fake, dataDir, main } = await startMain();
    expect(fs.existsSync(walOf(dataDir))).toBe(true);
    let closedDbBeforeWillQuit = false;
    fake.app.on('before-quit', () => { closedDbBeforeWillQuit = !fs.existsSync(walOf(dataDir)); });
    main.close(); // → window-all-closed → app.quit() → before-quit → will-quit
    expect(fake.quitted).toBe(true);
    expect(closedDbBeforeWillQuit).toBe(false);
    // Closing the last connection checkpoints the WAL and removes the -wal file.
    expect(fs.existsSync(walOf(dataDir))).toBe(false);
    fake.saveDialogPath = path.join(dataDir, 'late.xlsx');
    expect(await fake.invoke('host', PAGE, 'saveFile', { fileName: 'late.xlsx', base64: 'YQ==' })).toBe(fake.saveDialogPath);
    expect(fake.saveDialogCalls.at(-1)?.window).toBeNull();
  });

  it('Windows shutdown or logoff (session-end, no will-quit) closes the database', async () => {
    const { fake, dataDir } = await startMain();
    expect(fs.existsSync(walOf(dataDir))).toBe(true);
    fake.endSession();
    expect(fs.existsSync(walOf(dataDir))).toBe(false);
    expect(fake.quitted).toBe(false);
  });

  it('a start that upgrades the database shows the start-up window first (saved language), then the main window replaces it', async () => {
    const fixture = path.resolve(import.meta.dirname, '../fixtures/db/v170.sqlite');
    const { fake, main } = await startMain((d) => {
      fs.copyFileSync(fixture, path.join(d, 'icp-desk.sqlite'));
      fs.writeFileSync(path.join(d, 'ui-language.txt'), 'en');
    }, 2);
    const splash = fake.windows[0];
    expect(splash.options.webPreferences).toMatchObject({ sandbox: true, nodeIntegration: false, contextIsolation: true });
    expect((splash.options.webPreferences as Record<string, unknown>).preload).toBeUndefined();
    expect(splash.options.title).toBe('ICP Desk'); // the UI language saved by the last session: English
    expect(main.options.title).toBe('许可通 ICP Desk');
    // The main window shows, then the start-up window goes; the app keeps running.
    await expect.poll(() => main.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(splash.isDestroyed()).toBe(true);
    expect(fake.quitted).toBe(false);
  });

  it('a clean start of a current database shows no start-up window; an unclean one (no marker) does', async () => {
    const fixture = path.resolve(import.meta.dirname, '../fixtures/db/v190.sqlite');
    const clean = await startMain((d) => {
      fs.copyFileSync(fixture, path.join(d, 'icp-desk.sqlite'));
      fs.writeFileSync(path.join(d, 'clean-shutdown.json'), '{}');
    }, 1);
    expect(clean.fake.windows[0].options.title).toBe('许可通 ICP Desk');
    const unclean = await startMain((d) => fs.copyFileSync(fixture, path.join(d, 'icp-desk.sqlite')), 2);
    expect(unclean.fake.windows[0].options.title).toBe('许可通 ICP Desk');
    expect(unclean.fake.windows[0].options.closable).toBe(false);
    await expect.poll(() => unclean.fake.windows[0].isDestroyed(), { timeout: 20_000 }).toBe(true);
    expect(unclean.main.isVisible()).toBe(true);
  });
});
