/**
 * Taking backups: SQLite's online backup API (`db.backup(file)`, which reads through the connection and so includes
 * what is still in the WAL — never a plain file copy of a live database), written to a hidden `.partial` file,
 * switched to a single self-contained file (journal_mode=DELETE), checked with `PRAGMA integrity_check`, then renamed
 * to its final name in `<dataDir>/backups` and the folder pruned by the retention rule (shared/domain/backups.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../../shared/contracts/backup';
import { backupFileName, backupsToPrune, parseBackupFileName, type BackupKind } from '../../shared/domain/backups';
import { chinaToday } from '../../shared/domain/weeks';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { checkIntegrity, CorruptDatabaseError, type DB } from '../open';
import { ensurePrivateFile, makePrivateDir, makePrivateFile } from './private-files';
import { truncateText } from '../../shared/domain/text';
import { pruneBackupFiles, referencedFiles, storeBackupFiles } from '../files/backup-files';
import { workerScript } from '../worker-script';

/** Name of the backups folder inside the data folder. */
export const BACKUPS_FOLDER = 'backups';

/** `<dataDir>/backups`. */
export function backupsDir(dataDir: string): string {
  return path.join(dataDir, BACKUPS_FOLDER);
}

/** Removes a database file and its possible side files (-wal, -shm, -journal); missing files are fine. */
export function removeDbFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

/** Clients in an open database (0 if it has no clients table). */
function countClients(db: DB): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='clients'").get();
  return has ? (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n : 0;
}

/**
 * Makes `file` a single self-contained file and checks it: journal_mode=DELETE (so no -wal is needed to read it),
 * `integrity_check`. Returns its schema version, client count and the attachment files it references (SHA-256 hex).
 * @throws CorruptDatabaseError when the check fails
 */
export function sealAndVerify(file: string): { schemaVersion: number; clients: number; files: string[] } {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    checkIntegrity(db, true);
    return { schemaVersion: db.pragma('user_version', { simple: true }) as number, clients: countClients(db), files: referencedFiles(db) };
  } finally {
    db.close();
  }
}

/**
 * {@link sealAndVerify} in a worker thread (verify-worker.ts), for a backup taken while the app answers requests: the
 * `integrity_check` of a large copy does not hold this thread.
 * @throws CorruptDatabaseError when the copy fails its check; Error when the worker fails otherwise
 */
export function sealAndVerifyInWorker(file: string): Promise<ReturnType<typeof sealAndVerify>> {
  const { file: script, execArgv } = workerScript('verify-worker', import.meta.dirname, 'verify-worker.ts');
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { execArgv, workerData: { file } });
    worker.once('message', (m: { ok: true; facts: ReturnType<typeof sealAndVerify> } | { ok: false; message: string; corrupt: boolean }) => {
      if (m.ok) resolve(m.facts);
      else reject(m.corrupt ? new CorruptDatabaseError([m.message]) : new Error(m.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`verify worker exited (${code})`))); // after a message: no effect
  });
}

/** Backups are taken one at a time (names are picked by checking what exists); purges of the folder queue with them. */
let queue: Promise<unknown> = Promise.resolve();

/** Runs `fn` after every backup (or other folder job) queued before it, and before those queued after it. */
export function withBackupFolderLock<T>(fn: () => Promise<T> | T): Promise<T> {
  const run = async () => fn();
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Backs up the open database `db` into `dir` as a `kind` backup stamped `now`, verifies it and prunes the folder.
 * `verifyInWorker`: the copy's check runs in a worker thread ({@link sealAndVerifyInWorker}; the copy itself is taken
 * in steps between which this thread answers requests).
 * @returns the new backup's listing entry
 * @throws AppError('INTERNAL') if writing or checking fails (the partial file is removed; the database is unchanged)
 */
export function createBackup(db: DB, dir: string, kind: BackupKind, now: Date, opts: { verifyInWorker?: boolean } = {}): Promise<BackupInfo> {
  const run = async (): Promise<BackupInfo> => {
    makePrivateDir(dir);
    let n = 1;
    let name = backupFileName(kind, now);
    while (fs.existsSync(path.join(dir, name))) name = backupFileName(kind, now, ++n);
    const partial = path.join(dir, `.${name}.${crypto.randomBytes(4).toString('hex')}.partial`);
    let facts: ReturnType<typeof sealAndVerify>;
    try {
      ensurePrivateFile(partial); // 0600 before a byte of data is written
      await db.backup(partial);
      facts = opts.verifyInWorker ? await sealAndVerifyInWorker(partial) : sealAndVerify(partial);
      // Its attachment files — the ones the backup itself references, not the live database's (it may have moved on
      // while the backup ran) — are copied into the backups' shared store once each, with the manifest, BEFORE the
      // backup gets its name: a crash in between leaves a nameless partial (pruned), never a backup without its files.
      if (db.name && db.name !== ':memory:') storeBackupFiles(facts.files, path.dirname(db.name), dir, name);
      makePrivateFile(partial);
      fs.renameSync(partial, path.join(dir, name));
    } catch (e) {
      removeDbFiles(partial);
      const why = e instanceof Error ? e.message : String(e);
      throw new AppError('INTERNAL', msg('backup_failed', { why: truncateText(why, 200) }));
    }
    const size = fs.statSync(path.join(dir, name)).size;
    // The backup just written is never pruned, even when many are made within one second.
    pruneBackups(dir, name);
    const p = parseBackupFileName(name)!;
    return { name, kind, createdAt: p.createdAt, size, clients: facts.clients, schemaVersion: facts.schemaVersion, ok: true };
  };
  return withBackupFolderLock(run);
}

/**
 * Deletes the backups the retention rule no longer keeps, and leftovers of an interrupted backup (`.partial`, a
 * manifest's `.tmp-*`) or restore (`.staging-*.sqlite`) older than a minute; never `keep` (the backup just written). Returns the backup names deleted.
 */
export function pruneBackups(dir: string, keep?: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const names = fs.readdirSync(dir);
  const drop = backupsToPrune(names).filter((n) => n !== keep);
  for (const name of drop) fs.rmSync(path.join(dir, name), { force: true });
  pruneBackupFiles(dir); // files no kept backup lists any more
  for (const name of names.filter((x) => x.endsWith('.partial') || /^\.staging-[0-9a-f]+\.sqlite$/.test(x) || x.startsWith('.tmp-'))) {
    const f = path.join(dir, name);
    // Only leftovers older than a minute: a backup may be being written right now.
    if (Date.now() - fs.statSync(f).mtimeMs > 60_000) removeDbFiles(f);
  }
  return drop;
}

/**
 * The start-up backup: taken unless a 'daily' backup of today's China date exists already (at most one a day).
 * @returns the new backup, or null when today's exists
 */
export async function dailyBackupIfDue(db: DB, dir: string, now: Date): Promise<BackupInfo | null> {
  if (!dailyBackupDue(dir, now)) return null;
  return createBackup(db, dir, 'daily', now);
}

/** True unless `dir` holds a 'daily' backup of `now`'s China date. */
export function dailyBackupDue(dir: string, now: Date): boolean {
  const today = chinaToday(now);
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  return !names.some((n) => { const p = parseBackupFileName(n); return p?.kind === 'daily' && p.day === today; });
}
