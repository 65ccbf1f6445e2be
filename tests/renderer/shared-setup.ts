/**
 * Set-up run before every file of the `renderer` project (vitest.config.ts), after tests/renderer/setup.ts. Its files
 * share one worker process and one happy-dom window (`isolate: false`): the modules — React, MUI, i18next, the stores —
 * load once per worker instead of once per file. This resets, before each file, what a file could leave behind for the
 * next: the stores' state (as if their modules were new), the UI language, storage, the hash route, the fake API
 * transport, stubbed globals and spies; after each file it empties the body (what unmounting leaves: portals'
 * containers, MUI's scroll lock and aria-hidden). Files that mock a module (`vi.mock`), replace browser globals without restoring
 * them or start the app's timers (the whole `<App />`) run in the isolated `renderer-isolated` project instead.
 */
import i18n from '../../renderer/src/i18n/index';
import { afterAll, beforeAll, vi } from 'vitest';
import { setTransport } from '../../renderer/src/api';
import { parseHash, useRoute } from '../../renderer/src/route';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { useBackupStore } from '../../renderer/src/stores/backup-store';
import { useBoardStore } from '../../renderer/src/stores/board-store';
import { useClientDeadlinesStore } from '../../renderer/src/stores/client-deadlines-store';
import { useClientStore } from '../../renderer/src/stores/client-store';
import { useClientsStore } from '../../renderer/src/stores/clients-store';
import { useDashboardStore } from '../../renderer/src/stores/dashboard-store';
import { useImportStore } from '../../renderer/src/stores/import-store';
import { useInspectionsStore } from '../../renderer/src/stores/inspections-store';
import { useSettingsStore } from '../../renderer/src/stores/settings-store';
import { useWeeklyStore } from '../../renderer/src/stores/weekly-store';
import { useAttachmentsStore } from '../../renderer/src/pages/client/attachments/attachments-store';

/** The part of a zustand store the reset needs. */
interface ResettableStore {
  getInitialState(): object;
  setState(state: object, replace: true): void;
}

/** Every zustand store of the renderer, reset to the state it was created with before each file. */
const STORES: ResettableStore[] = [
  useAppStore, useBackupStore, useBoardStore, useClientDeadlinesStore, useClientStore, useClientsStore, useDashboardStore,
  useImportStore, useInspectionsStore, useSettingsStore, useWeeklyStore, useAttachmentsStore,
];

beforeAll(async () => {
  localStorage.clear();
  sessionStorage.clear();
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  useRoute.setState({ route: parseHash('') }, true);
  for (const store of STORES) store.setState(store.getInitialState(), true);
  setTransport(null);
  await i18n.changeLanguage('zh-CN');
  document.documentElement.removeAttribute('lang');
  document.title = '';
});

afterAll(() => {
  // What unmounting leaves behind in the shared window: portals' containers, MUI's scroll lock on the body.
  document.body.innerHTML = '';
  document.body.removeAttribute('style');
  document.body.removeAttribute('aria-hidden');
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
