/**
 * Full export as JSON, and importing it back into an EMPTY database with nothing lost (round trip).
 *
 * Format (`formatVersion` 1):
 * `{ format: 'icp-desk-full-export', formatVersion: 1, appVersion, schemaVersion, exportedAt,
 *    tables: [{ name, columns: [...], rows: [[v, …], …] }] }` — every data table (tables.ts), rows as arrays in
 * column order. Values: null, number, string; integers beyond ±2^53 as `{ "$int": "…" }`, blobs as
 * `{ "$blob": "<base64>" }`, non-finite reals and whole-number reals in INTEGER/ANY columns as `{ "$real": "…" }`.
 * Plain whole numbers go back as integers into INTEGER and ANY columns, so storage types survive the round trip.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { SCHEMA_VERSION } from '../migrations/index';
import { openDatabase, type DB } from '../open';
import { dataTables, ident, rowCounts, virtualTables } from './tables';
import { CLIENT_COUNTS_REBUILD } from '../migrations/0140-client-counts';
import { COMPACT_EVENTS_0180 } from '../migrations/0180-compact-events';
import { COMPACT_CODES_0190, PRE_0190_COLUMNS, storedColumnsSql } from '../migrations/0190-compact-codes';
import { ANNUAL_COUNTS_REBUILD } from '../migrations/0170-annual-counts';
import { RENEWAL_COUNTS_REBUILD } from '../migrations/0200-dashboard-windows';
import { personalDataSummary } from './personal';
import { isSearchIndexTable, reindexSearch } from '../search/bulk';
import { writeTransaction } from '../tx';
import fs from 'node:fs';
import path from 'node:path';
import { FILES_DIR, sha256, writeBlob } from '../files/store';
import { referencedFiles } from '../files/backup-files';

export const EXPORT_FORMAT = 'icp-desk-full-export';
export const EXPORT_FORMAT_VERSION = 1;

type Cell = null | number | string | { $int: string } | { $blob: string } | { $real: string };

/**
 * A stored value as JSON, given its column's declared type. Statements run with safeIntegers, so integers arrive as
 * BigInt and every JS number is a REAL: a whole-number REAL in a column that could also hold integers (ANY) is
 * written as `{ $real }` so it does not come back as an integer.
 */
function encode(v: unknown, type: string): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : { $int: v.toString() };
  if (typeof v === 'number') return Number.isFinite(v) && !(Number.isInteger(v) && (type.includes('INT') || type === 'ANY')) ? v : { $real: String(v) };
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return { $blob: v.toString('base64') };
  throw new Error(`unexpected value type ${typeof v}`);
}

/** A JSON value back to what better-sqlite3 binds, given the column's declared type. */
function decode(v: unknown, type: string): unknown {
  if (v === null || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && (type.includes('INT') || type === 'ANY') ? BigInt(v) : v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$int === 'string' && /^-?\d+$/.test(o.$int)) return BigInt(o.$int);
    if (typeof o.$blob === 'string') return Buffer.from(o.$blob, 'base64');
    if (typeof o.$real === 'string') return Number(o.$real);
  }
  throw new AppError('BAD_FILE', msg('export_value_unreadable'));
}

/**
 * Writes every data table of `db` as the JSON export (UTF-8 text).
 * @param meta the app version and the export instant
 */
export function exportJson(db: DB, meta: { appVersion: string; now: Date }): string {
  const parts: string[] = [];
  const personal = personalDataSummary(db);
  const head = {
    format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, appVersion: meta.appVersion, schemaVersion: db.pragma('user_version', { simple: true }),
    exportedAt: meta.now.toISOString(),
    /** Unmasked personal data in this file (ID numbers, phones) and the Chinese notice saying so. */
    personalData: personal,
  };
  parts.push(JSON.stringify(head).slice(0, -1), ',"tables":[');
  dataTables(db).forEach((t, i) => {
    const cols = t.columns.map((c) => c.name);
    const types = t.columns.map((c) => c.type);
    parts.push(`${i ? ',' : ''}{"name":${JSON.stringify(t.name)},"columns":${JSON.stringify(cols)},"rows":[`);
    const stmt = db.prepare(`SELECT ${cols.map(ident).join(', ')} FROM ${ident(t.name)}`).raw(true).safeIntegers(true);
    let first = true;
    for (const row of stmt.iterate() as Iterable<unknown[]>) {
      parts.push(`${first ? '' : ','}${JSON.stringify(row.map((v, i) => encode(v, types[i])))}`);
      first = false;
    }
    parts.push(']}');
  });
  // Attachment files (issue 18), embedded: the export alone gives back every file, byte for byte.
  parts.push('],"files":{');
  const store = db.name && db.name !== ':memory:' ? path.join(path.dirname(db.name), FILES_DIR) : null;
  referencedFiles(db).forEach((sha, i) => {
    const file = store ? path.join(store, sha.slice(0, 2), sha) : null;
    if (!file || !fs.existsSync(file)) return;
    parts.push(`${i ? ',' : ''}${JSON.stringify(sha)}:${JSON.stringify(fs.readFileSync(file).toString('base64'))}`);
  });
  parts.push('}}');
  return parts.join('').replace('{,', '{');
}

const ExportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(EXPORT_FORMAT_VERSION),
  schemaVersion: z.number().int().min(0),
  tables: z.array(z.object({ name: z.string().min(1), columns: z.array(z.string().min(1)).min(1), rows: z.array(z.array(z.unknown())) })),
  /** Attachment files: SHA-256 → base64 (absent in exports made before attachments). */
  files: z.record(z.string().regex(/^[0-9a-f]{64}$/), z.string()).optional(),
});

let baseline: Map<string, number> | null = null;
/** Row counts of a freshly created database (seeded tables such as the material template are not empty). */
function freshCounts(): Map<string, number> {
  if (!baseline) {
    const fresh = openDatabase(':memory:');
    baseline = rowCounts(fresh);
    fresh.close();
  }
  return baseline;
}

/**
 * True if `db` holds no data beyond what a new database starts with (every table has a new database's row count).
 * @returns the tables that differ, with their counts (empty array = empty database)
 */
export function nonEmptyTables(db: DB): { name: string; rows: number }[] {
  const fresh = freshCounts();
  return [...rowCounts(db)].filter(([name, n]) => n !== (fresh.get(name) ?? 0)).map(([name, rows]) => ({ name, rows }));
}

/**
 * Imports a JSON export into `db`, which must be empty, in ONE transaction: triggers are set aside while rows go in
 * (so no derived rows are added twice) and put back, full-text indexes rebuilt, foreign keys checked at the end.
 * Tables in the file replace the new database's seed rows (e.g. an edited material template); tables the file does
 * not have (a newer schema's) keep theirs; columns the file lacks take their defaults.
 * @returns rows imported per table and the file's schema version
 * @throws AppError('BAD_FILE') for a file that is not our JSON export or does not fit this schema;
 *   AppError('CONFLICT') if the database is not empty or the file is from a newer version. Nothing is written then.
 */
export function importJson(db: DB, text: string): { tables: { name: string; rows: number }[]; schemaVersion: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('BAD_FILE', msg('export_not_json'));
  }
  const parsed = ExportFile.safeParse(raw);
  if (!parsed.success) throw new AppError('BAD_FILE', msg('export_not_ours'));
  const file = parsed.data;
  if (file.schemaVersion > SCHEMA_VERSION) {
    throw new AppError('CONFLICT', msg('export_newer', { found: file.schemaVersion, supported: SCHEMA_VERSION }));
  }
  const used = nonEmptyTables(db);
  if (used.length) {
    const clients = used.find((t) => t.name === 'clients');
    throw new AppError('CONFLICT', clients ? msg('export_target_has_clients', { count: clients.rows }) : msg('export_target_not_empty'), { tables: used });
  }
  const schema = new Map(dataTables(db).map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c.type]))]));
  // An export made before 0190 names the recorded columns (events' `kind`, `occurred_on`, `old_value`, `new_value`,
  // notes' `created_at`, `updated_at`): they go into the stored columns, stored in 0190's form after the import.
  for (const t of file.tables) {
    const renames = PRE_0190_COLUMNS[t.name];
    const cols = schema.get(t.name);
    if (!renames || !cols) continue;
    t.columns = t.columns.map((c) => (renames[c] && cols.has(renames[c]) && !t.columns.includes(renames[c]) ? renames[c] : c));
  }
  for (const t of file.tables) {
    const cols = schema.get(t.name);
    if (!cols) throw new AppError('BAD_FILE', msg('export_unknown_table', { table: t.name }));
    const unknown = t.columns.filter((c) => !cols.has(c));
    if (unknown.length) throw new AppError('BAD_FILE', msg('export_unknown_columns', { table: t.name, columns: unknown.join('、') }));
    if (t.rows.some((r) => r.length !== t.columns.length)) throw new AppError('BAD_FILE', msg('export_row_width', { table: t.name }));
  }
  // Files first, each checked against its name: a row never names a file that is not there (a failed import leaves
  // files no row references, swept at the next start).
  const dataDir = db.name && db.name !== ':memory:' ? path.dirname(db.name) : null;
  for (const [sha, b64] of Object.entries(file.files ?? {})) {
    const bytes = Buffer.from(b64, 'base64');
    if (sha256(bytes) !== sha) throw new AppError('BAD_FILE', msg('export_file_hash'));
    if (dataDir) writeBlob(dataDir, bytes);
  }
  writeTransaction(db, () => {
    db.pragma('defer_foreign_keys = ON');
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
    for (const tr of triggers) db.exec(`DROP TRIGGER ${ident(tr.name)}`);
    for (const t of file.tables) db.exec(`DELETE FROM ${ident(t.name)}`);
    for (const t of file.tables) {
      const types = t.columns.map((c) => schema.get(t.name)!.get(c)!);
      const ins = db.prepare(`INSERT INTO ${ident(t.name)} (${t.columns.map(ident).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`);
      for (const row of t.rows) ins.run(...row.map((v, i) => decode(v, types[i])));
    }
    for (const tr of triggers) db.exec(tr.sql);
    // External-content full-text indexes rebuild themselves; the contentless search n-gram tables are refilled.
    for (const v of virtualTables(db)) {
      if (/using\s+fts5/i.test(v.sql) && !isSearchIndexTable(v.name)) db.prepare(`INSERT INTO ${ident(v.name)} (${ident(v.name)}) VALUES ('rebuild')`).run();
    }
    reindexSearch(db);
    // Pinyin sort keys (0070) for exports from before 0070 or edited by hand: recomputed from the names.
    db.exec('UPDATE clients SET name_sort = icp_sort_key(name, 0), consultant_sort = icp_sort_key(consultant, 1)');
    // The materialised due dates are derived: every imported client is recomputed (dispatch does it after the call).
    if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'due_dirty'").get()) {
      db.exec('DELETE FROM due_dates; INSERT OR IGNORE INTO due_dirty (client_id) SELECT id FROM clients');
    }
    // Events from an export made before 0180 are stored as 0180 stores them (same values read back).
    const codes = schema.get('events')?.has('new_code') ?? false;
    if (file.schemaVersion < 180 && db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'events_title_keep_ad'").get()) {
      db.exec(codes ? storedColumnsSql(COMPACT_EVENTS_0180) : COMPACT_EVENTS_0180);
    }
    // Values imported as recorded (an export made before 0190) are stored in 0190's form (same values read back).
    if (codes) db.exec(COMPACT_CODES_0190);
    // The dashboard's counts (0140, 0170, 0200) were not kept while the triggers were off: recounted.
    if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'client_counts'").get()) db.exec(CLIENT_COUNTS_REBUILD);
    if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'annual_counts'").get()) db.exec(ANNUAL_COUNTS_REBUILD);
    if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'renewal_counts'").get()) db.exec(RENEWAL_COUNTS_REBUILD);
    const bad = db.pragma('foreign_key_check') as unknown[];
    if (bad.length) throw new AppError('BAD_FILE', msg('export_broken_refs', { count: bad.length }));
  });
  return { tables: file.tables.map((t) => ({ name: t.name, rows: t.rows.length })), schemaVersion: file.schemaVersion };
}
