/**
 * Reading and writing the events log in its stored form (migration 0180, db/migrations/0180-compact-events.ts):
 * `at` is UTC milliseconds (INTEGER) where that gives back the ISO text exactly, else the ISO text; a material or
 * attachment event's `subject_title` is NULL when it is the title of the client's item with that key, a note.create
 * event's `new_value` NULL when it is the excerpt of its note's text (an empty BLOB when it was recorded NULL). Every
 * reader
 * selects through {@link eventColumns} (or {@link eventAtSql} / {@link eventTitleSql}) and gets the values as they
 * were recorded: `at` as 'YYYY-MM-DDTHH:MM:SS.sssZ' text, the title as text.
 */
import type Database from 'better-sqlite3';
import { MATERIAL_TITLE_KINDS_0180, NOTE_EXCERPT_SQL_0180 } from '../migrations/0180-compact-events';
import { KIND_CODES_0190, VALUE_CODES_0190 } from '../migrations/0190-compact-codes';
import { noteExcerpt } from './notes';
import { hasColumn, stmt } from './stmt';

const KINDS = MATERIAL_TITLE_KINDS_0180.map((k) => `'${k}'`).join(', ');

const KIND_CODE: ReadonlyMap<string, number> = new Map(KIND_CODES_0190.map((k, i) => [k, i + 1]));

/**
 * The value to store in `events.kind_code` (migration 0190) for a kind: its small integer code as a BigInt (an ANY
 * column keeps a JS number as a REAL), or the text for a kind without a code. `events.kind` (generated) gives back
 * the text. SQL of the same: STORED_KIND_SQL_0190.
 */
export function storedKind(kind: string): bigint | string {
  const code = KIND_CODE.get(kind);
  return code === undefined ? kind : BigInt(code);
}

/** Largest instant stored as milliseconds: 9999-12-31T23:59:59.999Z (4-digit years, as toISOString writes them). */
const MAX_MS = 253_402_300_799_999;

/**
 * The value to store in `events.at` for an instant: its UTC milliseconds as an INTEGER (1970–9999, where the SQL of
 * {@link eventAtSql} gives back `toISOString()` exactly), else the ISO text.
 */
export function storedAt(d: Date): bigint | string {
  const ms = d.getTime();
  // A BigInt: better-sqlite3 binds every JS number as a REAL, which an ANY column would keep as a REAL.
  return Number.isInteger(ms) && ms >= 0 && ms <= MAX_MS ? BigInt(ms) : d.toISOString();
}

/** SQL giving the ISO text of the stored `at` of the events row aliased `e` (text values as they are). */
export function eventAtSql(e: string): string {
  return `CASE typeof(${e}.at) WHEN 'integer' THEN strftime('%Y-%m-%dT%H:%M:%S', ${e}.at / 1000, 'unixepoch') || printf('.%03dZ', ${e}.at % 1000) ELSE ${e}.at END`;
}

/**
 * SQL giving the recorded `subject_title` of the events row aliased `e`: a NULL material title read from `materials`,
 * the empty BLOB (a material event recorded without a title) as NULL.
 */
export function eventTitleSql(e: string): string {
  return `CASE typeof(${e}.subject_title) WHEN 'text' THEN ${e}.subject_title WHEN 'blob' THEN NULL
    ELSE CASE WHEN ${e}.kind IN (${KINDS}) THEN (SELECT m.title FROM materials m WHERE m.client_id = ${e}.client_id AND m.item_key = ${e}.subject) END END`;
}

/**
 * SQL expression giving the value to store as `subject_title` for an event being inserted, from the parameters
 * `@clientId`, `@kind`, `@subject`, `@subjectTitle`: NULL when it is the current title of that item, else the title.
 */
export const STORED_TITLE_PARAMS_SQL = `CASE WHEN @kind NOT IN (${KINDS}) THEN @subjectTitle WHEN @subjectTitle IS NULL THEN X''
  WHEN @subjectTitle = (SELECT m.title FROM materials m WHERE m.client_id = @clientId AND m.item_key = @subject) THEN NULL ELSE @subjectTitle END`;

/**
 * SQL giving the recorded `new_value` of the events row aliased `e`: a NULL note.create excerpt read from its note
 * (`subject` = the note's id), the empty BLOB (a note.create recorded without a value) as NULL.
 */
export function eventNewValueSql(e: string): string {
  return `CASE typeof(${e}.new_value) WHEN 'text' THEN ${e}.new_value WHEN 'blob' THEN NULL
    ELSE CASE WHEN ${e}.kind = 'note.create' THEN (SELECT ${NOTE_EXCERPT_SQL_0180('n.body')} FROM notes n WHERE n.id = CAST(${e}.subject AS INTEGER) AND n.client_id = ${e}.client_id) END END`;
}

/**
 * SQL expression giving the value to store as `new_value` for an event being inserted, from `@clientId`, `@kind`,
 * `@subject`, `@newValue`: for note.create, NULL when it is the excerpt of that note's text now.
 */
export const STORED_NEW_PARAMS_SQL = `CASE WHEN @kind <> 'note.create' THEN @newValue WHEN @newValue IS NULL THEN X''
  WHEN @newValue = (SELECT ${NOTE_EXCERPT_SQL_0180('n.body')} FROM notes n WHERE n.id = CAST(@subject AS INTEGER) AND n.client_id = @clientId AND CAST(n.id AS TEXT) = @subject) THEN NULL ELSE @newValue END`;

/** The events columns in declaration order, as recorded (id, client_id, at, occurred_on, kind, subject, subject_title, old_value, new_value), for `FROM events <e>`. */
export function eventColumns(e: string): string {
  return `${e}.id, ${e}.client_id, ${eventAtSql(e)} AS at, ${e}.occurred_on, ${e}.kind, ${e}.subject, ${eventTitleSql(e)} AS subject_title, ${e}.old_value, ${eventNewValueSql(e)} AS new_value`;
}

const MATERIAL_KINDS: ReadonlySet<string> = new Set(MATERIAL_TITLE_KINDS_0180);

/**
 * The events columns as stored, for {@link decodeClientEvents}: the nine columns of `events <e>` plus `typeof(at)` as
 * `at_type` (an integer and a real read alike in JS).
 */
export function storedEventColumns(e: string): string {
  return `${e}.id, ${e}.client_id, ${e}.at, typeof(${e}.at) AS at_type, ${e}.occurred_on, ${e}.kind, ${e}.subject, ${e}.subject_title, ${e}.old_value, ${e}.new_value`;
}

/** True when `db`'s events are in 0190's form (stored `on_code` …); checked once per connection. */
export function coded(db: Database.Database): boolean {
  return hasColumn(db, 'events', 'on_code');
}

/** UTC ms of 00:00 UTC on day `d` ('YYYY-MM-DD'), or null for anything else. */
function utcMidnight(d: string): number | null {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.parse(`${d}T00:00:00Z`) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

/**
 * `FROM` and `WHERE` fragments reading the events `e` dated between two China days (`between`, inclusive) or after one
 * (`after`) — the same rows as `+e.occurred_on BETWEEN lo AND hi` / `+e.occurred_on > lo` — and the statement's first
 * parameters for given days (`params`, to spread before the statement's other parameters: they are read once, in the
 * `FROM` subquery). On a 0190 file the generated `occurred_on` (a date() a row) is not evaluated: the stored `on_code`
 * is compared where present, else `at` (ms) against the days' UTC bounds computed here (the day of `at` is
 * date(at / 1000 + 8 h), so day ≥ D ⟺ at ≥ D 00:00 − 8 h, day ≤ D ⟺ at < D 00:00 + 16 h, in ms). A day that is not
 * 'YYYY-MM-DD' gives NULL bounds (no row by `at`).
 */
export function eventDaysSql(db: Database.Database, e: string, range: 'between' | 'after'): { from: string; where: string; params: (lo: string, hi?: string) => unknown[] } {
  const d = `${e}_days`;
  const from = `events ${e}, (SELECT ? AS lo, ? AS hi, ? AS lo_ms, ? AS hi_ms) ${d}`;
  const bound = (day: string | undefined, offset: number) => {
    const m = day === undefined ? null : utcMidnight(day);
    return m === null ? null : BigInt(m + offset);
  };
  if (range === 'between') {
    return {
      from,
      where: coded(db)
        ? `(CASE WHEN ${e}.on_code IS NULL THEN ${e}.at >= ${d}.lo_ms AND ${e}.at < ${d}.hi_ms ELSE ${e}.on_code BETWEEN ${d}.lo AND ${d}.hi END)`
        : `+${e}.occurred_on BETWEEN ${d}.lo AND ${d}.hi`,
      params: (lo, hi) => [lo, hi, bound(lo, -28_800_000), bound(hi, 57_600_000)],
    };
  }
  return {
    from,
    where: coded(db)
      ? `(CASE WHEN ${e}.on_code IS NULL THEN ${e}.at >= ${d}.lo_ms ELSE ${e}.on_code > ${d}.lo END)`
      : `+${e}.occurred_on > ${d}.lo`,
    params: (lo) => [lo, null, bound(lo, 57_600_000), null],
  };
}

/**
 * {@link storedEventColumns} for a file at 0190 or later: the stored `on_code`, `kind_code`, `old_code`, `new_code`
 * instead of the generated columns (decoded by {@link decodeClientEvents} in JS, cheaper than the generated columns'
 * CASE and date() per row); on an older file (the tests' "before" copies) the same as storedEventColumns. Checked once
 * per connection.
 */
export function clientEventColumns(db: Database.Database, e: string): string {
  return coded(db)
    ? `${e}.id, ${e}.client_id, ${e}.at, typeof(${e}.at) AS at_type, ${e}.on_code, ${e}.kind_code, ${e}.subject, ${e}.subject_title, ${e}.old_code, ${e}.new_code`
    : storedEventColumns(e);
}

/** A stored code (0190) as its text, exactly as the generated column's CASE gives it: 1…n → the list's entry, else as it is. */
export function decodeCode(v: unknown, list: readonly string[]): unknown {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= list.length ? list[v - 1] : v;
}

/** The China day of a stored `at` in ms, as DAY_OF_AT_SQL_0190 gives it (`at / 1000` truncated, + 8 hours). */
export function dayOfAt(at: number): string {
  return new Date((Math.trunc(at / 1000) + 28_800) * 1000).toISOString().slice(0, 10);
}

/**
 * The recorded values of an event row read with 0190's stored columns (`kind_code`, `old_code`, `new_code`, `on_code`,
 * `at` with `at_type`): the kind and values decoded from their codes, and the day (`on_code`, else the China day of an
 * `at` in ms, else null) — what the generated columns give in SQL.
 */
export function decodeStoredEvent(r: Record<string, unknown>): { kind: string; old_value: unknown; new_value: unknown; occurred_on: string | null } {
  return {
    kind: decodeCode(r.kind_code, KIND_CODES_0190) as string,
    old_value: decodeCode(r.old_code, VALUE_CODES_0190),
    new_value: decodeCode(r.new_code, VALUE_CODES_0190),
    occurred_on: (r.on_code ?? (r.at_type === 'integer' ? dayOfAt(Number(r.at)) : null)) as string | null,
  };
}

/**
 * One client's events read with {@link storedEventColumns}, turned into the values as recorded — the same values
 * {@link eventColumns} gives in SQL, decoded here in JS for a page of events (the timeline): `at` from milliseconds
 * with `toISOString`, the material titles from one read of the client's materials, the note excerpts from one read of
 * the client's notes (the one named by `CAST(subject AS INTEGER)`, as {@link eventNewValueSql}), the empty-BLOB
 * markers as null.
 * Returns new rows with the nine columns of {@link eventColumns} (no `at_type`).
 */
export function decodeClientEvents(db: Database.Database, clientId: number, rows: ReadonlyArray<Record<string, unknown>>): Record<string, unknown>[] {
  let titles: Map<unknown, string> | null = null;
  // The note of a note.create is `CAST(subject AS INTEGER)` (as in eventNewValueSql): a plain digit string is that
  // number; anything else (never written by the app) asks SQLite for the same cast.
  let notes: Map<number, string> | null = null;
  const excerptOf = (subject: unknown): string | null => {
    notes ??= new Map((stmt(db, 'SELECT id, body FROM notes WHERE client_id = ?').all(clientId) as Array<{ id: number; body: string }>).map((n) => [n.id, n.body]));
    const id = typeof subject === 'string' && /^[0-9]{1,15}$/.test(subject) ? Number(subject) : (stmt(db, 'SELECT CAST(? AS INTEGER) AS id').get(subject) as { id: number | null }).id;
    const body = id === null ? undefined : notes.get(Number(id));
    return body === undefined ? null : noteExcerpt(body);
  };
  return rows.map((row) => {
    // Rows read with clientEventColumns on a 0190 file: the codes decoded as the generated columns would.
    const r = 'kind_code' in row ? { ...row, ...decodeStoredEvent(row) } : row;
    let title = r.subject_title;
    if (title instanceof Uint8Array) title = null;
    else if (title === null && MATERIAL_KINDS.has(r.kind as string)) {
      titles ??= new Map((stmt(db, 'SELECT item_key, title FROM materials WHERE client_id = ?').all(clientId) as Array<{ item_key: string; title: string }>).map((m) => [m.item_key, m.title]));
      title = titles.get(r.subject) ?? null;
    }
    let value = r.new_value;
    if (value instanceof Uint8Array) value = null;
    else if (value === null && r.kind === 'note.create') value = excerptOf(r.subject);
    const at = r.at_type === 'integer' ? new Date(Number(r.at)).toISOString() : r.at;
    return { id: r.id, client_id: r.client_id, at, occurred_on: r.occurred_on, kind: r.kind, subject: r.subject, subject_title: title, old_value: r.old_value, new_value: value };
  });
}
