/**
 * The start-up window (issue 16): shown at once when a start migrates the database or checks it in full, updated from
 * the migration's progress, closed when the main window is ready. Its page is a data: URL without script
 * (splash-text.ts); the window has the app's webPreferences (no Node, sandbox, context isolation) and no preload.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { MigrationStep } from '../db/open';
import { splashText, splashUrl, stepPercent, type SplashLang, type SplashReason } from './splash-text';

/** The open start-up window: feed it progress, close it once the main window shows. Both are safe after it closed. */
export interface Splash {
  progress(step: MigrationStep): void;
  close(): void;
}

/** Least time between two repaints (ms): a step reports far more often than a person reads. */
export const SPLASH_REPAINT_MS = 250;

/**
 * Opens the window and waits until its first page has loaded (so it paints before the database work starts).
 * `BrowserWindowCtor` is Electron's BrowserWindow (tests pass the fake); `clock` (ms) is injectable.
 * Repaints only when the percent changes, at most every {@link SPLASH_REPAINT_MS} (100 % always).
 */
export async function openSplash(
  BrowserWindowCtor: new (o: BrowserWindowConstructorOptions) => BrowserWindow, reason: SplashReason, lang: SplashLang,
  clock: () => number = () => Date.now(),
): Promise<Splash> {
  const win = new BrowserWindowCtor({
    width: 440,
    height: 170,
    resizable: false,
    minimizable: false,
    maximizable: false,
    closable: false,
    fullscreenable: false,
    title: splashText(reason, lang, null).title,
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, spellcheck: false, disableBlinkFeatures: 'Auxclick' },
  });
  let shown: number | null = null;
  let last = -Infinity;
  const load = (percent: number | null) => {
    if (win.isDestroyed()) return;
    win.loadURL(splashUrl(reason, lang, percent)).catch(() => undefined); // a newer page replaced it: no matter
  };
  await win.loadURL(splashUrl(reason, lang, null)).catch(() => undefined);
  return {
    progress(step) {
      const p = stepPercent(step);
      if (p === null || p === shown) return;
      const t = clock();
      if (p < 100 && t - last < SPLASH_REPAINT_MS) return;
      shown = p;
      last = t;
      load(p);
    },
    close() {
      if (!win.isDestroyed()) win.destroy();
    },
  };
}
