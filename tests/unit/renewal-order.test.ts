import { describe, expect, it } from 'vitest';
import { BUILTIN_HOLIDAY_YEARS, addCalendarDays, createWorkCalendar } from '../../shared/domain/calendar';
import { renewalState } from '../../shared/domain/licence';

/**
 * What the dashboard's renewals rely on (db/service/dashboard-renewals.ts): for a fixed day, a licence's urgency never
 * rises with a later expiry date — expired, then alarm, warn, remind, then ok — so "most urgent first" is expiry
 * order and the listed licences are a run of expiry dates from the window's start. Checked day by day, with the
 * bundled holiday data and with a calendar that has none.
 */
const RANK = { expired: 0, alarm: 1, warn: 2, remind: 3, ok: 4, applied: 5 } as const;

describe('renewal state by expiry date', () => {
  for (const [label, cal] of [['bundled holidays', createWorkCalendar(BUILTIN_HOLIDAY_YEARS)], ['no holiday data', createWorkCalendar([])]] as const) {
    it(`never becomes more urgent for a later expiry (${label})`, () => {
      const states = new Set<string>();
      for (let t = 0; t < 800; t += 9) {
        const today = addCalendarDays('2025-09-01', t);
        let prev = -1;
        let prevDay = '';
        for (let e = -100; e < 240; e++) {
          const expiresOn = addCalendarDays(today, e);
          const s = renewalState(expiresOn, null, cal, today).state;
          states.add(s);
          expect(RANK[s], `${today}: ${prevDay} → ${expiresOn} (${s})`).toBeGreaterThanOrEqual(prev);
          prev = RANK[s];
          prevDay = expiresOn;
        }
      }
      // Every state but 'applied' (no renewal applied for) was met.
      expect([...states].sort()).toEqual(['alarm', 'expired', 'ok', 'remind', 'warn']);
    });
  }
});
