/**
 * The home dashboard (spec §5, §7, §9), computed locally on demand from the window it shows (deadlines: the
 * materialised due dates of due-dates.ts, overdue and the next 14 days): overdue deadlines, those due this week and in the
 * next 14 days, inspections today and tomorrow (extension point), renewals in their reminder window, this year's
 * annual-report jobs (this year's, and earlier years' still not filed that the app tracked in time), active clients without a progress note this week, and client counts per stage and per city.
 * Reads only (issue 16): this year's annual-report jobs are created at start, when the year changes and when a licence
 * is saved (annual-jobs.ts), never by showing the dashboard.
 */
import type { Out, Parsed } from '../../shared/contract';
import type { DashboardAnnual, DashboardDeadline, DashboardRenewal } from '../../shared/contracts/deadlines';
import { addCalendarDays, addMonths, daysBetween } from '../../shared/domain/calendar';
import { computeDeadline } from '../../shared/domain/deadline-rules';
import { annualReportStatus, renewalState, renewalStatus } from '../../shared/domain/licence';
import { STAGE_KEYS, type StageKey } from '../../shared/domain/stages';
import { CITIES } from '../../shared/domain/cities';
import { chinaToday, isoWeekOf } from '../../shared/domain/weeks';
import type { ServiceContext } from './context';
import { loadCalendar } from './calendar';
import { readDueWindow } from './due-dates';
import { dashboardInspections } from './dashboard-inspections';
import { stmt } from './stmt';

/** Chinese name order; one collator (localeCompare with a locale builds one per comparison: 4× slower). */
const ZH = new Intl.Collator('zh-CN');

/** Days after today that "upcoming" covers. */
export const UPCOMING_DAYS = 14;
/** Expired licences stay on the dashboard this many days after expiry (older ones have lapsed; see the client page). */
export const EXPIRED_SHOWN_DAYS = 90;

type ClientCols = { client_id: number; name: string; city: string; consultant: string | null; stage: StageKey };

/**
 * One call's cache of computed timings by key (rule + start date, or a licence's expiry): many rows share a start
 * date, and each timing walks the working-day calendar. Lives for one dashboard call only (today and the calendar fixed).
 */
function callMemo() {
  const cache = new Map<string, unknown>();
  return <T>(key: string, f: () => T): T => {
    if (!cache.has(key)) cache.set(key, f());
    return cache.get(key) as T;
  };
}
type Memo = ReturnType<typeof callMemo>;

/**
 * Renewals in their reminder window (expired up to {@link EXPIRED_SHOWN_DAYS} ago), most urgent first, cut to
 * `limit`; `total` counts them all. Every licence in the window gets its state (two due dates); only the shown ones
 * get the full timing (the legal deadline's remaining working days).
 */
function renewals(ctx: ServiceContext, cal: ReturnType<typeof loadCalendar>, today: string, memo: Memo, limit: number): { total: number; items: DashboardRenewal[] } {
  const rows = stmt(ctx.db,
    `SELECT l.number, l.expires_on, l.client_id, c.name, c.city, c.consultant, c.stage FROM licences l JOIN clients c ON c.id = l.client_id
       WHERE c.archived = 0 AND l.renewal_applied_on IS NULL AND l.expires_on <= ? AND l.expires_on >= ? ORDER BY l.expires_on`,
  ).all(addCalendarDays(addMonths(today, 6), 3), addCalendarDays(today, -EXPIRED_SHOWN_DAYS)) as Array<ClientCols & { number: string; expires_on: string }>;
  const rank = { expired: 0, alarm: 1, warn: 2, remind: 3 } as const;
  const due = rows
    .map((r) => ({ r, s: memo(`renewal-state\u0000${r.expires_on}`, () => renewalState(r.expires_on, null, cal, today)) }))
    .filter((x): x is { r: (typeof rows)[number]; s: ReturnType<typeof renewalState> & { state: keyof typeof rank } } => x.s.state in rank)
    .sort((a, b) => rank[a.s.state] - rank[b.s.state] || a.s.expiresOn.localeCompare(b.s.expiresOn));
  const items = due.slice(0, limit).map(({ r }): DashboardRenewal => {
    const s = memo(`renewal\u0000${r.expires_on}`, () => renewalStatus(r.expires_on, null, cal, today));
    return {
      clientId: r.client_id, clientName: r.name, city: r.city, consultant: r.consultant, licenceNumber: r.number, expiresOn: s.expiresOn,
      remindOn: s.remindOn, warnFrom: s.warnFrom, legalLast: s.legalLast, state: s.state as DashboardRenewal['state'], daysToExpiry: s.daysToExpiry, daysToLegal: daysBetween(today, s.legalLast),
    };
  });
  return { total: due.length, items };
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

/** Builds the dashboard for `today` (default: the host's China date). Lists are cut to `limit` items; `total` says how many. */
export function getDashboard(ctx: ServiceContext, input: Parsed<'dashboard.get'>): Out<'dashboard.get'> {
  const today = input.today ?? chinaToday(ctx.now());
  const cal = loadCalendar(ctx);
  const week = isoWeekOf(today);
  const horizon = addCalendarDays(today, UPCOMING_DAYS);
  const memo = callMemo();

  // Only the window shown: overdue and up to the horizon, from the materialised due dates (due-dates.ts).
  const all: DashboardDeadline[] = readDueWindow(ctx, horizon).map((r) => ({
    ...memo(`${r.rule}\u0000${r.start}`, () => computeDeadline(r.rule, r.start, cal, today)), subject: r.subject, subjectKey: r.subjectKey, kind: r.kind, refId: r.refId,
    clientId: r.clientId, clientName: r.clientName, city: r.city, consultant: r.consultant, stage: r.stage,
  }));
  all.sort((a, b) => a.due.localeCompare(b.due) || ZH.compare(a.clientName, b.clientName) || a.clientId - b.clientId
    || b.kind.localeCompare(a.kind) || a.rule.localeCompare(b.rule));
  const cut = <T>(items: T[]) => ({ total: items.length, items: items.slice(0, input.limit) });
  const overdue = all.filter((d) => d.due < today);
  const thisWeek = all.filter((d) => d.due >= today && d.due <= week.end);
  const upcoming = all.filter((d) => d.due > week.end && d.due <= horizon);
  const shown = [...overdue, ...thisWeek, ...upcoming];

  // The stages before aftercare listed (not `<> 'aftercare'`), so the stage index finds the few active clients
  // instead of every client's row being read (issue 16: 0.6 s of the dashboard at 20,000 clients).
  const noNoteWhere = `c.archived = 0 AND c.stage IN (${ACTIVE_STAGES_SQL}) AND (c.last_note_date IS NULL OR c.last_note_date < ?)`;
  const noNoteTotal = (stmt(ctx.db, `SELECT count(*) AS n FROM clients c WHERE ${noNoteWhere}`).get(week.start) as { n: number }).n;
  const noNoteRows = stmt(ctx.db, `SELECT c.id, c.name, c.stage, c.consultant, c.last_note_date FROM clients c WHERE ${noNoteWhere} ORDER BY c.last_note_date IS NOT NULL, c.last_note_date, c.name_sort LIMIT ?`)
    .all(week.start, input.limit) as Array<{ id: number; name: string; stage: StageKey; consultant: string | null; last_note_date: string | null }>;

  return {
    today,
    weekEnd: week.end,
    missingYears: [...new Set(shown.flatMap((d) => d.missingYears))].sort((a, b) => a - b),
    calendarYears: cal.years(),
    overdue: cut(overdue),
    thisWeek: cut(thisWeek),
    upcoming: cut(upcoming),
    inspections: dashboardInspections(ctx, today, addCalendarDays(today, 1)),
    renewals: renewals(ctx, cal, today, memo, input.limit),
    annual: annual(ctx, cal, today, input.limit),
    noNote: { total: noNoteTotal, items: noNoteRows.map((r) => ({ clientId: r.id, clientName: r.name, stage: r.stage, consultant: r.consultant, lastNoteDate: r.last_note_date })) },
    stageCounts: (stmt(ctx.db, "SELECT key AS stage, n FROM client_counts WHERE dim = 'stage' AND n > 0 ORDER BY key").all() as Array<{ stage: StageKey; n: number }>),
    cityCounts: cityCounts(ctx),
  };
}
