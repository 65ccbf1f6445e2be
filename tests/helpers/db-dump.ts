/** Whole-file comparisons for tests that check two ways of writing leave the same database. */
import type Database from 'better-sqlite3';

/**
 * Every table in the file (data, derived, FTS5 shadow tables, sqlite_sequence) with all its rows in rowid order
 * (WITHOUT ROWID tables in primary-key order). Virtual tables are skipped: they are read through their shadow tables
 * (<name>_data, _idx, …). @returns table name → rows as arrays of column values
 */
export function dumpFile(db: Database.Database): Record<string, unknown[][]> {
  const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string | null }[];
  const out: Record<string, unknown[][]> = {};
  for (const t of tables) {
    if (/^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')) continue;
    const withoutRowid = /WITHOUT ROWID/i.test(t.sql ?? '');
    out[t.name] = db.prepare(`SELECT * FROM "${t.name}"${withoutRowid ? '' : ' ORDER BY rowid'}`).raw(true).all() as unknown[][];
  }
  return out;
}
