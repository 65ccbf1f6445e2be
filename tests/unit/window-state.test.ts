/** The main window opens where it was left, and always on a screen that is still connected. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, restoreWindowState } from '../../electron/window-state';

const laptop = { x: 0, y: 0, width: 1366, height: 728 }; // 1366 × 768 with a 40 px taskbar
const right = { x: 1366, y: 0, width: 1920, height: 1040 }; // a second monitor to its right

describe('restoreWindowState', () => {
  it('keeps a saved window that is on a connected screen, maximised state included', () => {
    expect(restoreWindowState({ x: 1500, y: 100, width: 1400, height: 900, maximized: true }, [laptop, right]))
      .toEqual({ x: 1500, y: 100, width: 1400, height: 900, maximized: true });
  });

  it('drops the position when the monitor it was on is gone (opens centred), and fits the size to the screens left', () => {
    expect(restoreWindowState({ x: 1500, y: 100, width: 1800, height: 1000, maximized: false }, [laptop]))
      .toEqual({ width: 1366, height: 728, maximized: false });
  });

  it('drops a position whose title bar is off every screen (above the top, or barely visible at an edge)', () => {
    expect(restoreWindowState({ x: 100, y: -400, width: 1000, height: 700, maximized: false }, [laptop])).not.toHaveProperty('x');
    expect(restoreWindowState({ x: 1300, y: 100, width: 1000, height: 700, maximized: false }, [laptop])).not.toHaveProperty('x');
    // 200 px of the title bar on the laptop screen is enough to grab it.
    expect(restoreWindowState({ x: 1166, y: 100, width: 1000, height: 700, maximized: false }, [laptop])).toMatchObject({ x: 1166, y: 100 });
  });

  it('a missing or damaged file gives the default size, fitted to the screen; tiny sizes grow to the minimum', () => {
    expect(restoreWindowState(null, [right])).toEqual(DEFAULT_WINDOW);
    expect(restoreWindowState({ width: 'big' }, [right])).toEqual(DEFAULT_WINDOW);
    expect(restoreWindowState(null, [laptop])).toEqual({ width: 1360, height: 728, maximized: false });
    expect(restoreWindowState({ width: 100, height: 50, maximized: false }, [laptop])).toEqual({ width: 900, height: 600, maximized: false });
  });
});
