/**
 * A client's deadline tab state: recorded/derived process dates and the open deadlines, plus after-care (licence,
 * renewal, annual reports, change filings) and the eligibility assessment — each loaded when its tab opens, for the
 * app's `today`, and refreshed after every change.
 */
import { create } from 'zustand';
import type { In, Out } from '../../../shared/contract';
import type { ProcessDates } from '../../../shared/domain/deadlines';
import { call, ApiError } from '../api';
import { useAppStore } from './app-store';

type Part = 'deadlines' | 'aftercare' | 'eligibility';

interface State {
  clientId: number | null;
  process: Out<'process.get'> | null;
  deadlines: Out<'deadlines.client'> | null;
  licence: Out<'licence.get'> | null;
  annual: Out<'annualReports.list'>;
  changes: Out<'changes.list'>;
  eligibility: Out<'eligibility.get'> | null;
  error: string | null;
  load(clientId: number, part: Part): Promise<void>;
  saveProcess(dates: ProcessDates): Promise<void>;
  saveLicence(input: Omit<In<'licence.set'>, 'clientId'>): Promise<void>;
  removeLicence(): Promise<void>;
  setAnnualFiled(id: number, filedOn: string | null): Promise<void>;
  createChange(input: Omit<In<'changes.create'>, 'clientId' | 'today'>): Promise<void>;
  setChangeFiled(id: number, filedOn: string | null): Promise<void>;
  removeChange(id: number): Promise<void>;
  saveFacts(facts: In<'eligibility.setFacts'>['facts']): Promise<void>;
}

const today = () => useAppStore.getState().today;

export const useClientDeadlinesStore = create<State>((set, get) => {
  const id = () => {
    const v = get().clientId;
    if (v === null) throw new Error('no client loaded');
    return v;
  };
  const fetchPart = async (clientId: number, part: Part) => {
    if (part === 'deadlines') {
      const [process, deadlines] = await Promise.all([call('process.get', { clientId }), call('deadlines.client', { clientId, today: today() })]);
      if (get().clientId === clientId) set({ process, deadlines });
    } else if (part === 'aftercare') {
      const [licence, annual, changes] = await Promise.all([
        call('licence.get', { clientId, today: today() }), call('annualReports.list', { clientId, today: today() }), call('changes.list', { clientId, today: today() }),
      ]);
      if (get().clientId === clientId) set({ licence, annual, changes });
    } else {
      const eligibility = await call('eligibility.get', { clientId, today: today() });
      if (get().clientId === clientId) set({ eligibility });
    }
  };
  const act = async (fn: () => Promise<unknown>, part: Part) => {
    set({ error: null });
    try {
      await fn();
      await fetchPart(id(), part);
    } catch (e) {
      set({ error: e instanceof ApiError ? e.message : String(e) });
      throw e;
    }
  };
  return {
    clientId: null, process: null, deadlines: null, licence: null, annual: [], changes: [], eligibility: null, error: null,
    async load(clientId, part) {
      if (get().clientId !== clientId) set({ clientId, process: null, deadlines: null, licence: null, annual: [], changes: [], eligibility: null, error: null });
      try {
        await fetchPart(clientId, part);
      } catch (e) {
        set({ error: e instanceof ApiError ? e.message : String(e) });
      }
    },
    saveProcess: (dates) => act(() => call('process.set', { clientId: id(), dates }), 'deadlines'),
    saveLicence: (input) => act(() => call('licence.set', { ...input, clientId: id() }), 'aftercare'),
    removeLicence: () => act(() => call('licence.remove', { clientId: id() }), 'aftercare'),
    setAnnualFiled: (rid, filedOn) => act(() => call('annualReports.setFiled', { id: rid, filedOn, today: today() }), 'aftercare'),
    createChange: (input) => act(() => call('changes.create', { ...input, clientId: id(), today: today() }), 'aftercare'),
    setChangeFiled: (rid, filedOn) => act(() => call('changes.setFiled', { id: rid, filedOn, today: today() }), 'aftercare'),
    removeChange: (rid) => act(() => call('changes.remove', { id: rid }), 'aftercare'),
    saveFacts: (facts) => act(() => call('eligibility.setFacts', { clientId: id(), facts, today: today() }), 'eligibility'),
  };
});
