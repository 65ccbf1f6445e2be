/**
 * Weekly summary page state (周报): the roll-up's filters and sort, the loaded roll-up, the loaded client summary, and
 * the actions (save next steps, export Excel). The week and the client come from the route (renderer/src/route.ts);
 * the default week is computed from the host's clock. A newer request discards answers to older ones.
 */
import { create } from 'zustand';
import type { ClientWeekSummary, RollupSortField, WeeklyRollup } from '../../../shared/reports/weekly-model';
import type { StageKey } from '../../../shared/domain/stages';
import { defaultSummaryWeek, isoWeekId, isoWeekOf } from '../../../shared/domain/weeks';
import { call, ApiError } from '../api';
import { fromBase64, saveFile } from '../host';
import { useAppStore } from './app-store';

/** The roll-up's filters (null = all) and sort. */
export interface RollupFilters {
  city: string | null;
  stage: StageKey | null;
  consultant: string | null;
  sort: RollupSortField;
  dir: 'asc' | 'desc';
}

interface State {
  filters: RollupFilters;
  rollup: WeeklyRollup | null;
  rollupError: string | null;
  summary: ClientWeekSummary | null;
  summaryError: string | null;
  /** The client id weekly.client answered NOT_FOUND for (deleted or never existed), else null. */
  summaryNotFound: number | null;
  busy: null | 'xlsx' | 'pdf' | 'save';
  message: string | null;
  setFilters(patch: Partial<RollupFilters>, week: string): void;
  loadRollup(week: string): Promise<void>;
  loadSummary(clientId: number, week: string): Promise<void>;
  saveNextSteps(clientId: number, week: string, body: string): Promise<void>;
  exportXlsx(week: string): Promise<void>;
  /** Saves one client's week as an .xlsx with only that client's sheet. */
  exportClientXlsx(clientId: number, week: string): Promise<void>;
  setBusy(b: State['busy']): void;
  setMessage(m: string | null): void;
}

/**
 * The week the page opens on, by the host's clock (China): for the roll-up the last complete week on a Monday, else
 * the current week; for one client's summary (opened from the client page) always the current week.
 */
export async function hostDefaultWeek(mode: 'rollup' | 'client' = 'rollup'): Promise<string> {
  await useAppStore.getState().refresh();
  const today = useAppStore.getState().today;
  return isoWeekId(mode === 'client' ? isoWeekOf(today) : defaultSummaryWeek(today));
}

const errText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));
let rollupGen = 0;
let summaryGen = 0;

export const useWeeklyStore = create<State>((set, get) => ({
  filters: { city: null, stage: null, consultant: null, sort: 'attention', dir: 'asc' },
  rollup: null,
  rollupError: null,
  summary: null,
  summaryError: null,
  summaryNotFound: null,
  busy: null,
  message: null,
  setFilters(patch, week) {
    set({ filters: { ...get().filters, ...patch } });
    void get().loadRollup(week);
  },
  async loadRollup(week) {
    const gen = ++rollupGen;
    set({ rollupError: null });
    try {
      const rollup = await call('weekly.rollup', { week, ...get().filters });
      if (gen === rollupGen) set({ rollup });
    } catch (e) {
      if (gen === rollupGen) set({ rollupError: errText(e), rollup: null });
    }
  },
  async loadSummary(clientId, week) {
    const gen = ++summaryGen;
    set({ summaryError: null, summaryNotFound: null });
    try {
      const summary = await call('weekly.client', { clientId, week });
      if (gen === summaryGen) set({ summary });
    } catch (e) {
      if (gen !== summaryGen) return;
      if (e instanceof ApiError && e.code === 'NOT_FOUND') set({ summaryNotFound: clientId, summary: null });
      else set({ summaryError: errText(e), summary: null });
    }
  },
  async saveNextSteps(clientId, week, body) {
    set({ busy: 'save', summaryError: null });
    try {
      await call('weekly.setNextSteps', { clientId, week, body });
      await get().loadSummary(clientId, week);
    } catch (e) {
      set({ summaryError: errText(e) });
      throw e;
    } finally {
      set({ busy: null });
    }
  },
  async exportXlsx(week) {
    set({ busy: 'xlsx', rollupError: null });
    try {
      const out = await call('weekly.exportXlsx', { week, ...get().filters });
      await saveFile(out.fileName, fromBase64(out.dataBase64), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (e) {
      set({ rollupError: errText(e) });
    } finally {
      set({ busy: null });
    }
  },
  async exportClientXlsx(clientId, week) {
    set({ busy: 'xlsx', summaryError: null });
    try {
      const out = await call('weekly.exportClientXlsx', { clientId, week });
      await saveFile(out.fileName, fromBase64(out.dataBase64), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (e) {
      set({ summaryError: errText(e) });
    } finally {
      set({ busy: null });
    }
  },
  setBusy: (busy) => set({ busy }),
  setMessage: (message) => set({ message }),
}));
