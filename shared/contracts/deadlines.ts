/**
 * Deadline methods (spec §5): the holiday calendar years the user adds in settings, rule settings, a client's
 * recorded process dates, its open deadlines, and the home dashboard. Spread into `contract` in shared/contract.ts.
 * `today` inputs are the renderer's China date (stores/app-store.ts); null means the host's clock.
 * Defined without importing shared/contract.ts (which imports this file).
 */
import { z } from 'zod';
import { isIsoDate } from '../domain/calendar';
import { DEADLINE_RULE_KEYS } from '../domain/deadline-rules';
import { PROCESS_DATE_FIELDS, type ProcessDateField } from '../domain/deadlines';
import { STAGE_KEYS } from '../domain/stages';

// Scalars as in shared/contract.ts, defined here because contract.ts imports this file (an import back would be a cycle).
export const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isIsoDate, '不是有效日期');
export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const Today = DateStr.nullable().default(null);
const Ok = z.object({ ok: z.literal(true) });

export const HolidayDaySchema = z.object({ date: DateStr, name: z.string().trim().min(1, '请填写节日名称').max(20) });
/** One year of the holiday calendar as the settings page shows it; `origin`: built in, added by the user, or a user correction of a built-in year. */
export const HolidayYearInfo = z.object({
  year: z.number().int(),
  source: z.string(),
  holidays: z.array(HolidayDaySchema),
  workdays: z.array(HolidayDaySchema),
  origin: z.enum(['builtin', 'user', 'override']),
  updatedAt: z.string().nullable(),
});
export type HolidayYearInfo = z.infer<typeof HolidayYearInfo>;

/** Rule settings the user can switch (settings page). */
export const RuleSettings = z.object({
  /** Eligibility condition 2 "registered ≥ 1 year" (agency practice, not national law): on by default. */
  requireOneYear: z.boolean(),
});
export type RuleSettings = z.infer<typeof RuleSettings>;

export const ProcessDatesSchema = z.object(
  Object.fromEntries(PROCESS_DATE_FIELDS.map((f) => [f, DateStr.nullable()])) as Record<ProcessDateField, z.ZodNullable<typeof DateStr>>,
);
/** `recorded`: dates the user entered; `fromStages`: dates of stage moves; `effective`: recorded, else from stages. */
export const ProcessInfo = z.object({ clientId: Id, recorded: ProcessDatesSchema, fromStages: ProcessDatesSchema, effective: ProcessDatesSchema });
export type ProcessInfo = z.infer<typeof ProcessInfo>;

export const DeadlineLevelSchema = z.enum(['overdue', 'today', 'soon', 'later']);
/** A computed deadline (see shared/domain/deadline-rules.ts DeadlineTiming). */
export const DeadlineSchema = z.object({
  rule: z.enum(DEADLINE_RULE_KEYS),
  start: DateStr,
  due: DateStr,
  remaining: z.number().int(),
  level: DeadlineLevelSchema,
  missingYears: z.array(z.number().int()),
  dueOff: z.object({ name: z.string(), lastWorkingDay: DateStr }).nullable(),
  subject: z.string().nullable(),
  subjectKey: z.string().nullable(),
});
export type DeadlineItem = z.infer<typeof DeadlineSchema>;

/**
 * A dashboard line: a deadline of one client. `kind` tells the source (process rule or change filing); `refId` the
 * change filing's id. For a change filing `subjectKey` is the change kind and `subject` the new value.
 */
export const DashboardDeadline = DeadlineSchema.extend({
  kind: z.enum(['process', 'change']),
  refId: Id.nullable(),
  clientId: Id,
  clientName: z.string(),
  city: z.string(),
  consultant: z.string().nullable(),
  stage: z.enum(STAGE_KEYS),
});
export type DashboardDeadline = z.infer<typeof DashboardDeadline>;

export const DashboardRenewal = z.object({
  clientId: Id, clientName: z.string(), city: z.string(), consultant: z.string().nullable(),
  licenceNumber: z.string(), expiresOn: DateStr, remindOn: DateStr, warnFrom: DateStr, legalLast: DateStr,
  state: z.enum(['remind', 'warn', 'alarm', 'expired']), daysToExpiry: z.number().int(), daysToLegal: z.number().int(),
});
export type DashboardRenewal = z.infer<typeof DashboardRenewal>;

export const DashboardAnnual = z.object({
  id: Id, clientId: Id, clientName: z.string(), city: z.string(), consultant: z.string().nullable(),
  year: z.number().int(), state: z.enum(['upcoming', 'open', 'late', 'missed']), due: DateStr, remaining: z.number().int(),
});
export type DashboardAnnual = z.infer<typeof DashboardAnnual>;

/** An inspection line — filled by the site-inspection feature through db/service/dashboard-inspections.ts. */
export const DashboardInspection = z.object({
  id: Id, clientId: Id, clientName: z.string(), city: z.string(), date: DateStr, time: z.string().nullable(), address: z.string().nullable(),
  /** Checklist readiness in percent (0–100) and the number of items still open. */
  readinessPercent: z.number().int(), openItems: z.number().int(),
});
export type DashboardInspection = z.infer<typeof DashboardInspection>;

const section = <T extends z.ZodTypeAny>(item: T) => z.object({ total: z.number().int(), items: z.array(item) });

export const Dashboard = z.object({
  today: DateStr,
  /** Sunday of the current ISO week. */
  weekEnd: DateStr,
  /** Years without holiday data that at least one shown deadline depends on. */
  missingYears: z.array(z.number().int()),
  calendarYears: z.array(z.number().int()),
  overdue: section(DashboardDeadline),
  thisWeek: section(DashboardDeadline),
  /** Due after this week, within 14 days of today. */
  upcoming: section(DashboardDeadline),
  inspections: z.object({ available: z.boolean(), today: z.array(DashboardInspection), tomorrow: z.array(DashboardInspection) }),
  renewals: section(DashboardRenewal),
  annual: z.object({
    year: z.number().int(), opens: DateStr, due: DateStr, lateUntil: DateStr,
    counts: z.object({
      done: z.number().int(), upcoming: z.number().int(), open: z.number().int(), late: z.number().int(), missed: z.number().int(),
      /** Reports of earlier years still not filed (listed first in `items`, each with its own `year`). */
      earlier: z.number().int(),
    }),
    items: z.array(DashboardAnnual),
  }),
  noNote: section(z.object({ clientId: Id, clientName: z.string(), stage: z.enum(STAGE_KEYS), consultant: z.string().nullable(), lastNoteDate: DateStr.nullable() })),
  stageCounts: z.array(z.object({ stage: z.enum(STAGE_KEYS), n: z.number().int() })),
  cityCounts: z.array(z.object({ city: z.string(), n: z.number().int() })),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const deadlineMethods = {
  'calendar.years': { input: z.object({}).default({}), output: z.array(HolidayYearInfo) },
  'calendar.setYear': {
    input: z.object({
      year: z.number().int().min(2000, '年份应在2000–2100之间').max(2100, '年份应在2000–2100之间'),
      source: z.string().trim().min(1, '请填写来源（通知名称）').max(200),
      holidays: z.array(HolidayDaySchema).min(1, '请至少填写一个放假日').max(200),
      workdays: z.array(HolidayDaySchema).max(50),
    }),
    output: HolidayYearInfo,
  },
  'calendar.removeYear': { input: z.object({ year: z.number().int() }), output: Ok },
  'settings.get': { input: z.object({}).default({}), output: RuleSettings },
  'settings.set': { input: RuleSettings.partial(), output: RuleSettings },
  'process.get': { input: z.object({ clientId: Id }), output: ProcessInfo },
  'process.set': { input: z.object({ clientId: Id, dates: ProcessDatesSchema }), output: ProcessInfo },
  'deadlines.client': {
    input: z.object({ clientId: Id, today: Today }),
    /**
     * `appointments`: the client's site inspections scheduled from today on (not postponed, no outcome yet), by date
     * and time, with the address (the client's when the inspection has none) and attendees as `{ name, role }` (role: an
     * ATTENDEE_ROLES key; the UI names it in its language).
     */
    output: z.object({
      deadlines: z.array(DeadlineSchema), missingYears: z.array(z.number().int()),
      appointments: z.array(z.object({
        inspectionId: z.number().int(), date: z.string(), time: z.string().nullable(), address: z.string().nullable(), attendees: z.array(z.object({ name: z.string(), role: z.string() })),
      })),
    }),
  },
  'dashboard.get': { input: z.object({ today: Today, limit: z.number().int().min(1).max(500).default(100) }), output: Dashboard },
} as const;
