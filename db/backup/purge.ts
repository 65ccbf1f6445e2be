/**
 * Erasing one client from every copy of the data in the data folder (PIPL Art. 47, deletion on request): each backup
 * in `<dataDir>/backups` (daily, monthly, manual, pre-migration, pre-restore) and each damaged database set aside as
 * `icp-desk.sqlite.corrupt-*`. A copy holding the client is rewritten, never edited in place:
 * 1. copied to a private `.purge-*.sqlite` temp file beside it;
 * 2. in it, with foreign keys on and secure_delete, the client's rows are deleted in one IMMEDIATE transaction (every
 *    table with a `client_id` column, then `clients`; cascades take the rest), with the full-text indexes in
 *    secure-delete mode and then optimised, the file is VACUUMed and passes `integrity_check`;
 * 3. the temp file, with the original's modification time (the backup list orders by it), replaces the original by
 *    an atomic rename.
 * A copy that cannot be opened or fails a step is left as it was and reported by name. Runs under the backups
 * folder's lock (no backup is written meanwhile).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseBackupFileName } from '../../shared/domain/backups';
import { checkIntegrity, type DB } from '../open';
import { registerSearchFunctions } from '../search/sql-functions';
import { backupsDir, removeDbFiles, withBackupFolderLock } from './create';
import { makePrivateFile } from './private-files';
import { writeTransaction } from '../tx';

/** How a client is recognised in a copy: its USCC (unique), or the same row (id and creation instant). */
export interface ClientIdentity {
  id: number;
  uscc: string;
  createdAt: string;
}

/** Outcome of a purge: copies looked at, copies rewritten without the client, copies that could not be cleaned (file names). */
export interface PurgeReport {
  checked: number;
  cleaned: number;
  failed: string[];
}

/** The database file names whose damaged copies are `<name>.corrupt-<stamp>` in the data folder. */
const CORRUPT_RE = /\.sqlite\.corrupt-[0-9-]+$/;

/** Every copy of the data in `dataDir`: backups (by the naming rule) and damaged files set aside. */
export function dataCopies(dataDir: string): string[] {
  const dir = backupsDir(dataDir);
  const backups = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => parseBackupFileName(n)).map((n) => path.join(dir, n)) : [];
  const corrupt = fs.existsSync(dataDir) ? fs.readdirSync(dataDir).filter((n) => CORRUPT_RE.test(n)).map((n) => path.join(dataDir, n)) : [];
  return [...backups, ...corrupt];
}

/** Ids of the client's rows in `db` ([] when it has no clients table or no such row). */
function rowsOf(db: DB, who: ClientIdentity): number[] {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='clients'").get();
  if (!has) return [];
  const cols = (db.pragma('table_info(clients)') as { name: string }[]).map((c) => c.name);
  const byRow = cols.includes('created_at') ? ' OR (id = @id AND created_at = @createdAt)' : ' OR id = -1';
  return (db.prepare(`SELECT id FROM clients WHERE uscc = @uscc${byRow}`).all(who) as { id: number }[]).map((r) => r.id);
}

/** The FTS5 tables of `db` (quoted names). */
function fullTextTables(db: DB): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'").all() as { name: string }[];
  return rows.map((r) => `"${r.name.replace(/"/g, '""')}"`);
}

/**
 * Deletes the rows `ids` of `clients` and everything keyed by them (every table with a `client_id` column, then
 * `clients`; cascades and the search-index triggers take the rest) in one IMMEDIATE transaction. The FTS5 indexes
 * are switched to `secure-delete` first, so a deleted row's terms are removed from the index at once rather than
 * left in older segments until a merge.
 */
export function deleteClientRows(db: DB, ids: number[]): void {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[])
    .map((t) => t.name)
    .filter((t) => t !== 'clients' && (db.pragma(`table_info("${t.replace(/"/g, '""')}")`) as { name: string }[]).some((c) => c.name === 'client_id'))
    // The due-date marks last: deleting other rows (materials' triggers) marks the client again (a table rebuilt by a
    // migration, e.g. 0190's materials, comes after due_dirty in the schema).
    .sort((a, b) => Number(a === 'due_dirty') - Number(b === 'due_dirty'));
  writeTransaction(db, () => {
    for (const q of fullTextTables(db)) db.prepare(`INSERT INTO ${q}(${q}, rank) VALUES ('secure-delete', 1)`).run();
    for (const id of ids) {
      for (const t of tables) db.prepare(`DELETE FROM "${t.replace(/"/g, '""')}" WHERE client_id = ?`).run(id);
      db.prepare('DELETE FROM clients WHERE id = ?').run(id);
    }
  });
}

/** Merges every FTS5 index into one segment (a copy being rewritten: nothing of old segments stays). */
export function optimiseFullText(db: DB): void {
  for (const q of fullTextTables(db)) db.prepare(`INSERT INTO ${q}(${q}) VALUES ('optimize')`).run();
}

/** Rewrites `file` without the client. Returns 'absent' (not in it: unchanged), 'cleaned', or throws (file unchanged). */
function purgeFile(file: string, who: ClientIdentity): 'absent' | 'cleaned' {
  const probe = new Database(file, { readonly: true, fileMustExist: true });
  let ids: number[];
  try {
    ids = rowsOf(probe, who);
  } finally {
    probe.close();
  }
  if (!ids.length) return 'absent';
  const tmp = path.join(path.dirname(file), `.purge-${crypto.randomBytes(6).toString('hex')}.sqlite`);
  const st = fs.statSync(file);
  try {
    fs.copyFileSync(file, tmp);
    makePrivateFile(tmp);
    if (fs.existsSync(`${file}-wal`)) {
      // A damaged copy set aside with its log: the log is part of it (and may hold the client's rows too).
      fs.copyFileSync(`${file}-wal`, `${tmp}-wal`);
      makePrivateFile(`${tmp}-wal`);
    }
    const db = new Database(tmp, { fileMustExist: true });
    try {
      registerSearchFunctions(db);
      db.pragma('journal_mode = DELETE');
      db.pragma('foreign_keys = ON');
      db.pragma('secure_delete = ON');
      deleteClientRows(db, ids);
      optimiseFullText(db);
      db.exec('VACUUM');
      checkIntegrity(db, true);
    } finally {
      db.close();
    }
    fs.utimesSync(tmp, st.atime, st.mtime);
    fs.renameSync(tmp, file);
    // Its log was folded into the rewritten file above.
    for (const side of ['-wal', '-shm', '-journal']) fs.rmSync(file + side, { force: true });
    return 'cleaned';
  } finally {
    removeDbFiles(tmp);
  }
}

/**
 * Removes the client from every copy in `dataDir` ({@link dataCopies}).
 * @returns counts and the names of copies that could not be cleaned (left unchanged)
 */
export function purgeClientCopies(dataDir: string, who: ClientIdentity): Promise<PurgeReport> {
  return withBackupFolderLock(() => {
    const report: PurgeReport = { checked: 0, cleaned: 0, failed: [] };
    for (const file of dataCopies(dataDir)) {
      report.checked++;
      try {
        if (purgeFile(file, who) === 'cleaned') report.cleaned++;
      } catch (e) {
        console.error(`[purge] ${path.basename(file)} not cleaned: ${e instanceof Error ? `${e.name}: ${e.message}` : typeof e}`);
        report.failed.push(path.basename(file));
      }
    }
    return report;
  });
}
