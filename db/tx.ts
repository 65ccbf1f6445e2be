/**
 * The one way to open a transaction that may write. better-sqlite3's default `db.transaction(fn)()` begins DEFERRED:
 * a transaction that reads first and writes later takes the write lock only at its first write, and when another
 * connection (a second host, a backup, a long import) holds or has just released the lock, that upgrade fails at once
 * with SQLITE_BUSY — `busy_timeout` cannot help a reader whose snapshot is already stale. Beginning IMMEDIATE takes
 * the write lock up front, so the connection waits (up to `busy_timeout`, 5,000 ms, db/open.ts) and then succeeds.
 *
 * tests/db/immediate-transactions.test.ts fails on any other `.transaction(` call in the source.
 */
import type Database from 'better-sqlite3';

/**
 * Runs `fn` in one IMMEDIATE transaction on `db` and returns its result; all or nothing (a throw rolls back and is
 * rethrown). Nested inside another transaction it becomes a savepoint, as better-sqlite3 does for any transaction.
 * @throws whatever `fn` throws; SQLITE_BUSY only after `busy_timeout` elapsed with the lock still held elsewhere
 */
export function writeTransaction<T>(db: Database.Database, fn: () => T): T {
  return db.transaction(fn).immediate();
}
