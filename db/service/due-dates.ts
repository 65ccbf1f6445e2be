/**
 * The materialised open due dates (table `due_dates`, migration 0070; issue 16): derivation, upkeep and the window
 * read. Reusable by other features (the dashboard, the weekly summary's coming deadlines).
 *
 * - {@link deriveDueDates}: the rows a set of clients should have, from scratch (process deadlines via
 *   shared/domain/deadlines.ts, open change filings' agency deadline) — the single definition of what the table holds.
 * - Upkeep: triggers mark a client in `due_dirty` in the same transaction as the change; {@link flushDueDates}
 *   recomputes the marked clients in one IMMEDIATE transaction. Dispatch runs it before and after every call (a no-op
 *   index read when nothing is marked), so no reader sees a stale row and the readers themselves never write.
 * - The window reads ({@link readDueHead}, {@link earliestDueStart}, {@link dueRuleStarts}): the count and the first
 *   rows of a range of due dates, by the due-date index, reading about what a list shows (issue 16).
 */
import { writeTransaction } from '../tx';
import type { WorkCalendar } from '../../shared/domain/calendar';
import { DEADLINE_RULES, dueDateOf, type DeadlineRuleKey } from '../../shared/domain/deadline-rules';
import { openProcessDeadlines } from '../../shared/domain/deadlines';
import type { StageKey } from '../../shared/domain/stages';
import type { DB } from '../open';
import { loadCalendar } from './calendar';
import { stmt } from './stmt';
import type { ServiceContext } from './context';
import { ACTIVE_PROCESS_WHERE, processSnapshots } from './deadlines';

/**
 * One open due date of a client: `kind` 'process' (rules pre_review … material_target) or 'change' (rule
 * change_agency, `refId` = change_filings.id); `start` and `due` are 'YYYY-MM-DD' China dates; `subject` /
 * `subjectKey` name what it is about (material title(s) and item key; a change's new value and kind).
 */
export interface DueDateRow {
  clientId: number;
  kind: 'process' | 'change';
  rule: DeadlineRuleKey;
  refId: number | null;
  start: string;
  due: string;
  subject: string | null;
  subjectKey: string | null;
}

/**
 * The due-date rows of the clients matched by `clientWhere` (SQL over `c` = clients, with `params`), computed from
 * the recorded facts with `cal`, ordered by client, kind, rule, start, ref, subject key. Writes nothing.
 */
export function deriveDueDates(ctx: ServiceContext, cal: WorkCalendar, clientWhere: string, params: unknown[]): DueDateRow[] {
  const out: DueDateRow[] = [];
  for (const [clientId, { snap }] of processSnapshots(ctx, `${ACTIVE_PROCESS_WHERE} AND (${clientWhere})`, params)) {
    for (const o of openProcessDeadlines(snap)) {
      out.push({ clientId, kind: 'process', rule: o.rule, refId: null, start: o.start, due: dueDateOf(DEADLINE_RULES[o.rule], o.start, cal).due, subject: o.subject, subjectKey: o.subjectKey });
    }
  }
  const changes = ctx.db
    .prepare(
      `SELECT f.id, f.client_id, f.kind, f.changed_on, f.new_value FROM change_filings f JOIN clients c ON c.id = f.client_id
       WHERE f.filed_on IS NULL AND c.archived = 0 AND (${clientWhere})`,
    )
    .all(...params) as Array<{ id: number; client_id: number; kind: string; changed_on: string; new_value: string | null }>;
  for (const f of changes) {
    out.push({ clientId: f.client_id, kind: 'change', rule: 'change_agency', refId: f.id, start: f.changed_on, due: dueDateOf(DEADLINE_RULES.change_agency, f.changed_on, cal).due, subject: f.new_value, subjectKey: f.kind });
  }
  return out.sort(compareRows);
}

/** The order {@link deriveDueDates} and {@link storedDueDates} return rows in (so two lists compare row for row). */
export function compareRows(a: DueDateRow, b: DueDateRow): number {
  return a.clientId - b.clientId || a.kind.localeCompare(b.kind) || a.rule.localeCompare(b.rule) || a.start.localeCompare(b.start)
    || (a.refId ?? 0) - (b.refId ?? 0) || (a.subjectKey ?? '').localeCompare(b.subjectKey ?? '') || (a.subject ?? '').localeCompare(b.subject ?? '');
}

const fromRow = (r: Record<string, unknown>): DueDateRow => ({
  clientId: r.client_id as number, kind: r.kind as DueDateRow['kind'], rule: r.rule as DeadlineRuleKey, refId: (r.ref_id as number | null) ?? null,
  start: r.start as string, due: r.due as string, subject: (r.subject as string | null) ?? null, subjectKey: (r.subject_key as string | null) ?? null,
});

/** Every stored row (as the table holds it, without flushing), in {@link compareRows} order. For checks and tests. */
export function storedDueDates(db: DB): DueDateRow[] {
  return (db.prepare('SELECT * FROM due_dates').all() as Record<string, unknown>[]).map(fromRow).sort(compareRows);
}

const hasTable = new WeakMap<DB, boolean>();
/** True when `db` has the due-date tables (every database at schema 70 or later; false for a placeholder). */
export function hasDueDates(db: DB): boolean {
  let v = hasTable.get(db);
  if (v === undefined) {
    v = db.open && !!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'due_dirty'").get();
    hasTable.set(db, v);
  }
  return v;
}

/** Clients recomputed per statement batch. */
const BATCH = 500;

/**
 * Recomputes the due dates of every client marked in `due_dirty` (a client that no longer exists just loses its
 * rows) and clears the marks, in one IMMEDIATE transaction. Cheap when nothing is marked (one index read).
 * @returns how many clients were recomputed
 */
export function flushDueDates(ctx: ServiceContext): number {
  const db = ctx.db;
  if (!hasDueDates(db) || !stmt(db, 'SELECT 1 FROM due_dirty LIMIT 1').get()) return 0;
  const run = () => {
    const ids = (db.prepare('SELECT client_id FROM due_dirty').all() as Array<{ client_id: number }>).map((r) => r.client_id);
    const cal = loadCalendar(ctx);
    const del = db.prepare('DELETE FROM due_dates WHERE client_id IN (SELECT value FROM json_each(?))');
    const unmark = db.prepare('DELETE FROM due_dirty WHERE client_id IN (SELECT value FROM json_each(?))');
    const ins = db.prepare('INSERT INTO due_dates (client_id, kind, rule, ref_id, start, due, subject, subject_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = JSON.stringify(ids.slice(i, i + BATCH));
      const rows = deriveDueDates(ctx, cal, 'c.id IN (SELECT value FROM json_each(?))', [batch]);
      del.run(batch);
      for (const r of rows) ins.run(r.clientId, r.kind, r.rule, r.refId, r.start, r.due, r.subject, r.subjectKey);
      unmark.run(batch);
    }
    return ids.length;
  };
  return db.inTransaction ? run() : writeTransaction(db, run);
}

/** A stored due date with what lists show about its client. */
export interface DueDateWithClient extends DueDateRow {
  clientName: string;
  city: string;
  consultant: string | null;
  stage: StageKey;
}

/**
 * The open due dates in (`after`, `until`] ('YYYY-MM-DD'; `after` '' for no lower bound): `total`, how many, counted
 * from the due-date index alone; `rows`, with what lists show about their clients, soonest first — the first `limit`
 * and every other row due on the day of the last of them (what a caller that orders rows within a day by client name
 * needs to show its first `limit`), or all of them when there are no more than `limit`. Reads about `limit` rows, not
 * the range (issue 16). Dispatch flushes pending recomputations before every call, so both are current; a removed
 * client's rows went with it (foreign key, ON DELETE CASCADE), so every row counted has its client.
 */
export function readDueHead(ctx: ServiceContext, after: string, until: string, limit: number): { total: number; rows: DueDateWithClient[] } {
  const total = (stmt(ctx.db, 'SELECT count(*) AS n FROM due_dates WHERE due > ? AND due <= ?').get(after, until) as { n: number }).n;
  if (total === 0) return { total, rows: [] };
  const last = total <= limit ? until
    : (stmt(ctx.db, 'SELECT due FROM due_dates WHERE due > ? AND due <= ? ORDER BY due LIMIT 1 OFFSET ?').get(after, until, limit - 1) as { due: string }).due;
  const rows = stmt(ctx.db,
      `SELECT d.*, c.name, c.city, c.consultant, c.stage FROM due_dates d JOIN clients c ON c.id = d.client_id
       WHERE d.due > ? AND d.due <= ? ORDER BY d.due`,
    )
    .all(after, last) as Record<string, unknown>[];
  return { total, rows: rows.map((r) => ({ ...fromRow(r), clientName: r.name as string, city: r.city as string, consultant: (r.consultant as string | null) ?? null, stage: r.stage as StageKey })) };
}

/**
 * The earliest start of the open due dates due on or before `until` (null when there are none), from the
 * `due_dates_due_start` index alone (0200).
 */
export function earliestDueStart(ctx: ServiceContext, until: string): string | null {
  return (stmt(ctx.db, 'SELECT min(start) AS s FROM due_dates WHERE due <= ?').get(until) as { s: string | null }).s;
}

/** The distinct (rule, start) pairs of the open due dates due on or before `until`: what their timings depend on. */
export function dueRuleStarts(ctx: ServiceContext, until: string): Array<{ rule: DeadlineRuleKey; start: string }> {
  return stmt(ctx.db, 'SELECT DISTINCT rule, start FROM due_dates WHERE due <= ?').all(until) as Array<{ rule: DeadlineRuleKey; start: string }>;
}
