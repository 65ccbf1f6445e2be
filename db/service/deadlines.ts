/**
 * Process deadlines of many clients at once (dashboard) or of one (client page): gathers each client's
 * {@link ProcessSnapshot} with four set-based queries and applies shared/domain/deadlines.ts. Reusable by other
 * features (e.g. the weekly summary's "deadlines in the coming two weeks").
 */
import type { Out, Parsed } from '../../shared/contract';
import type { WorkCalendar } from '../../shared/domain/calendar';
import { processDeadlines, type ClientDeadline, type ProcessSnapshot } from '../../shared/domain/deadlines';
import { MATERIAL_DONE_STATUSES } from '../../shared/domain/materials';
import type { StageKey } from '../../shared/domain/stages';
import { stmt } from './stmt';
import { chinaToday } from '../../shared/domain/weeks';
import type { ServiceContext } from './context';
import { getClient } from './clients';
import { loadCalendar } from './calendar';
import { effectiveDates, PROCESS_COLUMNS, stageMoveDates, toProcessDates } from './process';

/** One client's open process deadlines with what the dashboard shows about the client. */
export interface ClientDeadlines {
  clientId: number;
  name: string;
  city: string;
  consultant: string | null;
  stage: StageKey;
  deadlines: ClientDeadline[];
}

const DONE_SQL = MATERIAL_DONE_STATUSES.map((s) => `'${s}'`).join(', ');

/** Clients the dashboard watches for process deadlines: not archived, not yet in after-care. */
export const ACTIVE_PROCESS_WHERE = "c.archived = 0 AND c.stage <> 'aftercare'";

/**
 * The snapshots of the clients matched by `clientWhere` (SQL over `c` = clients, with `params`).
 * Only clients with at least one dated fact are returned.
 */
export function processSnapshots(ctx: ServiceContext, clientWhere: string, params: unknown[]): Map<number, { client: Omit<ClientDeadlines, 'deadlines'>; snap: ProcessSnapshot }> {
  const clients = stmt(ctx.db,
      `SELECT c.id, c.name, c.city, c.consultant, c.stage, ${PROCESS_COLUMNS}, EXISTS (SELECT 1 FROM licences l WHERE l.client_id = c.id) AS licensed
       FROM clients c LEFT JOIN process_dates p ON p.client_id = c.id WHERE ${clientWhere}`,
    )
    .all(...params) as Array<Record<string, unknown>>;
  const moves = stageMoveDates(ctx, clientWhere, params);
  const corrections = stmt(ctx.db,
      `SELECT m.client_id, m.item_key, m.title, m.updated_at,
         (SELECT e.occurred_on FROM events e WHERE e.client_id = m.client_id AND e.kind = 'material.status' AND e.subject = m.item_key
            AND e.new_value = 'correction' ORDER BY e.id DESC LIMIT 1) AS since
       FROM clients c JOIN materials m ON m.client_id = c.id WHERE ${clientWhere} AND m.status = 'correction' ORDER BY m.sort`,
    )
    .all(...params) as Array<{ client_id: number; item_key: string; title: string; updated_at: string; since: string | null }>;
  const targets = stmt(ctx.db,
      `SELECT m.client_id, m.item_key, m.title, m.due_date FROM clients c JOIN materials m ON m.client_id = c.id
       WHERE ${clientWhere} AND m.due_date IS NOT NULL AND m.status NOT IN (${DONE_SQL}) ORDER BY m.sort`,
    )
    .all(...params) as Array<{ client_id: number; item_key: string; title: string; due_date: string }>;

  const out = new Map<number, { client: Omit<ClientDeadlines, 'deadlines'>; snap: ProcessSnapshot }>();
  for (const r of clients) {
    const id = r.id as number;
    const recorded = toProcessDates(r);
    out.set(id, {
      client: { clientId: id, name: r.name as string, city: r.city as string, consultant: (r.consultant as string | null) ?? null, stage: r.stage as StageKey },
      snap: { stage: r.stage as StageKey, dates: effectiveDates(recorded, moves.get(id) ?? {}), openCorrections: [], targets: [], licenceIssued: r.licensed === 1 },
    });
  }
  for (const m of corrections) {
    out.get(m.client_id)?.snap.openCorrections.push({ itemKey: m.item_key, title: m.title, since: m.since ?? chinaToday(new Date(m.updated_at)) });
  }
  for (const m of targets) out.get(m.client_id)?.snap.targets.push({ itemKey: m.item_key, title: m.title, due: m.due_date });
  return out;
}

/** Open process deadlines of the matched clients (clients without any are left out), as of `today`. */
export function collectProcessDeadlines(ctx: ServiceContext, cal: WorkCalendar, today: string, clientWhere = ACTIVE_PROCESS_WHERE, params: unknown[] = []): ClientDeadlines[] {
  const out: ClientDeadlines[] = [];
  for (const { client, snap } of processSnapshots(ctx, clientWhere, params).values()) {
    const deadlines = processDeadlines(snap, cal, today);
    if (deadlines.length) out.push({ ...client, deadlines });
  }
  return out;
}

/**
 * One client's open process deadlines (whatever its stage), the years without holiday data they depend on, and its
 * site inspections scheduled from `today` on (an appointment is a date the client must keep, so the tab is never
 * "no open deadline" while one is scheduled).
 */
export function clientDeadlines(ctx: ServiceContext, input: Parsed<'deadlines.client'>): Out<'deadlines.client'> {
  getClient(ctx, input.clientId);
  const today = input.today ?? chinaToday(ctx.now());
  const list = collectProcessDeadlines(ctx, loadCalendar(ctx), today, 'c.id = ?', [input.clientId]);
  const deadlines = list[0]?.deadlines ?? [];
  const attendeesQ = stmt(ctx.db, 'SELECT role, name FROM inspection_attendees WHERE inspection_id = ? ORDER BY sort, id');
  const appointments = (stmt(ctx.db,
      `SELECT i.id, i.inspection_date, i.inspection_time, coalesce(nullif(i.address, ''), c.address) AS address FROM inspections i
       JOIN clients c ON c.id = i.client_id
       WHERE i.client_id = ? AND i.inspection_date >= ? AND i.outcome IS NULL
       ORDER BY i.inspection_date, i.inspection_time NULLS LAST, i.id`,
    )
    .all(input.clientId, today) as Array<Record<string, unknown>>).map((r) => ({
    inspectionId: r.id as number, date: r.inspection_date as string, time: (r.inspection_time as string | null) || null, address: (r.address as string | null) || null,
    attendees: (attendeesQ.all(r.id) as Array<{ role: string; name: string }>).map((a) => ({ name: a.name, role: a.role })),
  }));
  return { deadlines, missingYears: [...new Set(deadlines.flatMap((d) => d.missingYears))].sort((a, b) => a - b), appointments };
}
