/**
 * One keymap for the whole app, in Electron and in the browser (where the browser lets a page have the key):
 *
 * | keys | command |
 * |---|---|
 * | Ctrl/Cmd+F | `focus-search`: the register's search box, from anywhere |
 * | Ctrl/Cmd+N | `new-client` |
 * | Ctrl/Cmd+P | `print`: the current printable view |
 * | Ctrl/Cmd+S | `save`: the open form (which validates first: a form with an error does not save) |
 * | Alt+← / Alt+→ | `back` / `forward` |
 *
 * Esc closing a dialog is MUI's own (forms with unsaved edits ask first). The Electron application menu shows the
 * same accelerators without registering them and forwards its clicks here as commands (`runCommand`), so a key is
 * handled in one place. Pages and forms provide `print` and `save` with `useCommand`; the latest registration wins
 * (a dialog's save over its page's), and a key no one handles does nothing (never the browser's "save page").
 */
import { useEffect, useRef } from 'react';
import { navigate, useRoute } from '../route';

/** Commands a key or a menu item can run. */
export type Command =
  | 'focus-search' | 'new-client' | 'print' | 'save' | 'back' | 'forward'
  | 'go-home' | 'go-clients' | 'go-board' | 'go-weekly' | 'go-import' | 'go-settings';

/** The key bindings, for the menu labels and tooltips (`mod` = Ctrl, or Cmd on macOS). */
export const KEY_BINDINGS: { command: Command; mod: boolean; alt: boolean; key: string }[] = [
  { command: 'focus-search', mod: true, alt: false, key: 'f' },
  { command: 'new-client', mod: true, alt: false, key: 'n' },
  { command: 'print', mod: true, alt: false, key: 'p' },
  { command: 'save', mod: true, alt: false, key: 's' },
  { command: 'back', mod: false, alt: true, key: 'ArrowLeft' },
  { command: 'forward', mod: false, alt: true, key: 'ArrowRight' },
];

const handlers = new Map<Command, (() => void)[]>();

/** Registers `fn` for `command` while the calling component is mounted (latest wins). */
export function useCommand(command: Command, fn: (() => void) | null): void {
  const ref = useRef(fn);
  ref.current = fn;
  const enabled = fn !== null;
  useEffect(() => {
    if (!enabled) return undefined;
    const h = () => ref.current?.();
    const list = handlers.get(command) ?? [];
    handlers.set(command, [...list, h]);
    return () => { handlers.set(command, (handlers.get(command) ?? []).filter((x) => x !== h)); };
  }, [command, enabled]);
}

function focusSearch(tries = 40): void {
  const box = document.querySelector<HTMLInputElement>('[data-testid="client-search"]');
  if (box) { box.focus(); box.select(); return; }
  if (tries > 0) requestAnimationFrame(() => focusSearch(tries - 1));
}

/** Runs a command (from a key or a forwarded menu click). Returns false when nothing handles it. */
export function runCommand(command: Command): boolean {
  const own = handlers.get(command);
  if (own && own.length > 0) { own[own.length - 1](); return true; }
  switch (command) {
    case 'focus-search':
      if (useRoute.getState().route.name !== 'clients') navigate({ name: 'clients' });
      focusSearch();
      return true;
    case 'new-client': navigate({ name: 'newClient' }); return true;
    case 'back': history.back(); return true;
    case 'forward': history.forward(); return true;
    case 'go-home': navigate({ name: 'home' }); return true;
    case 'go-clients': navigate({ name: 'clients' }); return true;
    case 'go-board': navigate({ name: 'board' }); return true;
    case 'go-weekly': navigate({ name: 'weekly', week: null, clientId: null }); return true;
    case 'go-import': navigate({ name: 'import' }); return true;
    case 'go-settings': navigate({ name: 'settings' }); return true;
    case 'print':
      if (useRoute.getState().route.name === 'print') { window.print(); return true; }
      return false;
    case 'save': return false;
  }
}

/** The command bound to a keydown, or null. Keys confirming an input method's composition are never commands. */
export function commandForKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'isComposing' | 'keyCode'>): Command | null {
  if (e.isComposing || e.keyCode === 229) return null;
  const mod = e.ctrlKey || e.metaKey;
  const b = KEY_BINDINGS.find((k) => k.mod === mod && k.alt === e.altKey && !e.shiftKey && (k.key.length === 1 ? e.key.toLowerCase() === k.key : e.key === k.key));
  return b?.command ?? null;
}

/** Installs the window keydown listener (capture phase, once). Returns the uninstaller. */
export function installKeymap(): () => void {
  const onKey = (e: KeyboardEvent) => {
    const command = commandForKey(e);
    if (!command) return;
    // Ctrl+S / Ctrl+P always stay ours (never the browser's save-page or a print of the whole app screen).
    if (command === 'save' || command === 'print') e.preventDefault();
    if (runCommand(command)) e.preventDefault();
  };
  window.addEventListener('keydown', onKey, true);
  return () => window.removeEventListener('keydown', onKey, true);
}
