/**
 * The clean-shutdown marker (issue 16): how a start knows whether it may skip reading the whole file.
 *
 * A host that closes the database normally ({@link closeDataFolder}) writes `clean-shutdown.json` in the data folder
 * with the file's size and modification time after the close (which checkpoints and removes the -wal). The next start
 * reads the marker and removes it at once, before any write is accepted, so a crash always leaves no marker.
 * The start then runs only the bounded check ({@link boundedCheck}) when the marker matches the file exactly and no
 * -wal is left; otherwise (an unclean exit, a file changed while the app was closed, no marker) it runs the full
 * check. Damage that changes neither size nor mtime (a failing disk) is found by the daily backup, whose
 * `integrity_check` reads every page (see open-folder.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DB } from '../open';
import { CorruptDatabaseError } from '../open';
import { writePrivateFile } from './private-files';

/** The marker's file name in the data folder. */
export const CLEAN_SHUTDOWN_MARKER = 'clean-shutdown.json';

const Marker = z.object({ size: z.number(), mtimeMs: z.number(), closedAt: z.string() });
/** What the marker records: the database file's size (bytes) and mtime (ms since the epoch) after the close. */
export type CleanShutdown = z.infer<typeof Marker>;

function markerPath(dbFile: string): string {
  return path.join(path.dirname(dbFile), CLEAN_SHUTDOWN_MARKER);
}

/**
 * Reads and REMOVES the marker of `dbFile`, and says whether the file is exactly as it was left at the last clean
 * close: same size and mtime, and no -wal file with content. False when there is no marker or it is unreadable.
 */
export function takeCleanShutdown(dbFile: string): boolean {
  const file = markerPath(dbFile);
  let marker: CleanShutdown | null = null;
  try {
    marker = Marker.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    marker = null;
  }
  fs.rmSync(file, { force: true });
  if (!marker || !fs.existsSync(dbFile)) return false;
  const st = fs.statSync(dbFile);
  const wal = `${dbFile}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) return false;
  return st.size === marker.size && st.mtimeMs === marker.mtimeMs;
}

/** Connections whose file must get the full check at the next start (a backup's check failed while open). */
const suspect = new WeakSet<DB>();

/**
 * Makes the next start of `db`'s file run the full check: {@link closeDataFolder} will not write the marker. For a
 * check that failed while the app was open (the deferred daily backup's copy, open-folder.ts), so that a file damaged
 * on disk reaches the recovery screen at the next start.
 */
export function requireFullCheckNextStart(db: DB): void {
  suspect.add(db);
}

/**
 * Closes `db` (the data folder's connection, file `dbFile`) and writes the clean-shutdown marker (not after
 * {@link requireFullCheckNextStart}). A connection that is not open, or one that is not a file, only gets closed. Never throws for the marker (a missing marker only means a
 * full check at the next start).
 */
export function closeDataFolder(db: DB, dbFile: string): void {
  const file = db.open && !db.memory ? db.name : null;
  if (db.open) db.close();
  if (!file || path.resolve(file) !== path.resolve(dbFile) || !fs.existsSync(dbFile) || suspect.has(db)) return;
  try {
    const st = fs.statSync(dbFile);
    const marker: CleanShutdown = { size: st.size, mtimeMs: st.mtimeMs, closedAt: new Date().toISOString() };
    writePrivateFile(markerPath(dbFile), JSON.stringify(marker));
  } catch (e) {
    console.error('[data] could not write the clean-shutdown marker:', e instanceof Error ? e.message : e);
  }
}

/**
 * The start's bounded check, for a file left by a clean close: the header agrees with the file's size (a truncated
 * or extended file fails), the schema reads, and the first row of every table reads (root pages). Reads a few pages
 * per table whatever the file's size.
 * @throws CorruptDatabaseError listing what failed
 */
export function boundedCheck(db: DB, dbFile: string): void {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const size = fs.statSync(dbFile).size;
  if (pages * pageSize !== size) throw new CorruptDatabaseError([`文件大小 ${size} 与页数 ${pages} × ${pageSize} 不符`]);
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").pluck().all() as string[];
  for (const t of tables) db.prepare(`SELECT * FROM "${t.replaceAll('"', '""')}" LIMIT 1`).all();
}
