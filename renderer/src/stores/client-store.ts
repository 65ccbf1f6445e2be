/**
 * One client's page state: the client, its materials checklist, progress notes and activity timeline. Every action
 * calls the API, then refreshes what the change affects (the timeline always, since every change is recorded).
 */
import { create } from 'zustand';
import type { Client, Event, In, Material, Note } from '../../../shared/contract';
import { call, ApiError } from '../api';
import { keepSame, keepUnchanged } from './keep-unchanged';

interface State {
  id: number | null;
  client: Client | null;
  materials: Material[];
  notes: Note[];
  timeline: Event[];
  error: string | null;
  notFound: boolean;
  load(id: number): Promise<void>;
  /** `on`: the effective date (back-dated change), null / omitted = today. */
  setStatus(m: Material, status: Material['status'], on?: string | null): Promise<void>;
  setChecks(m: Material, checks: Pick<Material, 'checkComplete' | 'checkAccurate' | 'checkLegible'>): Promise<void>;
  updateMaterial(m: Material, patch: { note: string | null; dueDate: string | null }): Promise<void>;
  setStage(input: Omit<In<'clients.setStage'>, 'id'>): Promise<void>;
  addNote(date: string, body: string): Promise<void>;
  editNote(id: number, date: string, body: string): Promise<void>;
  removeNote(id: number): Promise<void>;
  setClient(c: Client): void;
}

export const useClientStore = create<State>((set, get) => {
  const id = () => {
    const v = get().id;
    if (v === null) throw new Error('no client loaded');
    return v;
  };
  const fail = (e: unknown) => set({ error: e instanceof ApiError ? e.message : String(e) });
  const refresh = async (parts: Array<'client' | 'materials' | 'notes' | 'timeline'>) => {
    const cid = id();
    const [client, materials, notes, timeline] = await Promise.all([
      parts.includes('client') ? call('clients.get', { id: cid }) : Promise.resolve(get().client),
      parts.includes('materials') ? call('materials.list', { clientId: cid }) : Promise.resolve(get().materials),
      parts.includes('notes') ? call('notes.list', { clientId: cid }) : Promise.resolve(get().notes),
      parts.includes('timeline') ? call('clients.timeline', { id: cid }) : Promise.resolve(get().timeline),
    ]);
    // Unchanged rows keep their objects, so the memoised rows of the lists re-render only where something changed.
    const s = get();
    if (s.id === cid) set({ client: keepSame(s.client, client), materials: keepUnchanged(s.materials, materials), notes: keepUnchanged(s.notes, notes), timeline: keepUnchanged(s.timeline, timeline) });
  };
  const act = async (fn: () => Promise<unknown>, parts: Array<'client' | 'materials' | 'notes' | 'timeline'>) => {
    set({ error: null });
    try {
      await fn();
      await refresh(parts);
    } catch (e) {
      fail(e);
      throw e;
    }
  };
  return {
    id: null, client: null, materials: [], notes: [], timeline: [], error: null, notFound: false,
    async load(cid) {
      set({ id: cid, client: null, materials: [], notes: [], timeline: [], error: null, notFound: false });
      try {
        await refresh(['client', 'materials', 'notes', 'timeline']);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'NOT_FOUND') set({ notFound: true });
        else fail(e);
      }
    },
    setStatus: (m, status, on = null) => act(() => call('materials.setStatus', { id: m.id, status, on }), ['client', 'materials', 'timeline']),
    setChecks: (m, c) => act(() => call('materials.setChecks', { id: m.id, ...c }), ['materials', 'timeline']),
    updateMaterial: (m, p) => act(() => call('materials.update', { id: m.id, ...p }), ['materials', 'timeline']),
    setStage: (input) => act(() => call('clients.setStage', { id: id(), ...input }), ['client', 'timeline']),
    addNote: (date, body) => act(() => call('notes.create', { clientId: id(), date, body }), ['client', 'notes', 'timeline']),
    editNote: (nid, date, body) => act(() => call('notes.update', { id: nid, date, body }), ['client', 'notes', 'timeline']),
    removeNote: (nid) => act(() => call('notes.remove', { id: nid }), ['client', 'notes', 'timeline']),
    setClient: (c) => { set({ client: c }); void refresh(['timeline']); },
  };
});
