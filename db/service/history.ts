/**
 * A client's state as it stood at the end of a past day, rebuilt from the events log (what, old, new, when) so that
 * reports about a past week come out the same whenever they are made.
 *
 * Rule: the value of a tracked field at the end of day D is the OLD value of the earliest change dated after D
 * (events ordered by `occurred_on`, then `id`); with no change after D it is the current value. For the stage, the
 * earliest later event may be the client's creation (old value null): then the stage at creation is used (the best
 * known value for a client created, or imported, after D).
 * Tracked: stage ('stage'), name / city / consultant ('client.update' with that subject), and per checklist item the
 * status ('material.status') and due date ('material.due'). Everything that changes these records an event in the
 * same transaction (db/service/clients.ts, materials.ts).
 */
import { coded, decodeStoredEvent, eventDaysSql, eventNewValueSql } from './event-columns';
import { KIND_CODES_0190 } from '../migrations/0190-compact-codes';
import type { MaterialStatus } from '../../shared/domain/materials';
import type { StageKey } from '../../shared/domain/stages';
import type { MaterialAtWeekEnd } from '../../shared/reports/weekly-build';
import type { ServiceContext } from './context';
import { stmt } from './stmt';

/** The identity fields of a client as at a day's end. */
export interface ClientAsOf {
  id: number;
  name: string;
  uscc: string;
  city: string;
  consultant: string | null;
  stage: StageKey;
}

type EventRow = { client_id: number; kind: string; subject: string | null; old_value: string | null; new_value: string | null };

/**
 * Events of `kinds` dated after `date` for `ids`, earliest first. `ids` travel as one JSON array parameter. The unary
 * `+` keeps SQLite on the per-client index (events_client): a few clients' events, not every later event of a kind.
 */
function laterEvents(ctx: ServiceContext, ids: readonly number[], date: string, kinds: readonly string[]): EventRow[] {
  if (!ids.length) return [];
  const days = eventDaysSql(ctx.db, 'e', 'after');
  if (coded(ctx.db)) {
    // 0190: the stored columns, decoded and ordered here as the generated ones would be (a date() and CASEs a row in
    // SQL cost more than the rest of the read); a NULL new_code is 0180's note excerpt, read as eventNewValueSql does.
    const rows = stmt(ctx.db,
        `SELECT e.id, e.client_id, e.kind_code, e.subject, e.old_code, e.new_code, CASE WHEN e.new_code IS NULL THEN ${eventNewValueSql('e')} END AS new_null,
           e.on_code, e.at, typeof(e.at) AS at_type FROM ${days.from}
         WHERE ${days.where} AND +e.kind_code IN (SELECT value FROM json_each(?)) AND e.client_id IN (SELECT value FROM json_each(?))`)
      // The kinds as stored: each one's code, and its text (a kind stored as text decodes to itself).
      .all(...days.params(date), JSON.stringify([...kinds, ...kinds.map((k) => KIND_CODES_0190.indexOf(k as never) + 1).filter((c) => c > 0)]), JSON.stringify(ids)) as Array<Record<string, unknown>>;
    return rows
      .map((r) => {
        const d = decodeStoredEvent(r);
        return {
          id: r.id as number,
          on: d.occurred_on as string,
          row: {
            client_id: r.client_id as number, kind: d.kind, subject: r.subject as string | null, old_value: d.old_value as string | null,
            new_value: (r.new_code === null ? r.new_null : r.new_code instanceof Uint8Array ? null : d.new_value) as string | null,
          },
        };
      })
      .sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : x.id - y.id))
      .map((x) => x.row);
  }
  return stmt(ctx.db,
      `SELECT e.client_id, e.kind, e.subject, e.old_value, ${eventNewValueSql('e')} AS new_value FROM ${days.from}
       WHERE ${days.where} AND +e.kind IN (SELECT value FROM json_each(?)) AND e.client_id IN (SELECT value FROM json_each(?))
       ORDER BY e.occurred_on, e.id`)
    .all(...days.params(date), JSON.stringify(kinds), JSON.stringify(ids)) as EventRow[];
}

/** The first event per key (events are earliest first). */
function firstPer(events: EventRow[], key: (e: EventRow) => string): Map<string, EventRow> {
  const m = new Map<string, EventRow>();
  for (const e of events) if (!m.has(key(e))) m.set(key(e), e);
  return m;
}

const TRACKED_CLIENT_FIELDS = ['name', 'city', 'consultant'] as const;

/**
 * Name, city, consultant and stage of each client in `ids` at the end of `date` ('YYYY-MM-DD', China).
 * Clients that do not exist are left out of the map.
 */
export function clientsAsOf(ctx: ServiceContext, ids: readonly number[], date: string): Map<number, ClientAsOf> {
  const out = new Map<number, ClientAsOf>();
  if (!ids.length) return out;
  const rows = stmt(ctx.db, 'SELECT id, name, uscc, city, consultant, stage FROM clients WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as Array<Omit<ClientAsOf, 'stage'> & { stage: string }>;
  const events = laterEvents(ctx, ids, date, ['stage', 'client.update']);
  const firstStage = firstPer(events.filter((e) => e.kind === 'stage'), (e) => String(e.client_id));
  const firstField = firstPer(
    events.filter((e) => e.kind === 'client.update' && (TRACKED_CLIENT_FIELDS as readonly string[]).includes(e.subject ?? '')),
    (e) => `${e.client_id}\u0000${e.subject}`,
  );
  for (const r of rows) {
    const fieldAt = (f: (typeof TRACKED_CLIENT_FIELDS)[number], current: string | null) => {
      const e = firstField.get(`${r.id}\u0000${f}`);
      return e ? e.old_value : current;
    };
    const se = firstStage.get(String(r.id));
    const stage = (se ? (se.old_value ?? se.new_value ?? r.stage) : r.stage) as StageKey;
    out.set(r.id, {
      id: r.id,
      uscc: r.uscc,
      name: fieldAt('name', r.name) ?? r.name,
      city: fieldAt('city', r.city) ?? r.city,
      consultant: fieldAt('consultant', r.consultant),
      stage,
    });
  }
  return out;
}

/**
 * Each client's checklist (in checklist order) with every item's status and due date at the end of `date`.
 * Clients without items map to an empty list.
 */
export function materialsAsOf(ctx: ServiceContext, ids: readonly number[], date: string): Map<number, MaterialAtWeekEnd[]> {
  const out = new Map<number, MaterialAtWeekEnd[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = stmt(ctx.db,
      `SELECT client_id, item_key, title, sort, status, due_date FROM materials
       WHERE client_id IN (SELECT value FROM json_each(?)) ORDER BY client_id, sort, id`,
    )
    .all(JSON.stringify(ids)) as Array<{ client_id: number; item_key: string; title: string; sort: number; status: string; due_date: string | null }>;
  const first = firstPer(laterEvents(ctx, ids, date, ['material.status', 'material.due']), (e) => `${e.client_id}\u0000${e.kind}\u0000${e.subject}`);
  for (const r of rows) {
    const status = first.get(`${r.client_id}\u0000material.status\u0000${r.item_key}`);
    const due = first.get(`${r.client_id}\u0000material.due\u0000${r.item_key}`);
    out.get(r.client_id)!.push({
      itemKey: r.item_key,
      title: r.title,
      sort: r.sort,
      status: (status ? status.old_value ?? 'missing' : r.status) as MaterialStatus,
      dueDate: due ? due.old_value : r.due_date,
    });
  }
  return out;
}
