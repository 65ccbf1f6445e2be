/**
 * One running app per user: a second launch must not open the database a second time (two processes writing the
 * same SQLite file through different WAL indexes is how data gets lost). The second process asks for the lock,
 * does not get it and quits; the first is told ('second-instance') and brings its window to the front.
 */

/** The parts of Electron's `app` used here (a fake in tests). */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/** The parts of a BrowserWindow used to bring it to the front. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  isVisible(): boolean;
  show(): void;
  focus(): void;
}

/** Restores (if minimised), shows (if hidden) and focuses `win`; nothing if there is no live window yet. */
export function focusWindow(win: FocusableWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}

/**
 * Claims the single-instance lock.
 * @param app Electron's app
 * @param currentWindow returns the main window (or null while it is being created)
 * @returns true in the first instance (continue starting); false in a second one, which has called `app.quit()`
 */
export function claimSingleInstance(app: SingleInstanceApp, currentWindow: () => FocusableWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusWindow(currentWindow()));
  return true;
}
