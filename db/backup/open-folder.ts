/**
 * Start-up of the data folder, for both hosts: open the database with its checks, back up before migrating, take the
 * daily backup, and turn the two bad cases into states instead of crashes:
 * - a file from a newer version → state 'newer' (the file is not opened for writing, not changed);
 * - a damaged file (fails its check, or is not a database) → renamed aside (recovery.ts) → state 'recovery'.
 * The whole file is read only after an unclean exit (clean-shutdown.ts), and then through the backup taken at that
 * start when there is one.
 * In both, `db` is an empty in-memory placeholder and dispatch allows only the recovery/status methods.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from '../migrations/index';
import { ensureCurrentAnnualJobs } from '../service/annual-jobs';
import { Worker } from 'node:worker_threads';
import { checkIntegrity, CorruptDatabaseError, finishOpen, isCorruptionError, NewerDatabaseError, userVersion, type DB, type MigrationStep, type OnMigrationProgress } from '../open';
import { boundedCheck, requireFullCheckNextStart, takeCleanShutdown } from './clean-shutdown';
import type { DataHealth } from '../service/context';
import { backupsDir, createBackup, dailyBackupDue } from './create';
import { ensurePrivateFile, makePrivateDir, tightenDataFolder } from './private-files';
import { clearRecoveryMarker, quarantineDatabase, readRecoveryMarker } from './recovery';
import { workerScript } from '../worker-script';

/** The database file's name in the data folder. */
export const DB_FILE_NAME = 'icp-desk.sqlite';

/** A connection standing in while the data is not open (never written to: dispatch refuses data methods). */
export function placeholderDb(): DB {
  return new Database(':memory:');
}

/** How a start checks an existing file: the whole file, or only the bounded check (after a clean close). */
export type StartCheck = 'full' | 'bounded';

/**
 * Opens `file` like `openDatabase`, but first takes a 'pre-migration' backup into `dir` when migrations are pending
 * on a database that has data (user_version > 0). The migrations then run in one transaction; if one fails the
 * file is left byte-identical and the error is thrown.
 *
 * `check` (existing files only): 'bounded' runs {@link boundedCheck}; 'full' reads every page once — through the
 * backup taken at this start when there is one (the pre-migration backup, or the daily backup when `daily` says it is
 * due: its `integrity_check` of the page-for-page copy counts as the full check), else `quick_check`. When such a
 * backup fails, `quick_check` of the file itself decides between "damaged" and "the backup failed".
 * @returns the connection and whether today's daily backup was taken here
 * @throws NewerDatabaseError / CorruptDatabaseError (file untouched), or the migration's error
 */
export async function openWithBackup(
  file: string, dir: string, now: () => Date, migrations: readonly Migration[] = MIGRATIONS, check: StartCheck = 'full', daily = false,
  onProgress?: OnMigrationProgress, inWorker = false,
): Promise<DB & { dailyTaken?: boolean }> {
  makePrivateDir(path.dirname(file));
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  ensurePrivateFile(file);
  const db: DB & { dailyTaken?: boolean } = new Database(file);
  try {
    const current = userVersion(db);
    const latest = migrations[migrations.length - 1].version;
    if (current > latest) throw new NewerDatabaseError(current, latest);
    const migrating = current > 0 && migrations.some((m) => m.version > current);
    if (existed && check === 'bounded') guardedBounded(db, file);
    if (migrating) {
      await backupOrCheck(db, () => createBackup(db, dir, 'pre-migration', now()), existed && check === 'full', true);
    } else if (existed && check === 'full') {
      if (daily) db.dailyTaken = await backupOrCheck(db, () => createBackup(db, dir, 'daily', now()), true, false);
      else checkIntegrity(db);
    }
    // The app's own migrations may run in a worker thread, so this thread keeps painting the start-up window.
    if (migrating && inWorker && migrations === MIGRATIONS) await migrateInWorker(file, onProgress);
    finishOpen(db, migrations, onProgress);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Runs the pending {@link MIGRATIONS} of `file` in a worker thread (migrate-worker.ts: its own connection, one
 * transaction), relaying each {@link MigrationStep} to `onProgress` on this thread. The caller's connection must hold
 * no transaction. Between the worker's messages this thread's event loop runs (a window can paint).
 * @throws Error with the migration's message when it failed (the file is left as it was: the transaction rolled back)
 */
export function migrateInWorker(file: string, onProgress?: OnMigrationProgress): Promise<number[]> {
  const { file: script, execArgv } = workerScript('migrate-worker', import.meta.dirname, 'migrate-worker.ts');
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { execArgv, workerData: { file } });
    worker.on('message', (m: { kind: 'progress'; step: MigrationStep } | { kind: 'done'; applied: number[] } | { kind: 'failed'; message: string }) => {
      if (m.kind === 'progress') {
        try { onProgress?.(m.step); } catch (e) { console.error('[data] progress listener failed:', e instanceof Error ? e.message : e); }
      } else if (m.kind === 'done') resolve(m.applied);
      else reject(new Error(m.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`migrate worker exited (${code})`))); // after a settle: no effect
  });
}

function guardedBounded(db: DB, file: string): void {
  try {
    boundedCheck(db, file);
  } catch (e) {
    if (isCorruptionError(e)) throw e instanceof CorruptDatabaseError ? e : new CorruptDatabaseError([(e as Error).message]);
    throw e;
  }
}

/**
 * Takes a backup that doubles as the full check. If it fails and `isCheck`, `quick_check` of the file decides: damaged
 * → CorruptDatabaseError; intact → the backup's error is rethrown when `required`, else logged.
 * @returns true when the backup was taken
 */
async function backupOrCheck(db: DB, take: () => Promise<unknown>, isCheck: boolean, required: boolean): Promise<boolean> {
  try {
    await take();
    return true;
  } catch (e) {
    if (isCheck) checkIntegrity(db);
    if (required) throw e;
    console.error('[backup] daily backup failed:', e instanceof Error ? e.message : e);
    return false;
  }
}

/** The opened data folder: the connection (or a placeholder), the database path and the state. */
export interface OpenedFolder {
  db: DB;
  dbPath: string;
  health: DataHealth;
  /** How the file was checked at this start ('none' for a new file or a placeholder). */
  checked: StartCheck | 'none';
  /** Today's daily backup is due and was left to {@link takeDeferredDailyBackup} (only with `deferDaily`). */
  dailyDeferred: boolean;
}

/**
 * Opens the data folder's database for a host. The file is checked in full only when it was not left by a clean
 * close (clean-shutdown.ts); a clean start runs the bounded check. Today's daily backup is taken at the first start of
 * the day; its `integrity_check` reads every page of the copy, so damage that a bounded check cannot see (a failing
 * disk) still leads to recovery at the latest at the next day's first start: when the copy fails its check,
 * `quick_check` of the file decides, and a damaged file is set aside before any request is served.
 *
 * `deferDaily` (the hosts): after a CLEAN quit the day's daily backup is not taken here but left to
 * {@link takeDeferredDailyBackup}, which the host runs once it answers requests — the first screen never waits for a
 * copy of the whole file (issue 16: a 3.2 GB file at 100,000 clients kept the register from answering for minutes).
 * After an unclean exit nothing changes: the backup taken here is the full check, before any request is served.
 * @param opts.dataDir the data folder; opts.now the clock; opts.migrations injectable for tests; opts.onProgress hears
 *   the migrations' progress (see {@link migrationLog}); opts.migrateInWorker runs the app's migrations in a worker
 *   thread ({@link migrateInWorker}) so the host's event loop runs meanwhile (the desktop start-up window)
 * @returns state 'ok' with the open database (after the daily backup, if due and the file existed before), or 'newer' / 'recovery' with a
 *   placeholder connection
 * @throws only for errors that are neither "newer" nor "damaged" (e.g. the folder cannot be written), or when a
 *   migration fails (the file is left as it was; a pre-migration backup exists)
 */
export async function openDataFolder(opts: { dataDir: string; now: () => Date; migrations?: readonly Migration[]; deferDaily?: boolean; onProgress?: OnMigrationProgress; migrateInWorker?: boolean }): Promise<OpenedFolder> {
  const dbPath = path.join(opts.dataDir, DB_FILE_NAME);
  const dir = backupsDir(opts.dataDir);
  // Older versions left the folder 0755 and its files 0644: private from now on (private-files.ts).
  makePrivateDir(opts.dataDir);
  tightenDataFolder(opts.dataDir);
  const marker = readRecoveryMarker(opts.dataDir);
  if (marker && !fs.existsSync(dbPath)) return { db: placeholderDb(), dbPath, health: { state: 'recovery', ...marker }, checked: 'none', dailyDeferred: false };
  const existed = fs.existsSync(dbPath) && fs.statSync(dbPath).size > 0;
  // Read and removed before anything else: a crash from here on leaves no marker, so the next start checks in full.
  const check: StartCheck = takeCleanShutdown(dbPath) ? 'bounded' : 'full';
  const daily = existed && dailyBackupDue(dir, opts.now());
  const recovery = (e: unknown): OpenedFolder => {
    const m = quarantineDatabase(dbPath, (e as Error).message, opts.now());
    console.error(`[data] damaged database moved to ${m.corruptFile}: ${m.reason}`);
    return { db: placeholderDb(), dbPath, health: { state: 'recovery', ...m }, checked: existed ? check : 'none', dailyDeferred: false };
  };
  let db: DB & { dailyTaken?: boolean };
  try {
    db = await openWithBackup(dbPath, dir, opts.now, opts.migrations, check, daily, opts.onProgress, opts.migrateInWorker);
  } catch (e) {
    if (e instanceof NewerDatabaseError) return { db: placeholderDb(), dbPath, health: { state: 'newer', found: e.found, supported: e.supported }, checked: 'none', dailyDeferred: false };
    if (!isCorruptionError(e)) throw e;
    return recovery(e);
  }
  if (marker) clearRecoveryMarker(opts.dataDir);
  tightenDataFolder(opts.dataDir); // the -wal / -shm just created
  // A database created just now holds nothing worth a backup yet. After a clean quit a host takes it later.
  const dailyDeferred = Boolean(opts.deferDaily) && check === 'bounded' && existed && !db.dailyTaken && dailyBackupDue(dir, opts.now());
  if (existed && !dailyDeferred && !db.dailyTaken && dailyBackupDue(dir, opts.now())) {
    try {
      await createBackup(db, dir, 'daily', opts.now());
    } catch (e) {
      // A copy that fails its check may mean a damaged file: quick_check decides (damaged → recovery screen).
      try {
        checkIntegrity(db);
      } catch (c) {
        if (!isCorruptionError(c)) throw c;
        db.close();
        return recovery(c);
      }
      // A failed daily backup must not keep the user from working; it is tried again at the next start.
      console.error('[backup] daily backup failed:', e instanceof Error ? e.message : e);
    }
  }
  // This year's annual-report jobs (annual-jobs.ts): created here and when the year changes, never by a read.
  try {
    ensureCurrentAnnualJobs({ db, now: opts.now });
  } catch (e) {
    console.error('[annual-jobs] failed at start:', e instanceof Error ? e.message : e);
  }
  return { db, dbPath, health: { state: 'ok' }, checked: existed ? check : 'none', dailyDeferred };
}

/**
 * The day's daily backup of a folder opened with `deferDaily` after a clean quit, taken while the host answers
 * requests: the copy in steps on this thread (SQLite's online backup), its `integrity_check` in a worker thread
 * (create.ts sealAndVerifyInWorker). When the copy fails, the file may be damaged on disk (what only a read of every
 * page finds): the session goes on, the next start is made to run the full check (requireFullCheckNextStart), and a
 * damaged file then opens on the recovery screen — one start later than a backup taken before the first screen would
 * find it, which is the price of a start that never reads the whole file. Never throws (logs).
 * @returns 'taken', 'not-due' (taken already today, or the connection closed before or while copying) or 'failed'
 */
export async function takeDeferredDailyBackup(ctx: { db: DB; dataDir: string; now: () => Date }): Promise<'taken' | 'not-due' | 'failed'> {
  const dir = backupsDir(ctx.dataDir);
  if (!ctx.db.open || !dailyBackupDue(dir, ctx.now())) return 'not-due';
  try {
    await createBackup(ctx.db, dir, 'daily', ctx.now(), { verifyInWorker: true });
    return 'taken';
  } catch (e) {
    if (!ctx.db.open) return 'not-due'; // the app quit while copying: the next start's backup is due again
    requireFullCheckNextStart(ctx.db);
    console.error('[backup] daily backup failed; the next start checks the whole file:', e instanceof Error ? e.message : e);
    return 'failed';
  }
}

/**
 * A migration progress reporter that writes lines to `log` (the hosts: the console and the file log,
 * electron/log.ts): one when a migration starts (`升级数据库 / upgrading the database: 0180 compact-events`), then for a
 * long one `… events 600000 / 2047004 (29 %)` at most every `everyMs` and once when a part is done, so a start that
 * upgrades a large file (tens of seconds at 20,000 clients) shows it is working. `clock` is injectable for tests.
 */
export function migrationLog(log: (line: string) => void, everyMs = 2000, clock: () => number = () => performance.now()): OnMigrationProgress {
  let last = -Infinity;
  const started = clock();
  return (s) => {
    const t = clock();
    const tag = `${String(s.version).padStart(4, '0')} ${s.name}`;
    if (!s.what) {
      log(`[data] 升级数据库 / upgrading the database: ${tag}`);
      return;
    }
    if (s.done < s.total && s.done > 0 && t - last < everyMs) return;
    if (s.done === 0 && s.total > 0 && t - last < everyMs) return;
    last = t;
    const pct = s.total ? Math.floor((s.done / s.total) * 100) : 100;
    log(`[data] ${tag}: ${s.what} ${s.done} / ${s.total} (${pct} %, ${((t - started) / 1000).toFixed(0)} s)`);
  };
}
