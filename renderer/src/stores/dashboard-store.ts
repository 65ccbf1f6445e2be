/**
 * The home dashboard's data: fetched for the app's `today` (host clock) when the page opens, whenever `today`
 * changes (the app stays open over midnight), every 5 minutes, and when the window regains focus.
 */
import { create } from 'zustand';
import type { Dashboard } from '../../../shared/contracts/deadlines';
import { call, ApiError } from '../api';

interface State {
  data: Dashboard | null;
  loadedAt: Date | null;
  loading: boolean;
  error: string | null;
  load(today: string): Promise<void>;
}

let generation = 0;

export const useDashboardStore = create<State>((set) => ({
  data: null,
  loadedAt: null,
  loading: false,
  error: null,
  async load(today) {
    const g = ++generation;
    set({ loading: true, error: null });
    try {
      const data = await call('dashboard.get', { today });
      if (g === generation) set({ data, loadedAt: new Date(), loading: false });
    } catch (e) {
      if (g === generation) set({ error: e instanceof ApiError ? e.message : String(e), loading: false });
    }
  },
}));

/** How often an open dashboard refreshes itself. */
export const DASHBOARD_REFRESH_MS = 5 * 60_000;
