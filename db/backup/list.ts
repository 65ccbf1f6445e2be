/**
 * Listing the backups folder: every file named by the backup rule (shared/domain/backups.ts), newest first, with its
 * size, schema version and client count read from the file (opened read-only; a backup is a single sealed file).
 * Other files in the folder are ignored. Listed backups are addressed by name only, resolved here inside the folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../../shared/contracts/backup';
import { compareNewestFirst, parseBackupFileName, type ParsedBackupName } from '../../shared/domain/backups';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { checkIntegrity } from '../open';

/** Opens a backup read-only and reads its schema version and client count; `quick` also runs quick_check. */
function readBackup(file: string, quick = false): { schemaVersion: number; clients: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (quick) checkIntegrity(db);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='clients'").get();
    const clients = has ? (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n : 0;
    return { schemaVersion, clients };
  } finally {
    db.close();
  }
}

/** The backups in `dir`, newest first; backups stamped in the same second are ordered by file time (newest first). */
function parsedNames(dir: string): ParsedBackupName[] {
  if (!fs.existsSync(dir)) return [];
  const parsed = fs.readdirSync(dir).map(parseBackupFileName).filter((p): p is ParsedBackupName => p !== null);
  const mtime = new Map(parsed.map((p) => [p.name, fs.statSync(path.join(dir, p.name)).mtimeMs]));
  return parsed.sort((a, b) => compareNewestFirst(a, b) || mtime.get(b.name)! - mtime.get(a.name)!);
}

function info(dir: string, p: ParsedBackupName, quick = false): BackupInfo {
  const file = path.join(dir, p.name);
  const size = fs.statSync(file).size;
  try {
    const r = readBackup(file, quick);
    return { name: p.name, kind: p.kind, createdAt: p.createdAt, size, clients: r.clients, schemaVersion: r.schemaVersion, ok: true };
  } catch {
    return { name: p.name, kind: p.kind, createdAt: p.createdAt, size, clients: null, schemaVersion: null, ok: false };
  }
}

/** Every backup in `dir`, newest first ([] when the folder does not exist). Unreadable files are listed with ok=false. */
export function listBackups(dir: string): BackupInfo[] {
  return parsedNames(dir).map((p) => info(dir, p));
}

/** The newest backup that opens and passes `quick_check`, or null. */
export function newestGoodBackup(dir: string): BackupInfo | null {
  for (const p of parsedNames(dir)) {
    const i = info(dir, p, true);
    if (i.ok) return i;
  }
  return null;
}

/**
 * The path of the listed backup `name` inside `dir`.
 * @throws AppError('VALIDATION') for a name that is not a backup name; AppError('NOT_FOUND') when it is not there
 */
export function resolveBackup(dir: string, name: string): string {
  if (path.basename(name) !== name || !parseBackupFileName(name)) throw new AppError('VALIDATION', msg('backup_name_invalid'));
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', msg('backup_not_found', { name }));
  return file;
}
