/**
 * The home dashboard (spec §5, §7, §9), computed locally on demand: overdue deadlines, those due this week and in the
 * next 14 days, inspections today and tomorrow, renewals in their reminder window (dashboard-renewals.ts), this year's
 * annual-report jobs (this year's, and earlier years' still not filed that the app tracked in time), active clients
 * without a progress note this week, and client counts per stage and per city.
 *
 * Reads what it shows (issue 16): every list is counted from an index or a table of counts and read for its first
 * `limit` rows only, so a call costs about the same at 2,000 and at 100,000 clients (0200; answers unchanged:
 * tests/db/due-dates.test.ts compares them with reading every row of the windows). Reads only: this year's
 * annual-report jobs are created at start, when the year changes and when a licence is saved (annual-jobs.ts), never
 * by showing the dashboard.
 */
import type { Out, Parsed } from '../../shared/contract';
import type { DashboardAnnual, DashboardDeadline } from '../../shared/contracts/deadlines';
import { addCalendarDays } from '../../shared/domain/calendar';
import { computeDeadline } from '../../shared/domain/deadline-rules';
import { annualReportStatus } from '../../shared/domain/licence';
import { STAGE_KEYS, type StageKey } from '../../shared/domain/stages';
import { CITIES } from '../../shared/domain/cities';
import { chinaToday, isoWeekOf } from '../../shared/domain/weeks';
import type { ServiceContext } from './context';
import { loadCalendar } from './calendar';
import { dueRuleStarts, earliestDueStart, readDueHead } from './due-dates';
import { dashboardInspections } from './dashboard-inspections';
import { dashboardRenewals, type Memo } from './dashboard-renewals';
import { stmt } from './stmt';

/** Chinese name order; one collator (localeCompare with a locale builds one per comparison: 4× slower). */
const ZH = new Intl.Collator('zh-CN');

/** Days after today that "upcoming" covers. */
export const UPCOMING_DAYS = 14;

/**
 * One call's cache of computed timings by key (rule + start date, or a licence's expiry): many rows share a start
 * date, and each timing walks the working-day calendar. Lives for one dashboard call only (today and the calendar fixed).
 */
function callMemo(): Memo {
  const cache = new Map<string, unknown>();
  return <T>(key: string, f: () => T): T => {
    if (!cache.has(key)) cache.set(key, f());
    return cache.get(key) as T;
  };
}

/**
 * This year's annual-report totals and its first `limit` unfiled jobs in client-name order. The totals are read from
 * `annual_counts` (0170, kept by triggers: one row per year and filed/unfiled), not counted over every job of the year.
 * The unfiled jobs are found whichever way reads fewer rows, chosen from the counts: few open jobs (late in the
 * year, most filed) are read by the year index, joined with their clients and sorted; many are found by walking the
 * unarchived clients in name order (`clients_by_name_pinyin`) and stopping after `limit` with a job — about
 * limit × clients ÷ open jobs index entries read instead of every open job joined and sorted (issue 16: 58.6 ms at
 * 100,000 clients with 40,000 jobs). A step of the walk costs about an eighth of a joined and sorted job (measured at
 * 20,000 clients: 100 of 1,258 open jobs 0.45 ms by name, 12 ms by year), hence the 8 in the choice; the worse case
 * is then about √(8 × limit × clients) steps. Same rows and order either way (tests/db/annual-counts.test.ts).
 */
function annual(ctx: ServiceContext, cal: ReturnType<typeof loadCalendar>, today: string, limit: number): Out<'dashboard.get'>['annual'] {
  const year = Number(today.slice(0, 4));
  const base = annualReportStatus(year, null, cal, today);
  const counts = { done: 0, upcoming: 0, open: 0, late: 0, missed: 0, earlier: 0 };
  const totals = stmt(ctx.db, 'SELECT filed, n FROM annual_counts WHERE year = ? AND n > 0').all(year) as Array<{ filed: number; n: number }>;
  let unfiled = 0;
  for (const t of totals) {
    if (t.filed) counts.done += t.n;
    else {
      counts[base.state as 'upcoming' | 'open' | 'late' | 'missed'] += t.n;
      unfiled += t.n;
    }
  }
  const rows = unfiled === 0 ? [] : (stmt(ctx.db, 8 * unfiled * unfiled >= limit * activeClients(ctx) ? UNFILED_BY_NAME : UNFILED_BY_YEAR)
    .all(year, limit) as Array<{ id: number; client_id: number; name: string; city: string; consultant: string | null }>);
  const items: DashboardAnnual[] = rows.map((r) => ({
    id: r.id, clientId: r.client_id, clientName: r.name, city: r.city, consultant: r.consultant, year,
    state: base.state as DashboardAnnual['state'], due: base.deadline.due, remaining: base.deadline.remaining,
  }));
  const earlier = earlierUnfiled(ctx, cal, today, year);
  counts.earlier = earlier.length;
  // An earlier year's report still not filed comes first (the company risks the 不良名单), then this year's.
  return { year, opens: base.opens, due: base.due, lateUntil: base.lateUntil, counts, items: [...earlier, ...items].slice(0, limit) };
}

/** The unarchived clients (sum of `client_counts` per stage, 0140). */
function activeClients(ctx: ServiceContext): number {
  return (stmt(ctx.db, "SELECT coalesce(sum(n), 0) AS n FROM client_counts WHERE dim = 'stage'").get() as { n: number }).n;
}

/** Unfiled jobs of a year (parameter 1) whose client is unarchived and licensed, in name order, the first `limit` (parameter 2): from the year's jobs, sorted. */
export const UNFILED_BY_YEAR = `SELECT a.id, a.client_id, c.name, c.city, c.consultant FROM annual_reports a JOIN clients c ON c.id = a.client_id
  WHERE a.year = ? AND a.filed_on IS NULL AND c.archived = 0 AND EXISTS (SELECT 1 FROM licences l WHERE l.client_id = a.client_id)
  ORDER BY c.name_sort, c.id LIMIT ?`;
/** The same rows as {@link UNFILED_BY_YEAR}, walking the unarchived clients in name order (no sort; stops at the limit). */
export const UNFILED_BY_NAME = `SELECT a.id, a.client_id, c.name, c.city, c.consultant FROM clients c INDEXED BY clients_by_name_pinyin CROSS JOIN annual_reports a
  WHERE c.archived = 0 AND a.client_id = c.id AND a.year = ? AND a.filed_on IS NULL AND EXISTS (SELECT 1 FROM licences l WHERE l.client_id = c.id)
  ORDER BY c.name_sort, c.id LIMIT ?`;

/**
 * Unfiled annual-report jobs of years before `year` that the app tracked while they could still be filed: the job
 * existed by the last day of its late window (created by the dashboard or a licence saved in time). Jobs created
 * afterwards are history entered later (a licence issued years ago, saved today): whether those were filed is not
 * known, so they are not listed. Oldest year first, then by name.
 */
function earlierUnfiled(ctx: ServiceContext, cal: ReturnType<typeof loadCalendar>, today: string, year: number): DashboardAnnual[] {
  const rows = stmt(ctx.db, 
      `SELECT a.id, a.client_id, a.year, a.created_at, c.name, c.city, c.consultant FROM annual_reports a JOIN clients c ON c.id = a.client_id
       WHERE a.year < ? AND a.filed_on IS NULL AND c.archived = 0 AND EXISTS (SELECT 1 FROM licences l WHERE l.client_id = a.client_id)
       ORDER BY a.year, c.name_sort`,
    )
    .all(year) as Array<{ id: number; client_id: number; year: number; created_at: string; name: string; city: string; consultant: string | null }>;
  return rows.flatMap((r) => {
    const s = annualReportStatus(r.year, null, cal, today);
    if (chinaToday(new Date(r.created_at)) > s.lateUntil) return [];
    return [{ id: r.id, clientId: r.client_id, clientName: r.name, city: r.city, consultant: r.consultant, year: r.year, state: s.state as DashboardAnnual['state'], due: s.deadline.due, remaining: s.deadline.remaining }];
  });
}

/** The stages a client is "in progress" in (all but aftercare), as an SQL list of literals. */
const ACTIVE_STAGES_SQL = STAGE_KEYS.filter((s) => s !== 'aftercare').map((s) => `'${s}'`).join(', ');

/**
 * Unarchived clients per city, most first, ties in division-code order (unknown cities last, then by name). Read from
 * `client_counts` (0140, kept by triggers on clients: one row per city, whatever the number of clients); ordered here
 * by division code.
 */
function cityCounts(ctx: ServiceContext): Array<{ city: string; n: number }> {
  const rows = stmt(ctx.db, "SELECT key AS city, n FROM client_counts WHERE dim = 'city' AND n > 0").all() as Array<{ city: string; n: number }>;
  const order = (city: string) => {
    const i = CITIES.findIndex((c) => c.name === city);
    return i < 0 ? CITIES.length : i;
  };
  return rows.sort((a, b) => b.n - a.n || order(a.city) - order(b.city) || (a.city < b.city ? -1 : a.city > b.city ? 1 : 0));
}

/**
 * The years without holiday data that any deadline in the window (due on or before `horizon`) was timed across —
 * the union of their timings' `missingYears` (the dashboard asks for those years' notice). A timing walks the days
 * after its start up to its due date, and those after `today` up to it, so it can only touch years from the earlier
 * of the window's earliest start and `today` up to the horizon's: when the calendar has every one of them (the usual
 * case), none is missing and no timing is needed; otherwise each distinct rule and start is timed (memoised).
 */
function windowMissingYears(ctx: ServiceContext, cal: ReturnType<typeof loadCalendar>, today: string, horizon: string, memo: Memo): number[] {
  const first = earliestDueStart(ctx, horizon);
  if (first === null) return [];
  const fromYear = Number((first < today ? first : today).slice(0, 4));
  let covered = true;
  for (let y = fromYear; y <= Number(horizon.slice(0, 4)); y++) covered &&= cal.hasYear(y);
  if (covered) return [];
  const years = new Set<number>();
  for (const r of dueRuleStarts(ctx, horizon)) {
    for (const y of memo(`${r.rule}\u0000${r.start}`, () => computeDeadline(r.rule, r.start, cal, today)).missingYears) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

/** Builds the dashboard for `today` (default: the host's China date). Lists are cut to `limit` items; `total` says how many. */
export function getDashboard(ctx: ServiceContext, input: Parsed<'dashboard.get'>): Out<'dashboard.get'> {
  const today = input.today ?? chinaToday(ctx.now());
  const cal = loadCalendar(ctx);
  const week = isoWeekOf(today);
  const horizon = addCalendarDays(today, UPCOMING_DAYS);
  const memo = callMemo();

  // The three lists of the materialised due dates (due-dates.ts), each counted from the due-date index and read for
  // its first `limit` rows only (plus those due the same day as the last: the order within a day is by name).
  const list = (after: string, until: string) => {
    const { total, rows } = readDueHead(ctx, after, until, input.limit);
    const items: DashboardDeadline[] = rows.map((r) => ({
      ...memo(`${r.rule}\u0000${r.start}`, () => computeDeadline(r.rule, r.start, cal, today)), subject: r.subject, subjectKey: r.subjectKey, kind: r.kind, refId: r.refId,
      clientId: r.clientId, clientName: r.clientName, city: r.city, consultant: r.consultant, stage: r.stage,
    }));
    items.sort((a, b) => a.due.localeCompare(b.due) || ZH.compare(a.clientName, b.clientName) || a.clientId - b.clientId
      || b.kind.localeCompare(a.kind) || a.rule.localeCompare(b.rule));
    return { total, items: items.slice(0, input.limit) };
  };
  const yesterday = addCalendarDays(today, -1);

  // "No progress note this week": the in-progress clients (every stage but aftercare) by the index of exactly those
  // (`clients_active_note`, 0200: `archived = 0 AND stage <> 'aftercare'`; the stage list is tested from the index,
  // `+` keeps the stage index out), as two ranges of it — no note yet (NULL), then a last note before Monday — each
  // counted from the index alone and read in its order (oldest first, then by pinyin name and id), stopping at the limit.
  const noNoteSql = (cols: string, range: string) =>
    `SELECT ${cols} FROM clients c WHERE c.archived = 0 AND c.stage <> 'aftercare' AND +c.stage IN (${ACTIVE_STAGES_SQL}) AND ${range}`;
  const noNote = (range: string, n: number, ...p: unknown[]) => {
    const total = (stmt(ctx.db, noNoteSql('count(*) AS n', range)).get(...p) as { n: number }).n;
    const rows = total === 0 || n <= 0 ? [] : stmt(ctx.db, `${noNoteSql('c.id, c.name, c.stage, c.consultant, c.last_note_date', range)} ORDER BY c.last_note_date, c.name_sort, c.id LIMIT ?`)
      .all(...p, n) as Array<{ id: number; name: string; stage: StageKey; consultant: string | null; last_note_date: string | null }>;
    return { total, rows };
  };
  const neverNoted = noNote('c.last_note_date IS NULL', input.limit);
  const olderNote = noNote('c.last_note_date < ?', input.limit - neverNoted.rows.length, week.start);
  const noNoteTotal = neverNoted.total + olderNote.total;
  const noNoteRows = [...neverNoted.rows, ...olderNote.rows];

  return {
    today,
    weekEnd: week.end,
    missingYears: windowMissingYears(ctx, cal, today, horizon, memo),
    calendarYears: cal.years(),
    overdue: list('', yesterday),
    thisWeek: list(yesterday, week.end),
    upcoming: list(week.end, horizon),
    inspections: dashboardInspections(ctx, today, addCalendarDays(today, 1)),
    renewals: dashboardRenewals(ctx, cal, today, memo, input.limit),
    annual: annual(ctx, cal, today, input.limit),
    noNote: { total: noNoteTotal, items: noNoteRows.map((r) => ({ clientId: r.id, clientName: r.name, stage: r.stage, consultant: r.consultant, lastNoteDate: r.last_note_date })) },
    stageCounts: (stmt(ctx.db, "SELECT key AS stage, n FROM client_counts WHERE dim = 'stage' AND n > 0 ORDER BY key").all() as Array<{ stage: StageKey; n: number }>),
    cityCounts: cityCounts(ctx),
  };
}
