import type { Migration } from './index';

/**
 * Event kinds whose `subject` is a material item key and whose `subject_title` was the item's title
 * (`materials.title` of the same client and key) when recorded. Fixed here: released migrations never change.
 */
export const MATERIAL_TITLE_KINDS_0180 = ['material.status', 'material.checks', 'material.note', 'material.due', 'attachment.add', 'attachment.move'] as const;
const KINDS = MATERIAL_TITLE_KINDS_0180.map((k) => `'${k}'`).join(', ');

/** The stored instant (UTC milliseconds) of an ISO text `x` ('YYYY-MM-DDTHH:MM:SS.sssZ'), as SQL. */
const encAt = (x: string) => `(CAST(strftime('%s', ${x}) AS INTEGER) * 1000 + CAST(substr(${x}, 21, 3) AS INTEGER))`;
/** The ISO text of stored milliseconds `x` (what `Date.prototype.toISOString` gives), as SQL. */
const decAt = (x: string) => `(strftime('%Y-%m-%dT%H:%M:%S', ${x} / 1000, 'unixepoch') || printf('.%03dZ', ${x} % 1000))`;

/**
 * `at` as stored from 0180 on: UTC milliseconds (an INTEGER) when the ISO text comes back from them exactly, else
 * the text unchanged (an instant before 1970 or not in the 24-character form stays as it was). SQL over `x`.
 */
export const STORED_AT_0180 = (x: string) =>
  `CASE WHEN typeof(${x}) = 'text' AND length(${x}) = 24 AND ${decAt(encAt(x))} = ${x} THEN ${encAt(x)} ELSE ${x} END`;

/**
 * A material event's title as stored from 0180 on: NULL when it equals the title of the client's item with that key
 * (readers take it from `materials`, db/service/event-columns.ts); an empty BLOB for a title that was NULL (no writer
 * records one, but a hand-edited or imported file may hold it: it must not read as the item's title); else the title
 * unchanged. Other kinds' titles unchanged. SQL over the events row alias `e`.
 */
export const STORED_TITLE_0180 = (e: string) =>
  `CASE WHEN ${e}.kind NOT IN (${KINDS}) THEN ${e}.subject_title WHEN ${e}.subject_title IS NULL THEN X''
    WHEN ${e}.subject_title = (SELECT m.title FROM materials m WHERE m.client_id = ${e}.client_id AND m.item_key = ${e}.subject) THEN NULL
    ELSE ${e}.subject_title END`;

/** Rows (ids) per statement of the migration's copies, between which it reports progress. */
const CHUNK = 100_000;

/** Characters of a note kept in its events (0080's excerpt), fixed here. */
const EXCERPT = 40;
/**
 * The excerpt 0080 and notes.ts keep of a note's text `x` (its first 40 characters and '…' when longer), as SQL.
 * SQLite's length/substr count characters (code points), as the excerpt's `[...body]` does.
 */
export const NOTE_EXCERPT_SQL_0180 = (x: string) => `CASE WHEN length(${x}) > ${EXCERPT} THEN substr(${x}, 1, ${EXCERPT}) || '…' ELSE ${x} END`;

/**
 * A note.create event's `new_value` as stored from 0180 on: NULL when it equals the excerpt of its note's text now
 * (`subject` = the note's id; readers take it from `notes`, db/service/event-columns.ts), an empty BLOB for one
 * recorded NULL, else unchanged. Other kinds' values unchanged. SQL over the events row alias `e`.
 */
export const STORED_NEW_0180 = (e: string) =>
  `CASE WHEN ${e}.kind <> 'note.create' THEN ${e}.new_value WHEN ${e}.new_value IS NULL THEN X''
    WHEN ${e}.new_value = (SELECT ${NOTE_EXCERPT_SQL_0180('n.body')} FROM notes n WHERE n.id = CAST(${e}.subject AS INTEGER) AND n.client_id = ${e}.client_id AND CAST(n.id AS TEXT) = ${e}.subject) THEN NULL
    ELSE ${e}.new_value END`;

/**
 * Triggers keeping what is not copied derivable: before a note's text changes or the note goes, the note.create event
 * that takes its excerpt from it gets the excerpt written in; before an item's title or key changes or the item goes,
 * the events that take their title from it get the title written in. (No code path renames or deletes an item today
 * except a client's deletion, which deletes its events too.)
 */
export const KEEP_TRIGGERS_0180 = `
  CREATE TRIGGER events_excerpt_keep_au BEFORE UPDATE OF body, client_id ON notes
    WHEN OLD.body IS NOT NEW.body OR OLD.client_id IS NOT NEW.client_id
    BEGIN UPDATE events SET new_value = ${NOTE_EXCERPT_SQL_0180('OLD.body')}
      WHERE client_id = OLD.client_id AND kind = 'note.create' AND subject = CAST(OLD.id AS TEXT) AND new_value IS NULL; END;
  CREATE TRIGGER events_excerpt_keep_ad BEFORE DELETE ON notes
    BEGIN UPDATE events SET new_value = ${NOTE_EXCERPT_SQL_0180('OLD.body')}
      WHERE client_id = OLD.client_id AND kind = 'note.create' AND subject = CAST(OLD.id AS TEXT) AND new_value IS NULL; END;
  CREATE TRIGGER events_title_keep_au BEFORE UPDATE OF title, item_key, client_id ON materials
    WHEN OLD.title IS NOT NEW.title OR OLD.item_key IS NOT NEW.item_key OR OLD.client_id IS NOT NEW.client_id
    BEGIN UPDATE events SET subject_title = OLD.title
      WHERE client_id = OLD.client_id AND subject = OLD.item_key AND subject_title IS NULL AND kind IN (${KINDS}); END;
  CREATE TRIGGER events_title_keep_ad BEFORE DELETE ON materials
    BEGIN UPDATE events SET subject_title = OLD.title
      WHERE client_id = OLD.client_id AND subject = OLD.item_key AND subject_title IS NULL AND kind IN (${KINDS}); END;
`;

/**
 * Compacts events already in an `events` table of this schema (a JSON export from before 0180 imported into it):
 * the same two conversions as the migration, in place. Values read back are unchanged.
 */
export const COMPACT_EVENTS_0180 = `
  UPDATE events SET at = ${STORED_AT_0180('at')} WHERE typeof(at) = 'text';
  UPDATE events SET subject_title = X'' WHERE subject_title IS NULL AND kind IN (${KINDS});
  UPDATE events AS e SET subject_title = NULL WHERE typeof(e.subject_title) = 'text' AND e.kind IN (${KINDS})
    AND e.subject_title = (SELECT m.title FROM materials m WHERE m.client_id = e.client_id AND m.item_key = e.subject);
  UPDATE events SET new_value = X'' WHERE new_value IS NULL AND kind = 'note.create';
  UPDATE events AS e SET new_value = NULL WHERE e.kind = 'note.create' AND typeof(e.new_value) = 'text'
    AND e.new_value = (SELECT ${NOTE_EXCERPT_SQL_0180('n.body')} FROM notes n WHERE n.id = CAST(e.subject AS INTEGER) AND n.client_id = e.client_id AND CAST(n.id AS TEXT) = e.subject);
`;

/**
 * FTS5 options of `notes_bi` from 0180 on (db/search/grams.ts BI_NONE_TABLE_OPTIONS): no positions. Fixed here.
 */
export const NOTES_BI_OPTIONS_0180 = "content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', detail=none";

/**
 * 0180 (issue 16, file size): the events table rebuilt smaller, every value still read back exactly:
 * - `at` (the UTC instant of recording) becomes `ANY`: stored as UTC milliseconds (6 bytes) instead of 24 characters of
 *   ISO text wherever the text comes back from them exactly ({@link STORED_AT_0180}); readers turn it back into the
 *   same text (db/service/event-columns.ts). About 37 MB of 49 MB at 20,000 clients (2 million events).
 * - material and attachment events no longer copy the item's title (about 27 bytes each, 40 MB at 20,000 clients):
 *   `subject_title` is NULL where it equals the title of the client's item with that key, and readers join it back;
 *   {@link KEEP_TRIGGERS_0180} write it in before an item's title could change or the item go. The column
 *   becomes `ANY` for the one marker a TEXT column cannot hold: an empty BLOB for a material event recorded with no
 *   title ({@link STORED_TITLE_0180}).
 * - note.create events no longer copy the excerpt of their note (up to 40 characters, 48 MB at 20,000 clients):
 *   `new_value` is NULL where it equals the excerpt of the note's text now ({@link STORED_NEW_0180}; `new_value`
 *   becomes `ANY` for the same empty-BLOB marker), written in by a trigger before the note's text changes or it goes.
 * - the notes' bigram search index `notes_bi` keeps no positions (detail=none: 93 → about 30 MB at 20,000 clients);
 *   a notes search checks its terms of 3+ characters on the candidate notes' text instead (db/service/search.ts).
 * The table is rebuilt (a STRICT column's type cannot change in place) with its indexes and triggers as they were.
 * The space is reclaimed when the user chooses 压缩数据库文件 in 设置 (VACUUM), not silently.
 */
export const m0180: Migration = {
  version: 180,
  name: 'compact-events',
  up(db, progress) {
    const keep = (db.prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'events' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid").all() as { sql: string }[]).map((r) => r.sql);
    const range = (t: string) => db.prepare(`SELECT count(*) AS n, coalesce(min(id), 1) - 1 AS lo, coalesce(max(id), 0) AS hi FROM ${t}`).get() as { n: number; lo: number; hi: number };
    const events = range('events');
    const notes = range('notes');
    progress?.(0, events.n, 'events');
    db.exec(`
      CREATE TABLE events_0180 (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        at ANY NOT NULL,
        occurred_on TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT,
        subject_title ANY,
        old_value TEXT,
        new_value ANY
      ) STRICT;`);
    // Copied in chunks of ids (same rows, same order as one INSERT…SELECT), reporting rows done between them.
    const copy = db.prepare(`INSERT INTO events_0180 (id, client_id, at, occurred_on, kind, subject, subject_title, old_value, new_value)
        SELECT e.id, e.client_id, ${STORED_AT_0180('e.at')}, e.occurred_on, e.kind, e.subject, ${STORED_TITLE_0180('e')}, e.old_value, ${STORED_NEW_0180('e')}
        FROM events e WHERE e.id > ? AND e.id <= ? ORDER BY e.id`);
    let done = 0;
    for (let lo = events.lo; lo < events.hi; lo += CHUNK) {
      done += copy.run(lo, lo + CHUNK).changes;
      progress?.(done, events.n, 'events');
    }
    db.exec(`
      DROP TABLE events;
      ALTER TABLE events_0180 RENAME TO events;
      ${KEEP_TRIGGERS_0180}
    `);
    for (const sql of keep) db.exec(sql);
    // notes_bi without positions: dropped and filled anew (its triggers name it, so they keep working).
    db.exec(`
      DROP TABLE notes_bi;
      CREATE VIRTUAL TABLE notes_bi USING fts5(bi, ${NOTES_BI_OPTIONS_0180});
    `);
    const index = db.prepare('INSERT INTO notes_bi(rowid, bi) SELECT id, icp_search_bi(body) FROM notes WHERE id > ? AND id <= ?');
    done = 0;
    progress?.(0, notes.n, 'notes search index');
    for (let lo = notes.lo; lo < notes.hi; lo += CHUNK) {
      done += index.run(lo, lo + CHUNK).changes;
      progress?.(done, notes.n, 'notes search index');
    }
  },
};
