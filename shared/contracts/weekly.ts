/**
 * Weekly progress summary methods (周报, spec §9). Spread into `contract` in shared/contract.ts.
 * - 'weekly.client': one client's summary for an ISO week (read only).
 * - 'weekly.rollup': every active client's row for a week, filtered and sorted (read only).
 * - 'weekly.setNextSteps': saves the consultant's "next steps" text for a client and week (empty text clears it,
 *   the summary then shows the suggestion again). The only weekly method that writes.
 * - 'weekly.exportXlsx': the roll-up sheet plus one sheet per client as an .xlsx file, base64 (read only).
 * - 'weekly.exportClientXlsx': one client's week as an .xlsx file with only that client's sheet (read only).
 * Defined without importing shared/contract.ts (which imports this file).
 */
import { z } from 'zod';
import { CITY_NAMES } from '../domain/cities';
import { STAGE_KEYS } from '../domain/stages';
import { isoWeekFromId, isoWeekId } from '../domain/weeks';
import { ClientWeekSummary, ROLLUP_SORT_FIELDS, WeeklyRollup } from '../reports/weekly-model';

const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** An ISO week id such as '2026-W48' (also '2026w48'); normalised to 'YYYY-Www'. The week must exist in that year. */
export const WeekId = z
  .string()
  .trim()
  .refine((s) => {
    try {
      isoWeekFromId(s);
      return true;
    } catch {
      return false;
    }
  }, '周次应为 2026-W48 形式，且该年有这一周')
  .transform((s) => isoWeekId(isoWeekFromId(s)));

/** Roll-up filters and sort (also used by the Excel export so both show the same clients in the same order). */
export const RollupQuery = z.object({
  week: WeekId,
  city: z.enum(CITY_NAMES as unknown as [string, ...string[]]).nullable().default(null),
  stage: z.enum(STAGE_KEYS).nullable().default(null),
  consultant: z.string().trim().max(40).nullable().default(null),
  sort: z.enum(ROLLUP_SORT_FIELDS).default('attention'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});

export const weeklyMethods = {
  'weekly.client': { input: z.object({ clientId: Id, week: WeekId }), output: ClientWeekSummary },
  'weekly.rollup': { input: RollupQuery, output: WeeklyRollup },
  'weekly.setNextSteps': {
    input: z.object({ clientId: Id, week: WeekId, body: z.string().trim().max(2000, '不能超过2000个字符') }),
    output: z.object({ clientId: Id, week: z.string(), body: z.string().nullable(), updatedAt: z.string().nullable() }),
  },
  'weekly.exportClientXlsx': {
    input: z.object({ clientId: Id, week: WeekId }),
    output: z.object({ fileName: z.string(), dataBase64: z.string(), sheets: z.array(z.string()) }),
  },
  'weekly.exportXlsx': {
    input: RollupQuery,
    output: z.object({ fileName: z.string(), dataBase64: z.string(), sheets: z.array(z.string()) }),
  },
} as const;
