/**
 * The weekly progress summary (周报, spec §9) as data: the rules it follows, and the shapes of one client's summary
 * for an ISO week and of the roll-up of all active clients. The contract (shared/contracts/weekly.ts) uses these
 * schemas as its outputs; db/service/weekly.ts fills them; the print views, the Excel export and the chat text render
 * them. Pure: zod and shared/domain only.
 *
 * Reproducibility: every field is derived from dated facts — notes by their `note_date`, changes by the events log's
 * `occurred_on`, and state (stage, material statuses, due dates, name/city/consultant) as it stood at the end of the
 * week's Sunday (see db/service/history.ts). Exporting week W again later gives the same content for W, except the
 * date the export was made (`generatedOn`).
 */
import { z } from 'zod';
import { MATERIAL_STATUSES } from '../domain/materials';
import { STAGE_KEYS, type StageKey } from '../domain/stages';
import { addCalendarDays } from '../domain/calendar';
import { DEADLINE_RULE_KEYS } from '../domain/deadline-rules';
import { isoWeekId, weekLabel, type IsoWeek } from '../domain/weeks';

/**
 * *Rules* of the weekly summary, with their sources.
 * - `upcomingDays`: deadlines shown are the overdue ones, those in the week itself and those in the 14 days after its
 *   Sunday (spec §9 "deadlines in the coming two weeks"; issue 11: nothing overdue or due in the week may disappear).
 * - `finishedStages`: clients in these stages are not "active" (issue: treat 'aftercare', 后续管理, as finished); a
 *   client is in week W's roll-up if it was active at any moment of W (issue 11), so the week of its licence counts;
 *   archived clients leave it.
 * - `headlineMaxChars`: a roll-up headline taken from a note is cut to this many user-perceived characters (grapheme
 *   clusters) with '…' — about three lines of the landscape roll-up's headline column.
 * - `chatMissingMax`: the chat text names at most this many missing materials, then "等N项" (keeps it short).
 */
export const WEEKLY_RULES = {
  upcomingDays: 14,
  finishedStages: ['aftercare'] as readonly StageKey[],
  headlineMaxChars: 80,
  chatMissingMax: 8,
} as const;

const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const StageKeySchema = z.enum(STAGE_KEYS);
const MaterialStatusSchema = z.enum(MATERIAL_STATUSES);

/** A week as the summary carries it: id '2026-W48', ISO year and number, Monday/Sunday and the Chinese label. */
export const WeekInfo = z.object({
  id: z.string(),
  year: z.number().int(),
  week: z.number().int(),
  start: DateOnly,
  end: DateOnly,
  /** '2026年第48周（11-23 ~ 11-29）' (always Chinese: exports are Chinese). */
  label: z.string(),
});
export type WeekInfo = z.infer<typeof WeekInfo>;

/** The {@link WeekInfo} of an ISO week. */
export function weekInfo(w: IsoWeek): WeekInfo {
  return { id: isoWeekId(w), year: w.year, week: w.week, start: w.start, end: w.end, label: weekLabel(w, 'zh-CN') };
}

/**
 * The deadline window of week `w` (issue 11): the week itself (Monday) up to 14 days after its Sunday, inclusive.
 * Open deadlines dated before `from` are listed too, as overdue.
 * @example 2026-W40 (09-28 … 10-04) → { from: '2026-09-28', to: '2026-10-18' }
 */
export function upcomingWindow(w: { start: string; end: string }): { from: string; to: string } {
  return { from: w.start, to: addCalendarDays(w.end, WEEKLY_RULES.upcomingDays) };
}

/**
 * The day a week's report judges "overdue" against: the week's Sunday for a past week, the day the report is made
 * for the current week (a deadline later in the current week is not overdue yet).
 * @example ({ end: '2026-10-04' }, '2026-09-29') → '2026-09-29'; ({ end: '2026-10-04' }, '2026-10-20') → '2026-10-04'
 */
export function reportAsOf(w: { end: string }, today: string): string {
  return today < w.end ? today : w.end;
}

const RuleKeySchema = z.enum(DEADLINE_RULE_KEYS);

/**
 * What a deadline item is, as codes + params (for the UI, which names it in its own language; the item's Chinese
 * `title` / `detail` are the reports' wording of the same facts), by `kind` (= the item's `source`):
 * - 'process': `rule` (a DEADLINE_RULES key), `subject` the material title(s) it concerns joined with '、' and
 *   `subjectKey` the item key when one, both null when none;
 * - 'material': a checklist item's due date: `itemKey`, `title` (as the checklist names it);
 * - 'inspection': `address` (null = not filled in) and `attendees` (role key, name) in order;
 * - 'renewal': `rule`, the licence `number` and its validity end `expiresOn`;
 * - 'annual': `rule`, the reporting `year` (the year reported on, e.g. 2025 for the report due in 2026), `opens`;
 * - 'change': `rule`, `changeKind` (CHANGE_KINDS key) and the `newValue` the user typed (null when none).
 */
export const UpcomingRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('process'), rule: RuleKeySchema, subject: z.string().nullable(), subjectKey: z.string().nullable() }),
  z.object({ kind: z.literal('material'), itemKey: z.string(), title: z.string() }),
  z.object({ kind: z.literal('inspection'), address: z.string().nullable(), attendees: z.array(z.object({ role: z.string(), name: z.string() })) }),
  z.object({ kind: z.literal('renewal'), rule: RuleKeySchema, number: z.string(), expiresOn: DateOnly }),
  z.object({ kind: z.literal('annual'), rule: RuleKeySchema, year: z.number().int(), opens: DateOnly }),
  z.object({ kind: z.literal('change'), rule: RuleKeySchema, changeKind: z.string(), newValue: z.string().nullable() }),
]);
export type UpcomingRef = z.infer<typeof UpcomingRef>;

/**
 * One dated item of a weekly summary's deadlines: a process deadline, a material's due date, a site inspection, a
 * renewal / annual-report / change-filing deadline (db/service/weekly-deadlines.ts). `source` is its kind ('process',
 * 'material', 'inspection', 'renewal', 'annual', 'change'), `sourceLabel` its Chinese name (e.g. '材料截止').
 */
export const UpcomingItem = z.object({
  clientId: z.number().int(),
  /** The day to act by: the due date, or for a calendar-day deadline falling on a day off the last working day before it. */
  date: DateOnly,
  source: z.string(),
  sourceLabel: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  /** 'HH:MM' when the item is an appointment (a site inspection at a time), else null. */
  time: z.string().nullable().default(null),
  /** Calendar days past `date` on the report's as-of day ({@link reportAsOf}); 0 = not overdue. */
  overdueDays: z.number().int().default(0),
  /**
   * How the date counts in the Chinese calendar: 'holiday' (a public holiday or weekend: `name` is the holiday, '' for a
   * plain weekend, `dueOn` the original due date when `date` was moved to the last working day before it), 'adjusted'
   * (a 调休 working weekend day), or null for an ordinary working day.
   */
  dayMark: z.object({ kind: z.enum(['holiday', 'adjusted']), name: z.string(), dueOn: DateOnly.nullable() }).nullable().default(null),
  /** The item as codes + params ({@link UpcomingRef}) for the UI's language; null only for an item made without one. */
  ref: UpcomingRef.nullable().default(null),
});
export type UpcomingItem = z.infer<typeof UpcomingItem>;

/** One client's weekly progress summary (spec §9), state as at the end of the week's Sunday. */
export const ClientWeekSummary = z.object({
  week: WeekInfo,
  /** The China date the summary was made (host clock): the only field that differs between two exports of one week. */
  generatedOn: DateOnly,
  client: z.object({
    id: z.number().int(),
    name: z.string(),
    uscc: z.string(),
    city: z.string(),
    consultant: z.string().nullable(),
  }),
  /** Stage at the end of the week. */
  stage: StageKeySchema,
  /** Stage moves dated in the week (oldest first); the client's creation is not a move. */
  stageMoves: z.array(z.object({ on: DateOnly, from: StageKeySchema, to: StageKeySchema })),
  /** The consultant's notes dated in the week (oldest first). */
  notes: z.array(z.object({ id: z.number().int(), date: DateOnly, body: z.string() })),
  /** Milestones of the week (oldest first): every stage move, the acceptance (受理) of the formal submission, the licence. */
  milestones: z.array(z.object({ on: DateOnly, kind: z.enum(['stage', 'accepted', 'licence', 'correction']), text: z.string() })),
  /** The licence when it was issued in the week: number, validity end and the first annual-report window. */
  licence: z.object({
    number: z.string(),
    issuedOn: DateOnly,
    expiresOn: DateOnly,
    firstAnnualReport: z.object({ year: z.number().int(), opens: DateOnly, due: DateOnly }),
  }).nullable(),
  /**
   * One line per checklist item whose status changed in the week, in checklist order (A–D): its status at the start of
   * the week → at its end, and the date of its last change; `note` is the item's note when it ends in 需补正 (what the
   * authority asked for). An item back where it started is still listed (e.g. 已提交 → 已提交 after a correction). An
   * item whose files arrived in the week without a status change gets a line too (`onlyFiles`).
   */
  materialLines: z.array(z.object({
    itemKey: z.string(), title: z.string(), from: MaterialStatusSchema, to: MaterialStatusSchema, lastChangeOn: DateOnly, note: z.string().nullable(),
    /** Files attached to the item by the week's end (issue 18: the report names the count, never the files); absent when none. */
    files: z.number().int().positive().optional(),
    /** Files attached to the item during the week; absent when none. */
    filesArrived: z.number().int().positive().optional(),
    /** True for a line that only reports files arriving (the status did not change in the week; `lastChangeOn` is the last file's day). */
    onlyFiles: z.literal(true).optional(),
  })),
  /** Materials status changes recorded in the week, from the events log (oldest first; the app's timeline). */
  materialChanges: z.array(z.object({ on: DateOnly, itemKey: z.string(), title: z.string(), from: MaterialStatusSchema, to: MaterialStatusSchema })),
  /** Checked-or-beyond items / all items at the end of the week (e.g. 12/17). */
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  /** Items still to come from the client at the end of the week: 待收集 and 需补正, in checklist order. */
  missing: z.array(z.object({ itemKey: z.string(), title: z.string(), status: MaterialStatusSchema, dueDate: DateOnly.nullable(), note: z.string().nullable().default(null) })),
  /**
   * Every open deadline and appointment: overdue ones (any date before the as-of day), those in the week and in the
   * 14 days after it ({@link upcomingWindow}); overdue first, then by date. `asOf` is {@link reportAsOf}.
   */
  upcoming: z.object({ from: DateOnly, to: DateOnly, asOf: DateOnly, items: z.array(UpcomingItem) }),
  /** Risks the client must know about (Chinese sentences): overdue deadlines, failing eligibility conditions, due dates on holidays. */
  risks: z.array(z.string()),
  /** The consultant's "next steps" for this client and week; `saved: false` = the suggestion, not yet edited. */
  nextSteps: z.object({ text: z.string(), saved: z.boolean(), updatedAt: z.string().nullable() }),
});
export type ClientWeekSummary = z.infer<typeof ClientWeekSummary>;

/** Where a roll-up headline came from: a note of the week, the week's recorded changes, or nothing. */
export const HEADLINE_SOURCES = ['note', 'changes', 'none'] as const;

/**
 * A roll-up headline made of the week's changes, as codes + params: the stage chain (`stages`: from, then each move's
 * target; [] without a move), material items by the status they ended the week in (`materials`, in the forward
 * lifecycle order, 'missing' last = sent back), and when no status changed the files that arrived (`filesArrived`,
 * else 0). Rendered in Chinese for the reports by `headlineChangesZh` (shared/reports/weekly-labels.ts), by the UI in
 * its language.
 */
export const HeadlineChanges = z.object({
  stages: z.array(StageKeySchema),
  materials: z.array(z.object({ status: MaterialStatusSchema, count: z.number().int().positive() })),
  filesArrived: z.number().int(),
});
export type HeadlineChanges = z.infer<typeof HeadlineChanges>;

/**
 * The week's most important milestone as codes + params: the licence issued ('licence': day, number, validity end),
 * else the acceptance (受理) of the formal submission ('accepted': day), else the last stage move ('stage': day, from,
 * to). Rendered in Chinese by `milestoneZh` (shared/reports/weekly-labels.ts), by the UI in its language.
 */
export const MilestoneRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('licence'), on: DateOnly, number: z.string(), expiresOn: DateOnly }),
  z.object({ kind: z.literal('accepted'), on: DateOnly }),
  z.object({ kind: z.literal('stage'), on: DateOnly, from: StageKeySchema, to: StageKeySchema }),
]);
export type MilestoneRef = z.infer<typeof MilestoneRef>;

/** One row of the roll-up: one active client in the week. */
export const RollupRow = z.object({
  clientId: z.number().int(),
  name: z.string(),
  city: z.string(),
  consultant: z.string().nullable(),
  stage: StageKeySchema,
  stageMoved: z.boolean(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  /** The headline in Chinese (reports): a note's text, the changes ({@link HeadlineChanges} in Chinese) or '本周无记录'. */
  headline: z.string(),
  headlineSource: z.enum(HEADLINE_SOURCES),
  /** The changes the headline names when `headlineSource` is 'changes', else null. */
  headlineChanges: HeadlineChanges.nullable().default(null),
  noteCount: z.number().int(),
  /** Stage moves plus material items changed in the week (one per item). */
  changeCount: z.number().int(),
  /** True when the consultant wrote no note dated in the week (flagged in the roll-up). */
  noNote: z.boolean(),
  /** The earliest open deadline (overdue ones first), or null. */
  nextDeadline: UpcomingItem.nullable(),
  /** Items in 需补正 at the week's end. */
  correctionCount: z.number().int(),
  /** Overdue deadlines on the report's as-of day. */
  overdueCount: z.number().int(),
  /** The week's milestone in short, in Chinese (reports): '发证 09-22 晋B2-20260123，有效期至2031-09-21', or null. */
  milestone: z.string().nullable(),
  /** The same milestone as codes + params ({@link MilestoneRef}), or null. */
  milestoneRef: MilestoneRef.nullable().default(null),
});
export type RollupRow = z.infer<typeof RollupRow>;

/**
 * Sort keys of the roll-up. 'attention' (the default, README) = most overdue deadlines first, then most 需补正 items,
 * then city in division-code order, then name in pinyin order.
 */
export const ROLLUP_SORT_FIELDS = ['attention', 'name', 'city', 'stage', 'consultant', 'progress', 'nextDeadline', 'noNote', 'corrections', 'overdue'] as const;
export type RollupSortField = (typeof ROLLUP_SORT_FIELDS)[number];

/** The roll-up of every active client for a week (spec §9, the manager's page). */
export const WeeklyRollup = z.object({
  week: WeekInfo,
  generatedOn: DateOnly,
  filters: z.object({ city: z.string().nullable(), stage: StageKeySchema.nullable(), consultant: z.string().nullable() }),
  sort: z.enum(ROLLUP_SORT_FIELDS),
  dir: z.enum(['asc', 'desc']),
  rows: z.array(RollupRow),
  /** `active`: active clients in the week before filters; `shown`: rows after filters; `noNote`: shown rows without a note. */
  totals: z.object({ active: z.number().int(), shown: z.number().int(), noNote: z.number().int() }),
  /** Consultants among the week's active clients (for the filter). */
  consultants: z.array(z.string()),
});
export type WeeklyRollup = z.infer<typeof WeeklyRollup>;
