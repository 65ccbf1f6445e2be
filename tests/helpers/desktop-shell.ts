/**
 * The desktop shell (electron/desktop-shell.ts) set up on the fake `electron` module (tests/helpers/fake-electron.ts)
 * over a real host context in a fresh data folder, for the tests of the Electron glue that opens, picks and saves
 * files. Call {@link useDesktopShell} inside a `describe`: it registers the `afterEach` that closes every context and
 * removes every folder the tests of that block made.
 */
import fs from 'node:fs';
import { afterEach } from 'vitest';
import { setUpDesktopShell, type ShellDeps } from '../../electron/desktop-shell';
import { openHostContext } from '../../electron/host-context';
import type { ServiceContext } from '../../db/service/context';
import { FakeElectron } from './fake-electron';
import { testTempDir } from './temp-dirs';

/** The host's clock in these tests: 2026-11-27 10:00 China time. */
export const SHELL_NOW = '2026-11-27T02:00:00Z';

/**
 * `mk(name)`: a fresh folder `icpdesk-<prefix>-<name>-*` in the temp folder, removed after each test; `track(ctx)`:
 * a context to close after each test; `shell({ window })`: the fake electron (its app ready), a host context on a
 * fresh data folder (`dataDir`), the shell's temporary folder (`tmpDir`) and, with `window: true`, a main window.
 */
export function useDesktopShell(prefix: string) {
  const dirs: string[] = [];
  const ctxs: ServiceContext[] = [];
  afterEach(() => {
    for (const c of ctxs.splice(0)) c.db.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const mk = (name: string) => { const d = testTempDir(`icpdesk-${prefix}-${name}-`); dirs.push(d); return d; };
  const track = <C extends ServiceContext>(ctx: C): C => { ctxs.push(ctx); return ctx; };
  async function shell(opts: { window?: boolean } = {}) {
    const fake = new FakeElectron();
    const dataDir = mk('data');
    const tmpDir = mk('tmp');
    const ctx = track(await openHostContext({ dataDir, version: '1.2.3', now: () => new Date(SHELL_NOW) }));
    await fake.app.whenReady();
    const win = opts.window ? new fake.BrowserWindow({}) : null;
    const deps = { app: fake.app, Menu: fake.Menu, Notification: fake.Notification, dialog: fake.dialog, shell: fake.shell, screen: fake.screen, ipcMain: fake.ipcMain, platform: 'linux', tmpDir } as unknown as ShellDeps;
    setUpDesktopShell(deps, { win: () => win as never, ctx: () => ctx, dataDir, version: '1.2.3' });
    return { fake, ctx, dataDir, tmpDir, win };
  }
  return { mk, track, shell };
}
