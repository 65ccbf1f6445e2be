/**
 * Weekly progress summaries (周报, spec §9): queries behind 'weekly.client', 'weekly.rollup', 'weekly.setNextSteps'
 * 'weekly.exportXlsx' and 'weekly.exportClientXlsx'. Reads dated facts only — notes by `note_date`, changes by the events' `occurred_on`, state
 * at the end of the week's Sunday (history.ts), deadlines and appointments as of the report day (weekly-deadlines.ts) — and assembles them with the
 * pure model in shared/reports/. Only setNextSteps writes; summaries and exports never change data.
 */
import { eventDaysSql, eventTitleSql } from './event-columns';
import type { Out, Parsed } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { isoWeekFromId, isoWeekId, chinaToday, type IsoWeek } from '../../shared/domain/weeks';
import { STAGE_KEYS } from '../../shared/domain/stages';
import { buildClientWeekSummary, type WeekEvent } from '../../shared/reports/weekly-build';
import { reportAsOf, weekInfo, WEEKLY_RULES, type ClientWeekSummary } from '../../shared/reports/weekly-model';
import { filterRollupRows, rollupRowOf, sortRollupRows } from '../../shared/reports/weekly-rollup';
import { addCalendarDays } from '../../shared/domain/calendar';
import { annualReportApplies, annualWindow } from '../../shared/domain/licence';
import { ELIGIBILITY_CONDITIONS, ELIGIBILITY_LIMITS } from '../../shared/domain/eligibility';
import { clientWorkbook, weeklyWorkbook } from '../export/weekly-xlsx';
import type { ServiceContext } from './context';
import { clientsAsOf, materialsAsOf } from './history';
import { loadCalendar } from './calendar';
import { processSnapshots } from './deadlines';
import { getEligibility } from './eligibility';
import { pitfallWarnings } from './report-facts';
import { weeklyDeadlineItems } from './weekly-deadlines';
import { writeTransaction } from '../tx';
import { notesAsOf } from './note-versions';
import { ATTENDEE_ROLES } from '../../shared/domain/inspection';
import { stmt } from './stmt';

type Row = Record<string, unknown>;
const json = (values: readonly (number | string)[]) => JSON.stringify(values);

/** The UTC instant at which China's day after `date` begins (e.g. '2026-11-29' → '2026-11-29T16:00:00.000Z'). */
function chinaDayEndUtc(date: string): string {
  return `${date}T16:00:00.000Z`;
}

/**
 * Files attached per checklist item of the clients in the JSON array (parameter 1) before the instant (parameter 2):
 * read from `attachments_by_client_added (client_id, added_at, material_id)` alone (0170), then the item's key.
 */
export const FILES_PER_ITEM_SQL = `SELECT a.client_id, m.item_key, count(*) AS n FROM attachments a JOIN materials m ON m.id = a.material_id
  WHERE a.client_id IN (SELECT value FROM json_each(?)) AND a.added_at < ? GROUP BY a.client_id, m.item_key`;

/**
 * The summaries of `ids` for `week`, in the order of `ids` (ids that do not exist are left out). A handful of
 * set-based queries whatever the number of clients.
 */
export function buildSummaries(ctx: ServiceContext, ids: readonly number[], week: IsoWeek, opts: { risks?: boolean } = {}): ClientWeekSummary[] {
  if (!ids.length) return [];
  const clients = clientsAsOf(ctx, ids, week.end);
  const materials = materialsAsOf(ctx, ids, week.end);
  const generatedOn = chinaToday(ctx.now());
  const asOf = reportAsOf(week, generatedOn);
  const cal = loadCalendar(ctx);
  const upcoming = weeklyDeadlineItems(ctx, cal, ids, week, asOf);
  const snaps = processSnapshots(ctx, 'c.id IN (SELECT value FROM json_each(?))', [json(ids)]);
  const materialNotes = new Map(
    (stmt(ctx.db, `SELECT client_id, item_key, note FROM materials WHERE note IS NOT NULL AND note <> '' AND client_id IN (SELECT value FROM json_each(?))`).all(json(ids)) as Row[])
      .map((r) => [`${r.client_id as number}\u0000${r.item_key as string}`, r.note as string]),
  );
  // Files attached by the end of the week (China: Sunday 24:00 = 16:00 UTC), per item: the report gives counts only.
  const fileCounts = new Map(
    (stmt(ctx.db, FILES_PER_ITEM_SQL).all(json(ids), `${week.end}T16:00:00.000Z`) as Row[])
      .map((r) => [`${r.client_id as number}\u0000${r.item_key as string}`, r.n as number]),
  );
  // Files that arrived in the week (attached between Monday 00:00 and Sunday 24:00 China), per item, with the day of the last.
  const arrived = new Map(
    (stmt(ctx.db, `SELECT a.client_id, m.item_key, count(*) AS n, max(a.added_at) AS last FROM attachments a JOIN materials m ON m.id = a.material_id
       WHERE a.client_id IN (SELECT value FROM json_each(?)) AND a.added_at >= ? AND a.added_at < ? GROUP BY a.client_id, m.item_key`)
      .all(json(ids), chinaDayEndUtc(addCalendarDays(week.start, -1)), chinaDayEndUtc(week.end)) as Row[])
      .map((r) => [`${r.client_id as number}\u0000${r.item_key as string}`, { n: r.n as number, on: chinaToday(new Date(r.last as string)) }]),
  );
  const licences = new Map(
    (stmt(ctx.db, 'SELECT client_id, number, issued_on, expires_on FROM licences WHERE client_id IN (SELECT value FROM json_each(?))').all(json(ids)) as Row[]).map((r) => {
      const issuedOn = r.issued_on as string;
      const expiresOn = r.expires_on as string;
      let year = Number(issuedOn.slice(0, 4)) + 1;
      while (!annualReportApplies(issuedOn, expiresOn, year) && year < Number(issuedOn.slice(0, 4)) + 3) year++;
      const w = annualWindow(year, cal);
      return [r.client_id as number, { number: r.number as string, issuedOn, expiresOn, firstAnnualReport: { year, opens: w.opens, due: w.due } }];
    }),
  );
  const group = <T>(rows: Row[], map: (r: Row) => T) => {
    const m = new Map<number, T[]>();
    for (const r of rows) {
      const id = r.client_id as number;
      if (!m.has(id)) m.set(id, []);
      m.get(id)!.push(map(r));
    }
    return m;
  };
  // Notes as they were at the week's end (note-versions.ts): a later edit does not change a past week.
  const notes = group(
    notesAsOf(ctx, ids, week.start, week.end, chinaDayEndUtc(week.end)).map((n) => ({ client_id: n.clientId, ...n })),
    (r) => ({ id: r.id as number, date: r.date as string, body: r.body as string }),
  );
  const days = eventDaysSql(ctx.db, 'e', 'between');
  const events = group(
    stmt(ctx.db,
        `SELECT e.client_id, e.occurred_on, e.kind, e.subject, ${eventTitleSql('e')} AS subject_title, e.old_value, e.new_value FROM ${days.from}
         WHERE ${days.where} AND +e.kind IN ('stage', 'material.status') AND e.client_id IN (SELECT value FROM json_each(?))
         ORDER BY e.occurred_on, e.id`,
      )
      .all(...days.params(week.start, week.end), json(ids)) as Row[],
    (r): WeekEvent => ({ on: r.occurred_on as string, kind: r.kind as string, subject: r.subject as string | null, subjectTitle: r.subject_title as string | null, oldValue: r.old_value as string | null, newValue: r.new_value as string | null }),
  );
  const nextSteps = new Map(
    (stmt(ctx.db, 'SELECT client_id, body, updated_at FROM weekly_next_steps WHERE week = ? AND client_id IN (SELECT value FROM json_each(?))').all(isoWeekId(week), json(ids)) as Row[])
      .map((r) => [r.client_id as number, { body: r.body as string, updatedAt: r.updated_at as string }]),
  );
  const out: ClientWeekSummary[] = [];
  for (const id of ids) {
    const c = clients.get(id);
    if (!c) continue;
    const dates = snaps.get(id)?.snap.dates;
    out.push(buildClientWeekSummary({
      week,
      generatedOn,
      client: { id, name: c.name, uscc: c.uscc, city: c.city, consultant: c.consultant },
      stage: c.stage,
      events: events.get(id) ?? [],
      notes: notes.get(id) ?? [],
      materials: (materials.get(id) ?? []).map((m) => ({ ...m, note: materialNotes.get(`${id}\u0000${m.itemKey}`) ?? null, files: fileCounts.get(`${id}\u0000${m.itemKey}`) ?? 0, arrived: arrived.get(`${id}\u0000${m.itemKey}`) ?? null })),
      upcoming: upcoming.get(id) ?? [],
      nextSteps: nextSteps.get(id) ?? null,
      asOf,
      facts: { acceptedOn: dates?.formalSubmissionOn ?? null, correctionRequestedOn: dates?.correctionRequestedOn ?? null, licence: licences.get(id) ?? null },
      risks: opts.risks ? eligibilityRisks(ctx, id, asOf) : [],
    }));
  }
  return out;
}

/** Staff roles of eligibility condition 6 by reason code prefix. */
const STAFF_ROLE_CODES = ATTENDEE_ROLES.filter((r) => r.key !== 'other').map((r) => ({ code: r.key, zh: r.zh }));

/**
 * Risk sentences from the client's eligibility assessment on `asOf` (conditions that fail, e.g. the office area below
 * the minimum; required staff roles nobody is named for yet, as a request to the client), from a site inspection's measured area below the minimum,
 * and the pitfalls of spec §8 it shows (report-facts.ts pitfallWarnings: a lease address that differs, business beyond the scope…). Chinese.
 */
export function eligibilityRisks(ctx: ServiceContext, clientId: number, asOf: string): string[] {
  const out: string[] = [];
  const a = getEligibility(ctx, { clientId, today: asOf });
  for (const r of a.results) {
    if (r.status !== 'fail') continue;
    const cond = ELIGIBILITY_CONDITIONS.find((c) => c.key === r.key);
    const area = r.reasons.find((x) => x.code === 'area_low');
    out.push(`资质条件“${cond?.zh ?? r.key}”未满足${area ? `：场地面积${area.params?.area}㎡，低于最低要求${area.params?.min}㎡` : ''}`);
  }
  // What the client still has to tell us: a required role nobody is named for yet (condition 6).
  const staff = a.results.find((r) => r.key === 'staff');
  const unnamed = STAFF_ROLE_CODES.filter((x) => staff?.reasons.some((r) => r.code === `${x.code}_unknown`)).map((x) => x.zh);
  if (unnamed.length) out.push(`待客户提供：${unnamed.join('、')}的姓名、电话及山西社保证明（尚未指定）`);
  const measured = stmt(ctx.db,
      `SELECT i.inspection_date, it.measured_area_m2 AS area FROM inspection_items it JOIN inspections i ON i.id = it.inspection_id
       WHERE i.client_id = ? AND it.measured_area_m2 IS NOT NULL AND i.inspection_date <= ? ORDER BY i.inspection_date DESC, it.id DESC LIMIT 1`,
    )
    .get(clientId, asOf) as { inspection_date: string; area: number } | undefined;
  if (measured && measured.area < ELIGIBILITY_LIMITS.minOfficeAreaM2) {
    out.push(`现场核查实测场地面积${measured.area}㎡（${measured.inspection_date}），低于最低要求${ELIGIBILITY_LIMITS.minOfficeAreaM2}㎡`);
  }
  // The pitfalls the 资质评估 tab warns about (spec §8), as the prep sheet carries them.
  for (const p of pitfallWarnings(ctx, clientId, asOf)) out.push(p.text);
  return out;
}

/** One client's summary for a week. @throws AppError NOT_FOUND when the client does not exist. */
export function clientWeek(ctx: ServiceContext, input: Parsed<'weekly.client'>): Out<'weekly.client'> {
  const [s] = buildSummaries(ctx, [input.clientId], isoWeekFromId(input.week), { risks: true });
  if (!s) throw new AppError('NOT_FOUND', msg('client_not_found'), { id: input.clientId });
  return s;
}

/**
 * Ids of the clients active in `week` (issue 11: active at any moment of the week, not only at its end): not archived,
 * existing by the week's end (created before it ends, or with a note dated up to its Sunday), and in an active stage
 * ({@link WEEKLY_RULES.finishedStages} excluded) at the start of the week or at its end, or moved out of one during it —
 * so a licence issued on Tuesday keeps the client in that week's roll-up, and out of the next week's.
 */
export function activeClientIds(ctx: ServiceContext, week: IsoWeek): number[] {
  const activeStages = json(STAGE_KEYS.filter((k) => !WEEKLY_RULES.finishedStages.includes(k)));
  // Candidates: in an active stage now, or with a stage change from the week's Monday on (they may have been active then).
  // UNION ALL + DISTINCT, not UNION: a UNION's merge wants both sides in id order, and SQLite then read every event
  // through events_client instead of the stage moves' date index (issue 16: 2.9 s of the roll-up at 20,000 clients).
  const candidates = (stmt(ctx.db,
      `WITH cand(id) AS (
         SELECT id FROM clients WHERE stage IN (SELECT value FROM json_each(@activeStages))
         UNION ALL SELECT client_id FROM events WHERE kind = 'stage' AND occurred_on >= @start
       )
       SELECT c.id FROM (SELECT DISTINCT id FROM cand) x JOIN clients c ON c.id = x.id
       WHERE c.archived = 0
         AND (c.created_at < @endUtc OR EXISTS (SELECT 1 FROM notes n WHERE n.client_id = c.id AND n.note_date <= @end))
       ORDER BY c.id`,
    )
    .all({ endUtc: chinaDayEndUtc(week.end), start: week.start, end: week.end, activeStages }) as Array<{ id: number }>).map((r) => r.id);
  const active = (k: string) => !WEEKLY_RULES.finishedStages.includes(k as never);
  const atEnd = clientsAsOf(ctx, candidates, week.end);
  const atStart = clientsAsOf(ctx, candidates, addCalendarDays(week.start, -1));
  const movedDays = eventDaysSql(ctx.db, 'e', 'between');
  const movedOut = new Set(
    candidates.length
      ? (stmt(ctx.db, `SELECT DISTINCT e.client_id FROM ${movedDays.from} WHERE +e.kind = 'stage' AND ${movedDays.where} AND e.old_value IN (SELECT value FROM json_each(?)) AND e.client_id IN (SELECT value FROM json_each(?))`)
          .all(...movedDays.params(week.start, week.end), activeStages, json(candidates)) as Array<{ client_id: number }>).map((r) => r.client_id)
      : [],
  );
  return candidates.filter((id) => active(atEnd.get(id)!.stage) || active(atStart.get(id)!.stage) || movedOut.has(id));
}

/** The roll-up with the summaries behind its rows (same order), for the Excel export. */
export function rollupWithSummaries(ctx: ServiceContext, input: Parsed<'weekly.rollup'>, opts: { risks?: boolean } = {}): { rollup: Out<'weekly.rollup'>; summaries: ClientWeekSummary[] } {
  const week = isoWeekFromId(input.week);
  const all = buildSummaries(ctx, activeClientIds(ctx, week), week, opts);
  const allRows = all.map(rollupRowOf);
  const rows = sortRollupRows(filterRollupRows(allRows, input), input.sort, input.dir);
  const byId = new Map(all.map((s) => [s.client.id, s]));
  const consultants = [...new Set(allRows.map((r) => r.consultant).filter((c): c is string => !!c))].sort(new Intl.Collator('zh-CN').compare);
  const rollup: Out<'weekly.rollup'> = {
    week: weekInfo(week),
    generatedOn: chinaToday(ctx.now()),
    filters: { city: input.city, stage: input.stage, consultant: input.consultant },
    sort: input.sort,
    dir: input.dir,
    rows,
    totals: { active: allRows.length, shown: rows.length, noNote: rows.filter((r) => r.noNote).length },
    consultants,
  };
  return { rollup, summaries: rows.map((r) => byId.get(r.clientId)!) };
}

/** The roll-up of every active client for a week, filtered and sorted as asked. */
export function weeklyRollup(ctx: ServiceContext, input: Parsed<'weekly.rollup'>): Out<'weekly.rollup'> {
  return rollupWithSummaries(ctx, input).rollup;
}

/**
 * Saves (or, with an empty body, clears) the consultant's "next steps" for a client and week.
 * @throws AppError NOT_FOUND when the client does not exist (nothing written)
 */
export function setNextSteps(ctx: ServiceContext, input: Parsed<'weekly.setNextSteps'>): Out<'weekly.setNextSteps'> {
  return writeTransaction(ctx.db, () => {
    const exists = stmt(ctx.db, 'SELECT 1 FROM clients WHERE id = ?').get(input.clientId);
    if (!exists) throw new AppError('NOT_FOUND', msg('client_not_found'), { id: input.clientId });
    if (!input.body) {
      stmt(ctx.db, 'DELETE FROM weekly_next_steps WHERE client_id = ? AND week = ?').run(input.clientId, input.week);
      return { clientId: input.clientId, week: input.week, body: null, updatedAt: null };
    }
    const now = ctx.now().toISOString();
    stmt(ctx.db,
        `INSERT INTO weekly_next_steps (client_id, week, body, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (client_id, week) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      )
      .run(input.clientId, input.week, input.body, now);
    return { clientId: input.clientId, week: input.week, body: input.body, updatedAt: now };
  });
}

/**
 * One client's week as an .xlsx file, base64: a single sheet with only that client (to send to the client).
 * @throws AppError NOT_FOUND when the client does not exist. Read only.
 */
export async function exportClientWeekXlsx(ctx: ServiceContext, input: Parsed<'weekly.exportClientXlsx'>): Promise<Out<'weekly.exportClientXlsx'>> {
  const s = clientWeek(ctx, input);
  const { bytes, sheets } = await clientWorkbook(s);
  return { fileName: `周报_${s.client.name}_${s.week.id}.xlsx`, dataBase64: Buffer.from(bytes).toString('base64'), sheets };
}

/** The roll-up (one sheet) and each shown client's summary (one sheet each) as an .xlsx file, base64. Read only. */
export async function exportWeeklyXlsx(ctx: ServiceContext, input: Parsed<'weekly.exportXlsx'>): Promise<Out<'weekly.exportXlsx'>> {
  const { rollup, summaries } = rollupWithSummaries(ctx, input, { risks: true });
  const { bytes, sheets } = await weeklyWorkbook(rollup, summaries);
  return { fileName: `周报汇总_${rollup.week.id}.xlsx`, dataBase64: Buffer.from(bytes).toString('base64'), sheets };
}
