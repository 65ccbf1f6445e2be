/**
 * Start-up of the data folder, for both hosts: open the database with its checks, back up before migrating, take the
 * daily backup, and turn the two bad cases into states instead of crashes:
 * - a file from a newer version → state 'newer' (the file is not opened for writing, not changed);
 * - a damaged file (fails `quick_check`, or is not a database) → renamed aside (recovery.ts) → state 'recovery'.
 * In both, `db` is an empty in-memory placeholder and dispatch allows only the recovery/status methods.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from '../migrations/index';
import { checkIntegrity, finishOpen, isCorruptionError, NewerDatabaseError, userVersion, type DB } from '../open';
import type { DataHealth } from '../service/context';
import { backupsDir, createBackup, dailyBackupIfDue } from './create';
import { ensurePrivateFile, makePrivateDir, tightenDataFolder } from './private-files';
import { clearRecoveryMarker, quarantineDatabase, readRecoveryMarker } from './recovery';

/** The database file's name in the data folder. */
export const DB_FILE_NAME = 'icp-desk.sqlite';

/** A connection standing in while the data is not open (never written to: dispatch refuses data methods). */
export function placeholderDb(): DB {
  return new Database(':memory:');
}

/**
 * Opens `file` like `openDatabase`, but first takes a 'pre-migration' backup into `dir` when migrations are pending
 * on a database that has data (user_version > 0). The migrations then run in one transaction; if one fails the
 * file is left byte-identical and the error is thrown.
 * @throws NewerDatabaseError / CorruptDatabaseError (file untouched), or the migration's error
 */
export async function openWithBackup(file: string, dir: string, now: () => Date, migrations: readonly Migration[] = MIGRATIONS): Promise<DB> {
  makePrivateDir(path.dirname(file));
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  ensurePrivateFile(file);
  const db = new Database(file);
  try {
    const current = userVersion(db);
    const latest = migrations[migrations.length - 1].version;
    if (current > latest) throw new NewerDatabaseError(current, latest);
    if (existed) checkIntegrity(db);
    if (current > 0 && migrations.some((m) => m.version > current)) await createBackup(db, dir, 'pre-migration', now());
    finishOpen(db, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** The opened data folder: the connection (or a placeholder), the database path and the state. */
export interface OpenedFolder {
  db: DB;
  dbPath: string;
  health: DataHealth;
}

/**
 * Opens the data folder's database for a host.
 * @param opts.dataDir the data folder; opts.now the clock; opts.migrations injectable for tests
 * @returns state 'ok' with the open database (after the daily backup, if due and the file existed before), or 'newer' / 'recovery' with a
 *   placeholder connection
 * @throws only for errors that are neither "newer" nor "damaged" (e.g. the folder cannot be written), or when a
 *   migration fails (the file is left as it was; a pre-migration backup exists)
 */
export async function openDataFolder(opts: { dataDir: string; now: () => Date; migrations?: readonly Migration[] }): Promise<OpenedFolder> {
  const dbPath = path.join(opts.dataDir, DB_FILE_NAME);
  const dir = backupsDir(opts.dataDir);
  // Older versions left the folder 0755 and its files 0644: private from now on (private-files.ts).
  makePrivateDir(opts.dataDir);
  tightenDataFolder(opts.dataDir);
  const marker = readRecoveryMarker(opts.dataDir);
  if (marker && !fs.existsSync(dbPath)) return { db: placeholderDb(), dbPath, health: { state: 'recovery', ...marker } };
  const existed = fs.existsSync(dbPath);
  let db: DB;
  try {
    db = await openWithBackup(dbPath, dir, opts.now, opts.migrations);
  } catch (e) {
    if (e instanceof NewerDatabaseError) return { db: placeholderDb(), dbPath, health: { state: 'newer', found: e.found, supported: e.supported } };
    if (!isCorruptionError(e)) throw e;
    const m = quarantineDatabase(dbPath, (e as Error).message, opts.now());
    console.error(`[data] damaged database moved to ${m.corruptFile}: ${m.reason}`);
    return { db: placeholderDb(), dbPath, health: { state: 'recovery', ...m } };
  }
  if (marker) clearRecoveryMarker(opts.dataDir);
  tightenDataFolder(opts.dataDir); // the -wal / -shm just created
  try {
    // A database created just now holds nothing worth a backup yet.
    if (existed) await dailyBackupIfDue(db, dir, opts.now());
  } catch (e) {
    // A failed daily backup must not keep the user from working; it is tried again at the next start.
    console.error('[backup] daily backup failed:', e instanceof Error ? e.message : e);
  }
  return { db, dbPath, health: { state: 'ok' } };
}
