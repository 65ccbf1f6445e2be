import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../shared/errors';
import { msg } from '../shared/messages';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations/index';
import { registerSearchFunctions } from './search/sql-functions';
import { ensurePrivateFile, makePrivateDir } from './backup/private-files';
import { writeTransaction } from './tx';
import { truncateText } from '../shared/domain/text';

export type DB = Database.Database;

/**
 * `PRAGMA application_id` of the app's database files: 0x49435044, "ICPD" in ASCII. Set when a database is opened
 * and still 0 (files made before it existed); migration 0010 stays as released. A file with another non-zero id
 * belongs to some other program and is refused on restore.
 */
export const APPLICATION_ID = 0x49435044;

/** Thrown when the file was written by a newer version of the app: it is not opened for writing and not changed. */
export class NewerDatabaseError extends AppError {
  constructor(readonly found: number, readonly supported: number) {
    super('CONFLICT', msg('db_newer', { found, supported }), { found, supported });
  }
}

/** Thrown when a database file fails its check (`quick_check` / `integrity_check`) or is not a database at all. */
export class CorruptDatabaseError extends AppError {
  constructor(readonly problems: string[]) {
    super('BAD_FILE', msg('db_corrupt', { problems: truncateText(problems.slice(0, 3).join('；'), 300) }), { problems: problems.slice(0, 20) });
  }
}

/** True for SQLite's "the file is damaged / not a database" errors (SQLITE_CORRUPT*, SQLITE_NOTADB). */
export function isCorruptionError(e: unknown): boolean {
  if (e instanceof CorruptDatabaseError) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** Runs `fn`, turning SQLite corruption errors into {@link CorruptDatabaseError}. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (isCorruptionError(e)) throw new CorruptDatabaseError([(e as Error).message]);
    throw e;
  }
}

/**
 * How many whole-file checks this process has run, by kind (`quick` = `quick_check`, `integrity` =
 * `integrity_check`, which backups run on their copy). Read by tests and the benchmark; never reset by the app.
 */
export const checkCounts = { quick: 0, integrity: 0 };

/**
 * Checks the whole file: `PRAGMA quick_check` (structure of every page, O(size)) or, with `full`, `integrity_check`
 * (also index contents). Throws {@link CorruptDatabaseError} listing the problems; returns nothing when ok.
 */
export function checkIntegrity(db: DB, full = false): void {
  if (full) checkCounts.integrity++;
  else checkCounts.quick++;
  const rows = guarded(() => db.pragma(full ? 'integrity_check(50)' : 'quick_check(50)') as Record<string, string>[]);
  const problems = rows.map((r) => Object.values(r)[0]).filter((v) => v !== 'ok');
  if (problems.length) throw new CorruptDatabaseError(problems);
}

/** The file's `user_version`; throws CorruptDatabaseError for a file that is not a database. */
export function userVersion(db: DB): number {
  return guarded(() => db.pragma('user_version', { simple: true }) as number);
}

/** Page cache per connection, in KiB (SQLite's default is 2 MiB): the indexes a register of 20,000 clients reads. */
export const CACHE_KIB = 65536;

/**
 * Sets the connection pragmas every connection uses: WAL, foreign keys, busy timeout, synchronous=NORMAL in WAL,
 * secure_delete, and a {@link CACHE_KIB} page cache (filled only as pages are read).
 */
export function applyPragmas(db: DB): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // Deleted personal data is overwritten in the file, not just unlinked (a deleted client is gone for good).
  db.pragma('secure_delete = ON');
  db.pragma(`cache_size = -${CACHE_KIB}`);
}

/**
 * What {@link migrate} reports while it runs: a migration starting (`done` = `total` = 0, `what` = ''), then the
 * progress a long one reports between its chunks (`done` of `total` rows of `what`).
 */
export interface MigrationStep {
  version: number;
  name: string;
  done: number;
  total: number;
  what: string;
}
/** Callback of {@link migrate}'s progress. */
export type OnMigrationProgress = (step: MigrationStep) => void;

/**
 * Runs every pending migration in ONE transaction (all or nothing), sets `user_version`, and before committing checks
 * `foreign_key_check` (a violation rolls everything back). Throws {@link NewerDatabaseError} (before any change) when
 * the file's version is newer than the last migration's. `migrations` is injectable for tests; `onProgress` hears each
 * migration start and the progress of long ones (synchronously, between their chunks). Returns the versions applied.
 */
export function migrate(db: DB, migrations: readonly Migration[] = MIGRATIONS, onProgress?: OnMigrationProgress): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > latest) throw new NewerDatabaseError(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (!pending.length) return [];
  writeTransaction(db, () => {
    for (const m of pending) {
      onProgress?.({ version: m.version, name: m.name, done: 0, total: 0, what: '' });
      m.up(db, onProgress && ((done, total, what) => onProgress({ version: m.version, name: m.name, done, total, what })));
      db.pragma(`user_version = ${m.version}`);
    }
    const bad = db.pragma('foreign_key_check') as unknown[];
    if (bad.length) throw new AppError('INTERNAL', msg('db_migration_fk_failed', { count: bad.length }), { violations: bad.slice(0, 20) });
  });
  return pending.map((m) => m.version);
}

/**
 * The last steps of opening a connection whose version was checked: busy timeout and foreign keys, the pending
 * migrations (one transaction, in the file's current journal mode so a failure leaves the file byte-identical),
 * then WAL and the application id (only once the migrations succeeded, since both change the file header).
 * Registers the SQL functions the search index triggers call (db/search/sql-functions.ts) first.
 */
export function finishOpen(db: DB, migrations: readonly Migration[] = MIGRATIONS, onProgress?: OnMigrationProgress): number[] {
  registerSearchFunctions(db);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const applied = migrate(db, migrations, onProgress);
  applyPragmas(db);
  if (db.pragma('application_id', { simple: true }) === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
  return applied;
}

/** Options of {@link openDatabase}. */
export interface OpenOptions {
  /** Run `quick_check` first (default: true for files, false for ':memory:'). */
  check?: boolean;
  /** The migrations to apply (tests inject failing ones). */
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if absent) the database file at `file`: version check, `quick_check`, migrations, pragmas.
 * Use ':memory:' for tests. No backup is taken here (see db/backup/open-folder.ts for the host's start-up, which
 * backs up before migrating).
 * @throws NewerDatabaseError for a file from a newer version (the file is left untouched);
 *   CorruptDatabaseError when the file fails its check or is not a database (left untouched)
 */
export function openDatabase(file: string, opts: OpenOptions = {}): DB {
  const memory = file === ':memory:';
  if (!memory) {
    makePrivateDir(path.dirname(file));
    ensurePrivateFile(file);
  }
  const migrations = opts.migrations ?? MIGRATIONS;
  const db = new Database(file);
  try {
    const v = userVersion(db);
    const supported = migrations.length ? migrations[migrations.length - 1].version : SCHEMA_VERSION;
    if (v > supported) throw new NewerDatabaseError(v, supported);
    if (opts.check ?? !memory) checkIntegrity(db);
    finishOpen(db, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
