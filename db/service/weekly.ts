/**
 * Weekly progress summaries (周报, spec §9): queries behind 'weekly.client', 'weekly.rollup', 'weekly.setNextSteps'
 * and 'weekly.exportXlsx'. Reads dated facts only — notes by `note_date`, changes by the events' `occurred_on`, state
 * at the end of the week's Sunday (history.ts), upcoming items after it (upcoming.ts) — and assembles them with the
 * pure model in shared/reports/. Only setNextSteps writes; summaries and exports never change data.
 */
import type { Out, Parsed } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { isoWeekFromId, isoWeekId, chinaToday, type IsoWeek } from '../../shared/domain/weeks';
import { STAGE_KEYS } from '../../shared/domain/stages';
import { buildClientWeekSummary, type WeekEvent } from '../../shared/reports/weekly-build';
import { upcomingWindow, weekInfo, WEEKLY_RULES, type ClientWeekSummary } from '../../shared/reports/weekly-model';
import { filterRollupRows, rollupRowOf, sortRollupRows } from '../../shared/reports/weekly-rollup';
import { weeklyWorkbook } from '../export/weekly-xlsx';
import type { ServiceContext } from './context';
import { clientsAsOf, materialsAsOf } from './history';
import { upcomingItemsFor } from './upcoming';
import { notesAsOf } from './note-versions';

type Row = Record<string, unknown>;
const json = (values: readonly (number | string)[]) => JSON.stringify(values);

/** The UTC instant at which China's day after `date` begins (e.g. '2026-11-29' → '2026-11-29T16:00:00.000Z'). */
function chinaDayEndUtc(date: string): string {
  return `${date}T16:00:00.000Z`;
}

/**
 * The summaries of `ids` for `week`, in the order of `ids` (ids that do not exist are left out). A handful of
 * set-based queries whatever the number of clients.
 */
export function buildSummaries(ctx: ServiceContext, ids: readonly number[], week: IsoWeek): ClientWeekSummary[] {
  if (!ids.length) return [];
  const clients = clientsAsOf(ctx, ids, week.end);
  const materials = materialsAsOf(ctx, ids, week.end);
  const win = upcomingWindow(week);
  const upcoming = upcomingItemsFor(ctx, ids, win.from, win.to);
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
  const events = group(
    ctx.db
      .prepare(
        `SELECT client_id, occurred_on, kind, subject, subject_title, old_value, new_value FROM events
         WHERE +occurred_on BETWEEN ? AND ? AND +kind IN ('stage', 'material.status') AND client_id IN (SELECT value FROM json_each(?))
         ORDER BY occurred_on, id`,
      )
      .all(week.start, week.end, json(ids)) as Row[],
    (r): WeekEvent => ({ on: r.occurred_on as string, kind: r.kind as string, subject: r.subject as string | null, subjectTitle: r.subject_title as string | null, oldValue: r.old_value as string | null, newValue: r.new_value as string | null }),
  );
  const nextSteps = new Map(
    (ctx.db.prepare('SELECT client_id, body, updated_at FROM weekly_next_steps WHERE week = ? AND client_id IN (SELECT value FROM json_each(?))').all(isoWeekId(week), json(ids)) as Row[])
      .map((r) => [r.client_id as number, { body: r.body as string, updatedAt: r.updated_at as string }]),
  );
  const generatedOn = chinaToday(ctx.now());
  const out: ClientWeekSummary[] = [];
  for (const id of ids) {
    const c = clients.get(id);
    if (!c) continue;
    out.push(buildClientWeekSummary({
      week,
      generatedOn,
      client: { id, name: c.name, uscc: c.uscc, city: c.city, consultant: c.consultant },
      stage: c.stage,
      events: events.get(id) ?? [],
      notes: notes.get(id) ?? [],
      materials: materials.get(id) ?? [],
      upcoming: upcoming.get(id) ?? [],
      nextSteps: nextSteps.get(id) ?? null,
    }));
  }
  return out;
}

/** One client's summary for a week. @throws AppError NOT_FOUND when the client does not exist. */
export function clientWeek(ctx: ServiceContext, input: Parsed<'weekly.client'>): Out<'weekly.client'> {
  const [s] = buildSummaries(ctx, [input.clientId], isoWeekFromId(input.week));
  if (!s) throw new AppError('NOT_FOUND', '客户不存在或已删除', { id: input.clientId });
  return s;
}

/**
 * Ids of the clients active in `week`: not archived, existing by the week's end (created before it ends, or with a
 * note dated up to its Sunday), and not in a finished stage ({@link WEEKLY_RULES.finishedStages}) at its end.
 */
export function activeClientIds(ctx: ServiceContext, week: IsoWeek): number[] {
  const activeStages = json(STAGE_KEYS.filter((k) => !WEEKLY_RULES.finishedStages.includes(k)));
  // Candidates: in an active stage now, or with a stage change after the week (they may have been active then).
  const candidates = (ctx.db
    .prepare(
      `WITH cand(id) AS (
         SELECT id FROM clients WHERE stage IN (SELECT value FROM json_each(@activeStages))
         UNION SELECT client_id FROM events WHERE kind = 'stage' AND occurred_on > @end
       )
       SELECT c.id FROM cand JOIN clients c ON c.id = cand.id
       WHERE c.archived = 0
         AND (c.created_at < @endUtc OR EXISTS (SELECT 1 FROM notes n WHERE n.client_id = c.id AND n.note_date <= @end))
       ORDER BY c.id`,
    )
    .all({ endUtc: chinaDayEndUtc(week.end), end: week.end, activeStages }) as Array<{ id: number }>).map((r) => r.id);
  const asOf = clientsAsOf(ctx, candidates, week.end);
  return candidates.filter((id) => !WEEKLY_RULES.finishedStages.includes(asOf.get(id)!.stage));
}

/** The roll-up with the summaries behind its rows (same order), for the Excel export. */
export function rollupWithSummaries(ctx: ServiceContext, input: Parsed<'weekly.rollup'>): { rollup: Out<'weekly.rollup'>; summaries: ClientWeekSummary[] } {
  const week = isoWeekFromId(input.week);
  const all = buildSummaries(ctx, activeClientIds(ctx, week), week);
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
  return ctx.db.transaction(() => {
    const exists = ctx.db.prepare('SELECT 1 FROM clients WHERE id = ?').get(input.clientId);
    if (!exists) throw new AppError('NOT_FOUND', '客户不存在或已删除', { id: input.clientId });
    if (!input.body) {
      ctx.db.prepare('DELETE FROM weekly_next_steps WHERE client_id = ? AND week = ?').run(input.clientId, input.week);
      return { clientId: input.clientId, week: input.week, body: null, updatedAt: null };
    }
    const now = ctx.now().toISOString();
    ctx.db
      .prepare(
        `INSERT INTO weekly_next_steps (client_id, week, body, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (client_id, week) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      )
      .run(input.clientId, input.week, input.body, now);
    return { clientId: input.clientId, week: input.week, body: input.body, updatedAt: now };
  })();
}

/** The roll-up (one sheet) and each shown client's summary (one sheet each) as an .xlsx file, base64. Read only. */
export async function exportWeeklyXlsx(ctx: ServiceContext, input: Parsed<'weekly.exportXlsx'>): Promise<Out<'weekly.exportXlsx'>> {
  const { rollup, summaries } = rollupWithSummaries(ctx, input);
  const { bytes, sheets } = await weeklyWorkbook(rollup, summaries);
  return { fileName: `周报汇总_${rollup.week.id}.xlsx`, dataBase64: Buffer.from(bytes).toString('base64'), sheets };
}
