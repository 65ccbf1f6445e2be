import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../shared/errors';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations/index';
import { registerSearchFunctions } from './search/sql-functions';

export type DB = Database.Database;

/** Thrown when the file was written by a newer version of the app: it is not opened for writing and not changed. */
export class NewerDatabaseError extends AppError {
  constructor(readonly found: number, readonly supported: number) {
    super('CONFLICT', `数据库由更新版本的许可通创建（版本 ${found}，本程序支持 ${supported}），请升级程序后再打开。`, { found, supported });
  }
}

/** Page cache per connection, in KiB (SQLite's default is 2 MiB): the indexes a register of 20,000 clients reads. */
export const CACHE_KIB = 65536;

/**
 * Sets the connection pragmas every connection uses: WAL, foreign keys, busy timeout, synchronous=NORMAL in WAL,
 * and a {@link CACHE_KIB} page cache (filled only as pages are read).
 */
export function applyPragmas(db: DB): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${CACHE_KIB}`);
}

/**
 * Runs every pending migration in ONE transaction (all or nothing) and sets `user_version`.
 * Throws {@link NewerDatabaseError} (before any change) when the file's version is newer than this build's.
 * `migrations` is injectable for tests. Returns the versions applied.
 */
export function migrate(db: DB, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > latest) throw new NewerDatabaseError(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (!pending.length) return [];
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return pending.map((m) => m.version);
}

/**
 * Opens (creating if absent) the database file at `file`, applies pragmas, registers the SQL functions the search
 * index triggers call (db/search/sql-functions.ts) and runs pending migrations.
 * Use ':memory:' for tests. Throws NewerDatabaseError for a file from a newer version (the file is left untouched).
 */
export function openDatabase(file: string): DB {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v > SCHEMA_VERSION) throw new NewerDatabaseError(v, SCHEMA_VERSION);
    applyPragmas(db);
    registerSearchFunctions(db);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
