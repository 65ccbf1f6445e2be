/**
 * Desktop conventions wired once at the app's root: the keymap, commands forwarded by the Electron menu, the daily
 * reminders, the UI language told to the menu, and the last page reopened at the next start. Print views (also loaded
 * in Electron's hidden print window) get none of it.
 */
import { useEffect } from 'react';
import { onHostCommand, setHostLanguage } from '../host';
import { parseHash, useRoute } from '../route';
import { installKeymap, runCommand, type Command } from './keymap';
import { startReminders } from './reminders';

const LAST_PAGE_KEY = 'icpdesk.lastPage';

/** At start, before the first render: an address without a page reopens the page the user left (never a print view). */
export function restoreLastPage(): void {
  try {
    const last = localStorage.getItem(LAST_PAGE_KEY);
    if ((location.hash === '' || location.hash === '#') && last && last.startsWith('#/') && parseHash(last).name !== 'print') location.replace(last);
  } catch { /* storage unavailable: start at home */ }
}

/** Installs everything above for the app window (not for print views). */
export function useDesktop(lang: 'zh-CN' | 'en', isPrintView: boolean): void {
  useEffect(() => {
    if (isPrintView) return undefined;
    const offKeys = installKeymap();
    const offHost = onHostCommand((name) => { runCommand(name as Command); });
    startReminders();
    const offRoute = useRoute.subscribe(({ route }) => {
      if (route.name === 'print') return;
      try { localStorage.setItem(LAST_PAGE_KEY, location.hash || '#/'); } catch { /* keep going */ }
    });
    return () => { offKeys(); offHost(); offRoute(); };
  }, [isPrintView]);
  useEffect(() => { if (!isPrintView) setHostLanguage(lang); }, [lang, isPrintView]);
}
