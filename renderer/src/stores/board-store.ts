/**
 * The stage board's state: one column per stage, each holding the first `COLUMN_PAGE` matching clients (sorted by
 * name) and the column's total, with "show more" loading the next page — so 20,000 clients never render at once.
 * Filters (search, city, consultant) apply to every column. Moving a card calls clients.setStage with the chosen
 * date (recorded as the stage's start date and in the events log) and reloads the two columns concerned.
 */
import { create } from 'zustand';
import type { ClientRow } from '../../../shared/contract';
import { STAGE_KEYS, type StageKey } from '../../../shared/domain/stages';
import { call, ApiError } from '../api';

export const COLUMN_PAGE = 30;

export interface BoardFilters {
  q: string;
  city: string | null;
  consultant: string | null;
}
interface Column {
  rows: ClientRow[];
  total: number;
}
interface State {
  filters: BoardFilters;
  columns: Partial<Record<StageKey, Column>>;
  consultants: string[];
  error: string | null;
  setFilters(patch: Partial<BoardFilters>): void;
  reload(): Promise<void>;
  loadMore(stage: StageKey): Promise<void>;
  move(row: ClientRow, to: StageKey, date: string): Promise<void>;
}

let generation = 0;

export const useBoardStore = create<State>((set, get) => {
  const fetchColumn = (stage: StageKey, offset: number, limit: number) =>
    call('clients.list', { ...get().filters, stage, sort: 'name', dir: 'asc', offset, limit });
  const fail = (e: unknown) => set({ error: e instanceof ApiError ? e.message : String(e) });
  const reloadColumns = async (stages: readonly StageKey[]) => {
    const g = generation;
    const pages = await Promise.all(stages.map((s) => fetchColumn(s, 0, Math.max(COLUMN_PAGE, get().columns[s]?.rows.length ?? 0))));
    if (g !== generation) return;
    const columns = { ...get().columns };
    stages.forEach((s, i) => (columns[s] = { rows: pages[i].rows, total: pages[i].total }));
    set({ columns });
  };
  return {
    filters: { q: '', city: null, consultant: null },
    columns: {},
    consultants: [],
    error: null,
    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      void get().reload();
    },
    async reload() {
      const g = ++generation;
      set({ error: null });
      try {
        const [facets, ...pages] = await Promise.all([call('clients.facets', {}), ...STAGE_KEYS.map((s) => fetchColumn(s, 0, COLUMN_PAGE))]);
        if (g !== generation) return;
        set({ consultants: facets.consultants, columns: Object.fromEntries(STAGE_KEYS.map((s, i) => [s, { rows: pages[i].rows, total: pages[i].total }])) });
      } catch (e) {
        if (g === generation) fail(e);
      }
    },
    async loadMore(stage) {
      const g = generation;
      const col = get().columns[stage];
      if (!col) return;
      try {
        const page = await fetchColumn(stage, col.rows.length, COLUMN_PAGE);
        if (g !== generation) return;
        set({ columns: { ...get().columns, [stage]: { rows: [...col.rows, ...page.rows], total: page.total } } });
      } catch (e) {
        fail(e);
      }
    },
    async move(row, to, date) {
      set({ error: null });
      try {
        await call('clients.setStage', { id: row.id, stage: to, date });
        await reloadColumns([row.stage, to]);
      } catch (e) {
        fail(e);
        throw e;
      }
    },
  };
});
