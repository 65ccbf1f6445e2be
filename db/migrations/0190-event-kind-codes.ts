import type { Migration, MigrationProgress } from './index';
import type Database from 'better-sqlite3';

/**
 * The event kinds stored as small integers from 0190 on: code = index + 1. Fixed here (released migrations never
 * change): a kind added later is stored as its text, which the generated `kind` column gives back unchanged.
 */
export const KIND_CODES_0190 = [
  'material.status', 'note.create', 'stage', 'client.import', 'client.create', 'client.update', 'material.checks', 'material.note',
  'material.due', 'note.update', 'note.remove', 'process.date', 'licence.set', 'licence.remove', 'annual.filed', 'change.create',
  'change.filed', 'change.remove', 'facts.update', 'attachment.add', 'attachment.rename', 'attachment.move', 'attachment.remove',
  'inspection.schedule', 'inspection.update', 'inspection.remove', 'inspection.check', 'inspection.note', 'inspection.area',
  'inspection.outcome',
] as const;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** SQL giving the value to store in `events.kind_code` for the kind text `x`: its code, or the text for another kind. */
export const STORED_KIND_SQL_0190 = (x: string) => `CASE ${x} ${KIND_CODES_0190.map((k, i) => `WHEN ${lit(k)} THEN ${i + 1}`).join(' ')} ELSE ${x} END`;

/** SQL giving the kind text of a stored `kind_code` `x` (a text value as it is; an integer is never compared to text). */
export const KIND_OF_CODE_SQL_0190 = (x: string) => `CASE ${x} ${KIND_CODES_0190.map((k, i) => `WHEN ${i + 1} THEN ${lit(k)}`).join(' ')} ELSE ${x} END`;

/** Rows (ids) per statement of the copy, between which it reports progress. */
const CHUNK = 100_000;

/**
 * Rebuilds `events` with `kind` stored as `kind_code` (see {@link m0190}); the other columns, indexes and triggers as
 * they were. Also used by the JSON import for files exported before 0190 (they name `kind`; the import writes the
 * text into `kind_code`, then {@link COMPACT_KINDS_0190} codes it).
 */
function rebuild(db: Database.Database, progress?: MigrationProgress): void {
  const keep = (db.prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'events' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid").all() as { sql: string }[]).map((r) => r.sql);
  // Triggers of other tables that write events (0180's keep triggers on notes and materials): dropped while the
  // table is swapped (the rename checks them against a schema without `events`), recreated as they were.
  const others = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name <> 'events' AND sql LIKE '%events%' ORDER BY rowid").all() as { name: string; sql: string }[];
  for (const t of others) db.exec(`DROP TRIGGER "${t.name}"`);
  const range = db.prepare('SELECT count(*) AS n, coalesce(min(id), 1) - 1 AS lo, coalesce(max(id), 0) AS hi FROM events').get() as { n: number; lo: number; hi: number };
  progress?.(0, range.n, 'events');
  db.exec(`
    CREATE TABLE events_0190 (
      id INTEGER PRIMARY KEY,
      client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
      at ANY NOT NULL,
      occurred_on TEXT NOT NULL,
      kind TEXT NOT NULL GENERATED ALWAYS AS (${KIND_OF_CODE_SQL_0190('kind_code')}) VIRTUAL,
      subject TEXT,
      subject_title ANY,
      old_value TEXT,
      new_value ANY,
      kind_code ANY NOT NULL
    ) STRICT;`);
  const copy = db.prepare(`INSERT INTO events_0190 (id, client_id, at, occurred_on, kind_code, subject, subject_title, old_value, new_value)
      SELECT e.id, e.client_id, e.at, e.occurred_on, ${STORED_KIND_SQL_0190('e.kind')}, e.subject, e.subject_title, e.old_value, e.new_value
      FROM events e WHERE e.id > ? AND e.id <= ? ORDER BY e.id`);
  let done = 0;
  for (let lo = range.lo; lo < range.hi; lo += CHUNK) {
    done += copy.run(lo, lo + CHUNK).changes;
    progress?.(done, range.n, 'events');
  }
  db.exec('DROP TABLE events; ALTER TABLE events_0190 RENAME TO events;');
  for (const sql of keep) db.exec(sql);
  for (const t of others) db.exec(t.sql);
}

/** Codes the kinds still stored as text that have a code (events imported from a JSON export made before 0190). */
export const COMPACT_KINDS_0190 = `UPDATE events SET kind_code = ${STORED_KIND_SQL_0190('kind_code')} WHERE typeof(kind_code) = 'text' AND kind_code IN (${KIND_CODES_0190.map(lit).join(', ')});`;

/**
 * 0190 (issue 16, file size): events' `kind` (15 characters of text on average, 2 million rows at 20,000 clients) is
 * stored as a small integer in `kind_code` ({@link KIND_CODES_0190}; a kind without a code stays text). `kind` is a
 * VIRTUAL generated column of the same name, type and position that decodes it, so every reader's SQL
 * (`e.kind = 'stage'`, `kind IN (...)`, the partial indexes' `WHERE kind = 'stage'`, the triggers' `NEW.kind`) reads
 * the same text as before; writers write `kind_code` (db/service/event-columns.ts storedKind / STORED_KIND_SQL_0190).
 * The JSON export carries `kind_code` (the stored form, as it carries `at` in milliseconds); an older export's `kind`
 * is imported into it. The space is reclaimed by 压缩数据库文件 (VACUUM) in 设置.
 */
export const m0190: Migration = {
  version: 190,
  name: 'event-kind-codes',
  up(db, progress) {
    rebuild(db, progress);
  },
};
