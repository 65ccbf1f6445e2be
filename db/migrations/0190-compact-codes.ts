import type { Migration, MigrationProgress } from './index';
import type Database from 'better-sqlite3';
import { STORED_AT_0180 } from './0180-compact-events';

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

/**
 * The event values stored as small integers from 0190 on (`events.old_code` / `new_code`): the material statuses and
 * the process stages (shared/domain/materials.ts, stages.ts as of 0190), code = index + 1, whatever the event's kind
 * (decoding does not look at the kind). Fixed here: a value added later is stored as its text.
 */
export const VALUE_CODES_0190 = [
  'missing', 'received', 'checked', 'submitted', 'accepted', 'correction',
  'consultation', 'materials', 'pre_application', 'formal_submission', 'site_inspection', 'issuance', 'aftercare',
] as const;

/** SQL giving the value to store in `old_code` / `new_code` for the value `x`: its code, else `x` unchanged (NULL, text, BLOB). */
export const STORED_VALUE_SQL_0190 = (x: string) => `CASE ${x} ${VALUE_CODES_0190.map((v, i) => `WHEN ${lit(v)} THEN ${i + 1}`).join(' ')} ELSE ${x} END`;

/** SQL giving the recorded value of a stored `old_code` / `new_code` `x` (anything but a code as it is). */
export const VALUE_OF_CODE_SQL_0190 = (x: string) => `CASE ${x} ${VALUE_CODES_0190.map((v, i) => `WHEN ${i + 1} THEN ${lit(v)}`).join(' ')} ELSE ${x} END`;

/**
 * SQL giving the China day ('YYYY-MM-DD', UTC+8) of a stored `at` `x` when it is milliseconds, else NULL. An event's
 * `occurred_on` is stored (`on_code`) only where it differs from this (a stage move or note dated by the user).
 */
export const DAY_OF_AT_SQL_0190 = (x: string) => `CASE typeof(${x}) WHEN 'integer' THEN date(${x} / 1000 + 28800, 'unixepoch') END`;

/** SQL giving the value to store in `events.on_code` for the day `on` of an event whose stored `at` is `at`. */
export const STORED_ON_SQL_0190 = (on: string, at: string) => `CASE WHEN ${on} = ${DAY_OF_AT_SQL_0190(at)} THEN NULL ELSE ${on} END`;

/** SQL giving the ISO text of a stored instant `x` (UTC milliseconds as 0180's `at`; text as it is). */
export const ISO_OF_MS_SQL_0190 = (x: string) =>
  `CASE typeof(${x}) WHEN 'integer' THEN strftime('%Y-%m-%dT%H:%M:%S', ${x} / 1000, 'unixepoch') || printf('.%03dZ', ${x} % 1000) ELSE ${x} END`;

/** The events table from 0190 on: the stored columns where 0180 had them, the recorded ones generated after them. */
const EVENTS_0190 = (name: string) => `
    CREATE TABLE ${name} (
      id INTEGER PRIMARY KEY,
      client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
      at ANY NOT NULL,
      on_code TEXT,
      kind_code ANY NOT NULL,
      subject TEXT,
      subject_title ANY,
      old_code ANY,
      new_code ANY,
      occurred_on TEXT NOT NULL GENERATED ALWAYS AS (CASE WHEN on_code IS NOT NULL THEN on_code ELSE ${DAY_OF_AT_SQL_0190('at')} END) VIRTUAL,
      kind TEXT NOT NULL GENERATED ALWAYS AS (${KIND_OF_CODE_SQL_0190('kind_code')}) VIRTUAL,
      old_value TEXT GENERATED ALWAYS AS (${VALUE_OF_CODE_SQL_0190('old_code')}) VIRTUAL,
      new_value ANY GENERATED ALWAYS AS (${VALUE_OF_CODE_SQL_0190('new_code')}) VIRTUAL
    ) STRICT;`;

/** The notes table from 0190 on: the instants as UTC milliseconds (`created_ms`, `updated_ms`), the ISO text generated. */
const NOTES_0190 = (name: string) => `
    CREATE TABLE ${name} (
      id INTEGER PRIMARY KEY,
      client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
      note_date TEXT NOT NULL,
      body TEXT NOT NULL,
      created_ms ANY NOT NULL,
      updated_ms ANY NOT NULL,
      created_at TEXT NOT NULL GENERATED ALWAYS AS (${ISO_OF_MS_SQL_0190('created_ms')}) VIRTUAL,
      updated_at TEXT NOT NULL GENERATED ALWAYS AS (${ISO_OF_MS_SQL_0190('updated_ms')}) VIRTUAL
    ) STRICT;`;

/** The materials table from 0190 on: `updated_at` as UTC milliseconds (`updated_ms`), the ISO text generated. */
const MATERIALS_0190 = (name: string) => `
    CREATE TABLE ${name} (
      id INTEGER PRIMARY KEY,
      client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
      item_key TEXT NOT NULL,
      group_key TEXT NOT NULL,
      title TEXT NOT NULL,
      hint TEXT NOT NULL DEFAULT '',
      sort INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'missing',
      check_complete INTEGER NOT NULL DEFAULT 0,
      check_accurate INTEGER NOT NULL DEFAULT 0,
      check_legible INTEGER NOT NULL DEFAULT 0,
      note TEXT,
      due_date TEXT,
      updated_ms ANY NOT NULL,
      updated_at TEXT NOT NULL GENERATED ALWAYS AS (${ISO_OF_MS_SQL_0190('updated_ms')}) VIRTUAL,
      UNIQUE (client_id, item_key)
    ) STRICT;`;

/** Rows (ids) per statement of the copy, between which it reports progress. */
const CHUNK = 100_000;

/** Copies `from` into `to` by id ranges of {@link CHUNK} with `select` (… WHERE x.id > ? AND x.id <= ?), reporting progress. */
function copyChunks(db: Database.Database, from: string, insert: string, progress: MigrationProgress | undefined, what: string): void {
  const range = db.prepare(`SELECT count(*) AS n, coalesce(min(id), 1) - 1 AS lo, coalesce(max(id), 0) AS hi FROM ${from}`).get() as { n: number; lo: number; hi: number };
  progress?.(0, range.n, what);
  const copy = db.prepare(insert);
  let done = 0;
  for (let lo = range.lo; lo < range.hi; lo += CHUNK) {
    done += copy.run(lo, lo + CHUNK).changes;
    progress?.(done, range.n, what);
  }
}

/** 0180's keep triggers on notes write an excerpt into `new_value`; from 0190 on they write the stored `new_code`. */
function storedTriggerSql(sql: string): string {
  return sql.replace(/UPDATE events SET new_value =/g, 'UPDATE events SET new_code =');
}

/**
 * Rebuilds `events`, `notes` and `materials` in their 0190 form (see {@link m0190}); indexes and triggers as they were (0180's keep
 * triggers writing the stored column).
 */
function rebuild(db: Database.Database, progress?: MigrationProgress): void {
  const indexes = (db.prepare("SELECT sql FROM sqlite_schema WHERE tbl_name IN ('events', 'notes', 'materials') AND type = 'index' AND sql IS NOT NULL ORDER BY rowid").all() as { sql: string }[]).map((r) => r.sql);
  // Every trigger on either table or naming one: dropped while the tables are swapped (a rename checks the triggers
  // against a schema without the dropped table), recreated after.
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
      AND (tbl_name IN ('events', 'notes', 'materials') OR sql LIKE '%events%' OR sql LIKE '%notes%' OR sql LIKE '%materials%') ORDER BY rowid`).all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  db.exec(EVENTS_0190('events_0190'));
  copyChunks(db, 'events', `INSERT INTO events_0190 (id, client_id, at, on_code, kind_code, subject, subject_title, old_code, new_code)
      SELECT e.id, e.client_id, e.at, ${STORED_ON_SQL_0190('e.occurred_on', 'e.at')}, ${STORED_KIND_SQL_0190('e.kind')}, e.subject, e.subject_title,
        ${STORED_VALUE_SQL_0190('e.old_value')}, ${STORED_VALUE_SQL_0190('e.new_value')}
      FROM events e WHERE e.id > ? AND e.id <= ? ORDER BY e.id`, progress, 'events');
  db.exec('DROP TABLE events; ALTER TABLE events_0190 RENAME TO events;');
  // Dropping `notes` deletes its note_versions (ON DELETE CASCADE, foreign keys are on): kept aside and put back.
  db.exec('CREATE TEMP TABLE note_versions_0190 AS SELECT * FROM note_versions');
  db.exec(NOTES_0190('notes_0190'));
  copyChunks(db, 'notes', `INSERT INTO notes_0190 (id, client_id, note_date, body, created_ms, updated_ms)
      SELECT n.id, n.client_id, n.note_date, n.body, ${STORED_AT_0180('n.created_at')}, ${STORED_AT_0180('n.updated_at')}
      FROM notes n WHERE n.id > ? AND n.id <= ? ORDER BY n.id`, progress, 'notes');
  db.exec('DROP TABLE notes; ALTER TABLE notes_0190 RENAME TO notes;');
  db.exec('INSERT INTO note_versions SELECT * FROM temp.note_versions_0190; DROP TABLE temp.note_versions_0190;');
  // The same for materials and their attachments (ON DELETE CASCADE).
  db.exec('CREATE TEMP TABLE attachments_0190 AS SELECT * FROM attachments');
  db.exec(MATERIALS_0190('materials_0190'));
  copyChunks(db, 'materials', `INSERT INTO materials_0190 (id, client_id, item_key, group_key, title, hint, sort, status, check_complete,
        check_accurate, check_legible, note, due_date, updated_ms)
      SELECT m.id, m.client_id, m.item_key, m.group_key, m.title, m.hint, m.sort, m.status, m.check_complete, m.check_accurate,
        m.check_legible, m.note, m.due_date, ${STORED_AT_0180('m.updated_at')}
      FROM materials m WHERE m.id > ? AND m.id <= ? ORDER BY m.id`, progress, 'materials');
  db.exec('DROP TABLE materials; ALTER TABLE materials_0190 RENAME TO materials;');
  db.exec('INSERT INTO attachments SELECT * FROM temp.attachments_0190; DROP TABLE temp.attachments_0190;');
  for (const sql of indexes) db.exec(sql);
  for (const t of triggers) db.exec(storedTriggerSql(t.sql));
}

/**
 * Stores in 0190's form what an import wrote as recorded (a JSON export made before 0190 names `kind`, `occurred_on`,
 * `old_value`, `new_value`, the notes' `created_at`, `updated_at`; the import writes them into the stored columns, and
 * 0180's compaction, if the export predates it, has run): kinds and values that have a code coded, `on_code` NULL
 * where it is the day of `at`, the notes' instants as milliseconds where exact. The same values read back.
 */
export const COMPACT_CODES_0190 = `
  UPDATE events SET kind_code = ${STORED_KIND_SQL_0190('kind_code')} WHERE typeof(kind_code) = 'text' AND kind_code IN (${KIND_CODES_0190.map(lit).join(', ')});
  UPDATE events SET old_code = ${STORED_VALUE_SQL_0190('old_code')} WHERE typeof(old_code) = 'text' AND old_code IN (${VALUE_CODES_0190.map(lit).join(', ')});
  UPDATE events SET new_code = ${STORED_VALUE_SQL_0190('new_code')} WHERE typeof(new_code) = 'text' AND new_code IN (${VALUE_CODES_0190.map(lit).join(', ')});
  UPDATE events SET on_code = NULL WHERE on_code = ${DAY_OF_AT_SQL_0190('at')};
  UPDATE notes SET created_ms = ${STORED_AT_0180('created_ms')} WHERE typeof(created_ms) = 'text';
  UPDATE notes SET updated_ms = ${STORED_AT_0180('updated_ms')} WHERE typeof(updated_ms) = 'text';
  UPDATE materials SET updated_ms = ${STORED_AT_0180('updated_ms')} WHERE typeof(updated_ms) = 'text';
`;

/**
 * The columns a JSON export made before 0190 names, and the stored column each is imported into (then
 * {@link COMPACT_CODES_0190}).
 */
export const PRE_0190_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  events: { kind: 'kind_code', occurred_on: 'on_code', old_value: 'old_code', new_value: 'new_code' },
  notes: { created_at: 'created_ms', updated_at: 'updated_ms' },
  materials: { updated_at: 'updated_ms' },
};

/** 0180's compaction for an import of an export made before 0180, writing 0190's stored `new_code`. */
export const storedColumnsSql = (sql: string) => sql.replace(/\bnew_value\b/g, 'new_code');

/**
 * 0190 (issue 16, file size), four values of the two biggest tables stored compactly, each still read back exactly as
 * recorded through a VIRTUAL generated column of its old name and type (so no reader's SQL changed: `e.kind = 'stage'`,
 * the partial indexes' `WHERE kind = 'stage'`, `events_stage_on (occurred_on, …)`, the triggers' `NEW.kind`):
 * - events' `kind` as a small integer in `kind_code` ({@link KIND_CODES_0190}; a kind without a code stays text);
 * - events' `old_value` / `new_value` in `old_code` / `new_code`: a material status or a stage as a small integer
 *   ({@link VALUE_CODES_0190}, whatever the kind), anything else as it was (0180's markers included);
 * - events' `occurred_on` in `on_code`: NULL where it is the China day of `at` in milliseconds ({@link DAY_OF_AT_SQL_0190};
 *   all but the user-dated events), else the text;
 * - notes' `created_at` / `updated_at` and materials' `updated_at` as UTC milliseconds in `created_ms` / `updated_ms`
 *   (as 0180's `at`).
 * Writers write the stored columns (db/service/event-columns.ts, notes.ts, the bulk import, the bench generator). The
 * JSON export carries the stored columns; an older export's are imported into them ({@link PRE_0190_COLUMNS},
 * {@link COMPACT_CODES_0190}). The space is reclaimed by 压缩数据库文件 (VACUUM) in 设置.
 */
export const m0190: Migration = {
  version: 190,
  name: 'compact-codes',
  up(db, progress) {
    rebuild(db, progress);
  },
};
