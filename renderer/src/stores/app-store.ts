/**
 * App-wide facts from the host: version, data folder and "today" in China. Today comes from the host's clock (which
 * tests and demos can fix with ICPDESK_NOW), refreshed every minute so a window left open over midnight moves on.
 */
import { create } from 'zustand';
import { call } from '../api';
import { chinaToday } from '../../../shared/domain/weeks';
import type { DataState } from '../../../shared/contracts/backup';

interface AppState {
  today: string;
  version: string | null;
  dataDir: string | null;
  dbPath: string | null;
  /** The data's state from the host ('ok' / 'recovery' / 'newer'); null until the first answer (or if the host is unreachable). */
  state: DataState | null;
  /** True once the host has answered app.info (or failed to): until then `today` is only the browser's guess. */
  answered: boolean;
  refresh(): Promise<void>;
}

export const useAppStore = create<AppState>((set) => ({
  today: chinaToday(),
  version: null,
  dataDir: null,
  dbPath: null,
  state: null,
  answered: false,
  async refresh() {
    try {
      const info = await call('app.info', {});
      set({ today: info.today, version: info.version, dataDir: info.dataDir, dbPath: info.dbPath, state: info.state, answered: true });
    } catch {
      /* keep the local date; the pages show their own connection errors */
      set({ answered: true });
    }
  },
}));

let timer: ReturnType<typeof setInterval> | null = null;
/** Starts the periodic refresh (idempotent). */
export function startAppClock(): void {
  void useAppStore.getState().refresh();
  timer ??= setInterval(() => void useAppStore.getState().refresh(), 60_000);
}
