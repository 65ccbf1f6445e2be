/**
 * The main window's size, position and maximised state, kept in `<data folder>/window-state.json` and restored at the
 * next start — kept on screen: a saved position on a monitor that is gone (or mostly off every screen) is dropped so
 * the window opens centred, and a size larger than the largest screen is reduced to fit.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A rectangle in screen pixels (DIP), as Electron's `Rectangle` / `Display.workArea`. */
export interface Rect { x: number; y: number; width: number; height: number }

/** What is saved and restored; no `x`/`y` means "centre on the primary screen". */
export interface WindowState { x?: number; y?: number; width: number; height: number; maximized: boolean }

/** The first-start size (fits a 1366 × 768 laptop screen's work area when maximised). */
export const DEFAULT_WINDOW: WindowState = { width: 1360, height: 860, maximized: false };
const MIN = { width: 900, height: 600 };
/** How much of the window must be on some screen to keep its position: enough to grab the title bar. */
const VISIBLE = { width: 160, height: 48 };

const STATE_FILE = 'window-state.json';

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * The state to open with, from what was saved (anything: a missing or damaged file gives the default) and the work
 * areas of the screens connected now (`screen.getAllDisplays().map((d) => d.workArea)`).
 */
export function restoreWindowState(saved: unknown, workAreas: Rect[]): WindowState {
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const given = saved as Partial<WindowState> | null;
  const s = given && num(given.width) && num(given.height) ? given : DEFAULT_WINDOW;
  const maxW = Math.max(MIN.width, ...workAreas.map((w) => w.width));
  const maxH = Math.max(MIN.height, ...workAreas.map((w) => w.height));
  const width = Math.round(Math.min(Math.max(s.width!, MIN.width), maxW));
  const height = Math.round(Math.min(Math.max(s.height!, MIN.height), maxH));
  const out: WindowState = { width, height, maximized: s.maximized === true };
  if (num(s.x) && num(s.y)) {
    const rect = { x: s.x, y: s.y, width, height };
    // The title bar (the window's top strip) must be reachable on one screen.
    const titleBar = { x: rect.x, y: rect.y, width: rect.width, height: VISIBLE.height };
    const onScreen = workAreas.some((w) => {
      const o = overlap(titleBar, w);
      return o.width >= VISIBLE.width && o.height >= Math.min(VISIBLE.height, titleBar.height) && rect.y >= w.y;
    });
    if (onScreen) { out.x = Math.round(s.x); out.y = Math.round(s.y); }
  }
  return out;
}

/** Reads the saved state of the data folder (null when none or unreadable). */
export function readWindowState(dataDir: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, STATE_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/** Saves the state (normal bounds even when maximised, so un-maximising restores the user's size). Never throws. */
export function writeWindowState(dataDir: string, state: WindowState): void {
  try {
    fs.writeFileSync(path.join(dataDir, STATE_FILE), JSON.stringify(state), { mode: 0o600 });
  } catch {
    /* a read-only or full disk: the window opens at the default next time */
  }
}
