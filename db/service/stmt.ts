/**
 * Prepared statements cached per connection, keyed by SQL text. Preparing costs tens of microseconds, as much as
 * running a small query, so the service's hot paths (the register page, opening a client, import) prepare each
 * statement once per connection. At most {@link MAX_CACHED} statements per connection (oldest dropped first).
 * Never change a cached statement's mode (`pluck`, `raw`, `expand`, `safeIntegers`): it is shared.
 */
import type Database from 'better-sqlite3';
import type { DB } from '../open';

/** The most statements kept per connection. */
export const MAX_CACHED = 500;

const caches = new WeakMap<DB, Map<string, Database.Statement>>();

/** The prepared statement for `sql` on `db`, prepared on first use. Throws what `db.prepare` throws for bad SQL. */
export function stmt(db: DB, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(sql, s);
  }
  return s;
}

const columnsSeen = new WeakMap<object, Map<string, boolean>>();

/**
 * True when `table` has a column `column` on `db` (from `pragma_table_info`), checked once per connection: a file
 * opened by the app is always at the newest schema, but the migration tests read older files through the same services.
 */
export function hasColumn(db: { prepare(sql: string): { get(...a: unknown[]): unknown } }, table: string, column: string): boolean {
  let seen = columnsSeen.get(db);
  if (!seen) columnsSeen.set(db, (seen = new Map()));
  const key = `${table}\u0000${column}`;
  let has = seen.get(key);
  if (has === undefined) seen.set(key, (has = Boolean(db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column))));
  return has;
}
