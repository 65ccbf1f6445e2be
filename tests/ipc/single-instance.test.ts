import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, type FocusableWindow } from '../../electron/single-instance';

vi.mock('electron', () => ({}));

/** A fake Electron `app`: one lock shared by the "processes" created from it. */
function fakeElectron() {
  let held = false;
  const makeApp = () => {
    const listeners: Record<string, (() => void)[]> = {};
    return {
      quit: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => (held ? false : (held = true))),
      on: vi.fn((ev: string, fn: () => void) => { (listeners[ev] ??= []).push(fn); }),
      emit: (ev: string) => listeners[ev]?.forEach((f) => f()),
    };
  };
  return { makeApp };
}

function fakeWindow(state: { minimized?: boolean; visible?: boolean; destroyed?: boolean } = {}) {
  const calls: string[] = [];
  const win: FocusableWindow = {
    isDestroyed: () => !!state.destroyed,
    isMinimized: () => !!state.minimized,
    restore: () => { calls.push('restore'); state.minimized = false; },
    isVisible: () => state.visible ?? true,
    show: () => { calls.push('show'); state.visible = true; },
    focus: () => calls.push('focus'),
  };
  return { win, calls };
}

describe('single instance', () => {
  it('the first launch takes the lock; a second launch quits and the first window comes to the front', () => {
    const electron = fakeElectron();
    const first = electron.makeApp();
    const { win, calls } = fakeWindow({ minimized: true, visible: true });
    expect(claimSingleInstance(first, () => win)).toBe(true);
    expect(first.quit).not.toHaveBeenCalled();

    const second = electron.makeApp();
    expect(claimSingleInstance(second, () => null)).toBe(false);
    expect(second.quit).toHaveBeenCalledTimes(1);
    expect(second.on).not.toHaveBeenCalled(); // the second never opens the database nor a window

    first.emit('second-instance'); // what Electron tells the first process
    expect(calls).toEqual(['restore', 'focus']);
  });

  it('shows a hidden window; does nothing before the window exists or after it is destroyed', () => {
    const app = fakeElectron().makeApp();
    let current: FocusableWindow | null = null;
    claimSingleInstance(app, () => current);
    app.emit('second-instance');
    const hidden = fakeWindow({ visible: false });
    current = hidden.win;
    app.emit('second-instance');
    expect(hidden.calls).toEqual(['show', 'focus']);
    const gone = fakeWindow({ destroyed: true });
    current = gone.win;
    app.emit('second-instance');
    expect(gone.calls).toEqual([]);
  });
});
