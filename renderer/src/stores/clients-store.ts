/**
 * Client register state: the query (search, filters, sort) and a sparse page cache of the matching rows, fetched
 * 100 at a time as the virtual list scrolls. A newer query discards answers to older ones.
 */
import { create } from 'zustand';
import type { ClientRow } from '../../../shared/contract';
import type { StageKey } from '../../../shared/domain/stages';
import { call, ApiError } from '../api';

export const PAGE = 100;
export type SortField = 'name' | 'city' | 'industry' | 'stage' | 'consultant' | 'progress' | 'lastNoteDate' | 'createdAt';

export interface ClientQuery {
  q: string;
  city: string | null;
  stage: StageKey | null;
  consultant: string | null;
  sort: SortField;
  dir: 'asc' | 'desc';
}

interface State {
  query: ClientQuery;
  total: number | null;
  rows: Array<ClientRow | undefined>;
  consultants: string[];
  grandTotal: number | null;
  error: string | null;
  generation: number;
  setQuery(patch: Partial<ClientQuery>): void;
  reload(): Promise<void>;
  ensureRange(start: number, end: number): void;
}

const pending = new Set<string>();

export const useClientsStore = create<State>((set, get) => ({
  query: { q: '', city: null, stage: null, consultant: null, sort: 'createdAt', dir: 'asc' },
  total: null,
  rows: [],
  consultants: [],
  grandTotal: null,
  error: null,
  generation: 0,
  setQuery(patch) {
    set({ query: { ...get().query, ...patch } });
    void get().reload();
  },
  async reload() {
    const generation = get().generation + 1;
    set({ generation, error: null });
    pending.clear();
    try {
      const [page, facets] = await Promise.all([
        call('clients.list', { ...get().query, offset: 0, limit: PAGE }),
        call('clients.facets', {}),
      ]);
      if (get().generation !== generation) return;
      const rows: Array<ClientRow | undefined> = new Array(page.total);
      page.rows.forEach((r, i) => (rows[i] = r));
      set({ total: page.total, rows, consultants: facets.consultants, grandTotal: facets.total });
    } catch (e) {
      if (get().generation === generation) set({ error: e instanceof ApiError ? e.message : String(e), total: 0, rows: [] });
    }
  },
  ensureRange(start, end) {
    const { rows, generation, query } = get();
    for (let p = Math.floor(start / PAGE); p <= Math.floor(end / PAGE); p++) {
      const offset = p * PAGE;
      if (offset >= rows.length || rows[offset] !== undefined) continue;
      const key = `${generation}:${offset}`;
      if (pending.has(key)) continue;
      pending.add(key);
      void call('clients.list', { ...query, offset, limit: PAGE }).then((page) => {
        if (get().generation !== generation) return;
        const next = get().rows.slice();
        page.rows.forEach((r, i) => (next[offset + i] = r));
        set({ rows: next });
      });
    }
  },
}));
