/** Settings state: the holiday-calendar years (built in, entered, corrected) and the rule switches. */
import { create } from 'zustand';
import type { In } from '../../../shared/contract';
import type { HolidayYearInfo, RuleSettings } from '../../../shared/contracts/deadlines';
import { call, ApiError } from '../api';

interface State {
  years: HolidayYearInfo[];
  /** True once `years` and `rules` have been read from the host (until then `years` is empty, not "no years"). */
  loaded: boolean;
  rules: RuleSettings | null;
  error: string | null;
  load(): Promise<void>;
  saveYear(input: In<'calendar.setYear'>): Promise<void>;
  removeYear(year: number): Promise<void>;
  setRules(patch: Partial<RuleSettings>): Promise<void>;
}

export const useSettingsStore = create<State>((set, get) => {
  const act = async (fn: () => Promise<unknown>) => {
    set({ error: null });
    try {
      await fn();
      await get().load();
    } catch (e) {
      set({ error: e instanceof ApiError ? e.message : String(e) });
      throw e;
    }
  };
  return {
    years: [],
    loaded: false,
    rules: null,
    error: null,
    async load() {
      try {
        const [years, rules] = await Promise.all([call('calendar.years', {}), call('settings.get', {})]);
        set({ years, rules, loaded: true });
      } catch (e) {
        set({ error: e instanceof ApiError ? e.message : String(e) });
      }
    },
    saveYear: (input) => act(() => call('calendar.setYear', input)),
    removeYear: (year) => act(() => call('calendar.removeYear', { year })),
    setRules: (patch) => act(() => call('settings.set', patch)),
  };
});
