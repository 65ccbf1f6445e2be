/**
 * Opening the app's data for either host (Electron or browser mode): where the data folder is, the database file in
 * it, and the {@link ServiceContext} the service runs with. No Electron import here, so browser mode and tests use it.
 */
import os from 'node:os';
import path from 'node:path';
import { closeDataFolder } from '../db/backup/clean-shutdown';
import { DB_FILE_NAME, migrationLog, openDataFolder, takeDeferredDailyBackup } from '../db/backup/open-folder';
import { acquireFolderLock, releaseFolderLock } from '../db/backup/folder-lock';
import type { ServiceContext } from '../db/service/context';
import type { OnMigrationProgress } from '../db/open';
import { sweepAttachmentOrphans } from '../db/service/attachments';
import { sweepPackages } from '../db/package/downloads';
import { stopAllJobs } from '../db/import/jobs';
import { startAnnualJobsTimer } from '../db/service/annual-jobs';

/** The annual-jobs timer of each open host context (stopped at close). */
const annualTimers = new WeakMap<ServiceContext, () => void>();

/** How long after the folder opens a clean start's daily backup begins (the first screen's requests come first). */
export const DEFERRED_DAILY_MS = 5_000;

/** Folder name under the OS's per-user application-data folder; fixed so the data never moves between versions. */
export const DATA_FOLDER_NAME = 'ICPDesk';
export { DB_FILE_NAME };

/**
 * The OS per-user application-data folder, as Electron's `app.getPath('appData')` computes it: Windows `%APPDATA%`
 * (else `<home>\AppData\Roaming`), macOS `<home>/Library/Application Support`, Linux `$XDG_CONFIG_HOME` (else
 * `<home>/.config`). `platform` and `home` are parameters so each OS can be checked anywhere; paths use that OS's
 * separator.
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (platform === 'win32') return env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || path.posix.join(home, '.config');
}

/**
 * The data folder: `ICPDESK_DATA_DIR` if set (tests, portable use; made absolute), else `<appData>/ICPDesk`
 * ({@link DATA_FOLDER_NAME}, fixed so upgrades never move the data).
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.ICPDESK_DATA_DIR) return path.resolve(env.ICPDESK_DATA_DIR);
  return (platform === 'win32' ? path.win32 : path.posix).join(appDataDir(env, platform, home), DATA_FOLDER_NAME);
}

/**
 * A clock: `ICPDESK_NOW` (an ISO instant, e.g. 2026-11-27T02:00:00Z) fixes "now" for tests and demos; the fixed
 * instant advances with real time so ordering still works. Otherwise the system clock.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): () => Date {
  const fixed = env.ICPDESK_NOW ? Date.parse(env.ICPDESK_NOW) : NaN;
  if (Number.isNaN(fixed)) return () => new Date();
  const started = Date.now();
  return () => new Date(fixed + (Date.now() - started));
}

/**
 * Opens the data folder for a host (db/backup/open-folder.ts): checks the database, backs up before migrating,
 * migrates, takes the daily backup (after a clean quit: DEFERRED_DAILY_MS after opening, in the background). A newer version's file or a damaged one does not throw: the context comes back
 * in state 'newer' / 'recovery' (`ctx.health`), where only the status / recovery methods work.
 * One host per data folder (db/backup/folder-lock.ts): takes the folder's lock first. `onProgress` hears the
 * migrations' progress besides the log (the desktop start-up window, splash.ts); `migrateInWorker` runs them in a
 * worker thread so this thread's event loop runs meanwhile.
 * @throws AppError('BUSY') naming the other host when another host has the folder open;
 *   for other failures (folder not writable, a migration that failed — the file is left as it was)
 */
export async function openHostContext(opts: { dataDir: string; version: string; now?: () => Date; onProgress?: OnMigrationProgress; migrateInWorker?: boolean }): Promise<ServiceContext> {
  const now = opts.now ?? (() => new Date());
  acquireFolderLock(opts.dataDir, undefined, now());
  let opened;
  try {
    // A long upgrade (tens of seconds at 20,000 clients) logs its progress: the console and the file log.
    const log = migrationLog((line) => console.info(line));
    const onProgress: OnMigrationProgress = opts.onProgress ? (s) => { log(s); opts.onProgress!(s); } : log;
    opened = await openDataFolder({ dataDir: opts.dataDir, now, deferDaily: true, onProgress, migrateInWorker: opts.migrateInWorker });
  } catch (e) {
    releaseFolderLock(opts.dataDir);
    throw e;
  }
  const { db, dbPath, health } = opened;
  const ctx: ServiceContext = { db, dbPath, dataDir: opts.dataDir, version: opts.version, now, health, importWorker: true };
  // Submission packages a previous run built but never saved (db/package/downloads.ts): none can be registered yet.
  try { sweepPackages(opts.dataDir); } catch (e) { console.error('[files] package sweep failed:', e instanceof Error ? e.message : e); }
  // Attachment files no row references (a crash between writing a file and its row, or a removal): swept before any write.
  if ((health?.state ?? 'ok') === 'ok') {
    try { sweepAttachmentOrphans(ctx); } catch (e) { console.error('[files] sweep failed:', e instanceof Error ? e.message : e); }
    // A new year's annual-report jobs while the app stays open (the start's were created by openDataFolder).
    const stopAnnual = startAnnualJobsTimer(ctx);
    // After a clean quit the day's backup is taken once the host answers (the first screen does not wait for a copy
    // of the whole file); its check runs in a worker thread.
    const daily = opened.dailyDeferred ? setTimeout(() => void takeDeferredDailyBackup(ctx), DEFERRED_DAILY_MS) : null;
    daily?.unref();
    annualTimers.set(ctx, () => { stopAnnual(); if (daily) clearTimeout(daily); });
  }
  return ctx;
}

/**
 * Closes the context's database at a normal quit and leaves the clean-shutdown marker, so the next start runs only
 * the bounded check (import workers are terminated first). Safe to call twice and in the 'recovery' / 'newer' states (the placeholder is just closed).
 */
export function closeHostContext(ctx: ServiceContext): void {
  // A running import's worker is stopped first: its connection closes with the thread, rolling back a write in flight.
  stopAllJobs(ctx);
  annualTimers.get(ctx)?.();
  annualTimers.delete(ctx);
  closeDataFolder(ctx.db, ctx.dbPath);
}
