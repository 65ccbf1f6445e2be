/**
 * Suspending triggers for a bulk write that produces what they would have produced itself, set-based (the search
 * index, sort keys, due-date marks of a spreadsheet import: db/import/bulk-insert.ts; the benchmark's generator:
 * db/search/bulk.ts). The triggers are dropped and re-created inside the caller's transaction, so a rollback puts
 * them back and no other connection ever sees the file without them (WAL readers keep their snapshot; the schema
 * change makes other connections re-prepare their statements once).
 */
import type Database from 'better-sqlite3';

/**
 * Runs `fn` with the named triggers dropped, then re-creates them from their stored SQL (same names, same text).
 * Must run inside a write transaction (db/tx.ts `writeTransaction`): a throw anywhere rolls back the drops too.
 * @throws Error when not inside a transaction or a named trigger does not exist (a migration renamed it: the caller's
 *   set-based replacement must be reviewed); whatever `fn` throws
 */
export function withTriggersSuspended<T>(db: Database.Database, names: readonly string[], fn: () => T): T {
  if (!db.inTransaction) throw new Error('withTriggersSuspended: must run inside a write transaction');
  const saved = names.map((name) => {
    const row = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").get(name) as { sql: string } | undefined;
    if (!row) throw new Error(`trigger ${name} missing`);
    return row.sql;
  });
  for (const name of names) db.exec(`DROP TRIGGER "${name}"`);
  const result = fn();
  for (const sql of saved) db.exec(sql);
  return result;
}

/** The names of the AFTER/BEFORE INSERT triggers on `table` (for checks that a bulk writer replaces every one). */
export function insertTriggersOf(db: Database.Database, table: string): string[] {
  const rows = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? ORDER BY name").all(table) as { name: string; sql: string }[];
  return rows.filter((r) => /\b(BEFORE|AFTER|INSTEAD\s+OF)\s+INSERT\s+ON\b/i.test(r.sql)).map((r) => r.name);
}
