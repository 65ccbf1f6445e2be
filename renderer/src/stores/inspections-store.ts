/**
 * Site-inspection state: the open client's inspections (with checklists and readiness) and the selected one, the
 * register's reminders (today and tomorrow), and the checklist template for the settings page. Changes go through the
 * API; afterwards the client page's stage, notes and timeline are refreshed too (an outcome can move the stage or
 * write a progress note, and every change is recorded in the timeline).
 */
import { create } from 'zustand';
import type { In } from '../../../shared/contract';
import type { Inspection, InspectionItem, InspectionTemplateRow, UpcomingInspection } from '../../../shared/contracts/inspections';
import { call, ApiError } from '../api';
import { useClientStore } from './client-store';

interface State {
  clientId: number | null;
  inspections: Inspection[];
  selectedId: number | null;
  loaded: boolean;
  error: string | null;
  upcoming: UpcomingInspection[];
  template: InspectionTemplateRow[];
  /** A client page to open on the inspections tab (set by the reminder banner, taken by the client page). */
  openTabFor: number | null;
  load(clientId: number): Promise<void>;
  select(id: number): void;
  create(input: In<'inspections.create'>['inspection']): Promise<Inspection>;
  update(id: number, input: In<'inspections.update'>['inspection']): Promise<void>;
  remove(id: number): Promise<void>;
  setItem(item: InspectionItem, patch: Partial<Pick<InspectionItem, 'checked' | 'note' | 'measuredAreaM2'>>): Promise<void>;
  setOutcome(id: number, outcome: Inspection['outcome'], notes: string | null): Promise<void>;
  loadUpcoming(from: string, to: string): Promise<void>;
  loadTemplate(): Promise<void>;
  templateAction<M extends 'inspectionTemplate.create' | 'inspectionTemplate.update' | 'inspectionTemplate.setRetired' | 'inspectionTemplate.setOrder'>(m: M, input: In<M>): Promise<void>;
  requestTab(clientId: number): void;
  takeTabRequest(clientId: number): boolean;
}

/** Refreshes what an inspection change affects on the client page: the client (stage), notes and timeline. */
async function refreshClientPage(clientId: number): Promise<void> {
  const [client, notes, timeline] = await Promise.all([
    call('clients.get', { id: clientId }), call('notes.list', { clientId }), call('clients.timeline', { id: clientId }),
  ]);
  if (useClientStore.getState().id === clientId) useClientStore.setState({ client, notes, timeline });
}

export const useInspectionsStore = create<State>((set, get) => {
  const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));
  /** Replaces one inspection in the list (or adds it) and refreshes the client page. */
  const put = (i: Inspection) => {
    if (get().clientId !== i.clientId) return;
    const list = get().inspections.some((x) => x.id === i.id) ? get().inspections.map((x) => (x.id === i.id ? i : x)) : [i, ...get().inspections];
    set({ inspections: list.sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1)) });
    void refreshClientPage(i.clientId).catch(() => undefined);
  };
  /** Checklist saves in flight: an answer older than the latest save is dropped (the latest carries every change). */
  let itemSeq = 0;
  const act = async <T>(fn: () => Promise<T>): Promise<T> => {
    set({ error: null });
    try {
      return await fn();
    } catch (e) {
      set({ error: message(e) });
      throw e;
    }
  };
  return {
    clientId: null, inspections: [], selectedId: null, loaded: false, error: null, upcoming: [], template: [], openTabFor: null,
    async load(clientId) {
      if (get().clientId !== clientId) set({ clientId, inspections: [], selectedId: null, loaded: false, error: null });
      try {
        const inspections = await call('inspections.list', { clientId });
        if (get().clientId !== clientId) return;
        const selectedId = inspections.some((i) => i.id === get().selectedId) ? get().selectedId : inspections[0]?.id ?? null;
        set({ inspections, selectedId, loaded: true });
      } catch (e) {
        set({ error: message(e), loaded: true });
      }
    },
    select: (id) => set({ selectedId: id }),
    create: (input) => act(async () => {
      const i = await call('inspections.create', { clientId: get().clientId!, inspection: input });
      put(i);
      set({ selectedId: i.id });
      return i;
    }),
    update: (id, input) => act(async () => put(await call('inspections.update', { id, inspection: input }))),
    remove: (id) => act(async () => {
      const clientId = get().clientId!;
      await call('inspections.remove', { id });
      const inspections = get().inspections.filter((i) => i.id !== id);
      set({ inspections, selectedId: inspections[0]?.id ?? null });
      void refreshClientPage(clientId).catch(() => undefined);
    }),
    setItem: (item, patch) => act(async () => {
      const next = { checked: item.checked, note: item.note, measuredAreaM2: item.measuredAreaM2, ...patch };
      const mine = ++itemSeq;
      const updated = await call('inspections.setItem', { id: item.id, ...next });
      if (mine === itemSeq) put(updated);
    }),
    setOutcome: (id, outcome, notes) => act(async () => put((await call('inspections.setOutcome', { id, outcome, notes })).inspection)),
    async loadUpcoming(from, to) {
      try {
        set({ upcoming: await call('inspections.upcoming', { from, to }) });
      } catch {
        set({ upcoming: [] }); // the register shows its own connection errors
      }
    },
    loadTemplate: () => act(async () => set({ template: await call('inspectionTemplate.list', {}) })),
    templateAction: (m, input) => act(async () => set({ template: await call(m, input as never) })),
    requestTab: (clientId) => set({ openTabFor: clientId }),
    takeTabRequest(clientId) {
      if (get().openTabFor !== clientId) return false;
      set({ openTabFor: null });
      return true;
    },
  };
});
