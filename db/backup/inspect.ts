/**
 * Checking a database file before it may replace the live one (a listed backup or a file the user picked), and
 * what it holds (the restore preview). Always works on a private copy (see restore.ts), which it may change: it is
 * switched to a single self-contained file (journal_mode=DELETE) before the full check.
 */
import { eventAtSql } from '../service/event-columns';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { SCHEMA_VERSION } from '../migrations/index';
import { APPLICATION_ID, checkIntegrity, CorruptDatabaseError, isCorruptionError, userVersion, type DB } from '../open';

/** Tables every version of the app's database has (from migration 0010): a file without them is not ours. */
export const REQUIRED_TABLES = ['clients', 'materials', 'notes', 'events'] as const;

/** The 16-byte header of every SQLite 3 database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What a database holds: row counts and the newest change (ISO instant, null when empty). */
export interface DatabaseStats {
  clients: number;
  notes: number;
  materials: number;
  events: number;
  lastChange: string | null;
}

/** Counts and the newest change of an open database of the app (any schema version ≥ 10). */
export function databaseStats(db: DB): DatabaseStats {
  const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const last = db
    .prepare(
      `SELECT max(x) AS v FROM (SELECT max(updated_at) AS x FROM clients UNION ALL SELECT max(${eventAtSql('events')}) FROM events
        UNION ALL SELECT max(updated_at) FROM notes UNION ALL SELECT max(updated_at) FROM materials)`,
    )
    .get() as { v: string | null };
  return { clients: n('clients'), notes: n('notes'), materials: n('materials'), events: n('events'), lastChange: last.v };
}

/** True if the file starts with the SQLite header. */
function looksLikeSqlite(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    return fs.readSync(fd, buf, 0, 16, 0) === 16 && buf.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/** Result of {@link inspectCandidate}. */
export interface CandidateFacts {
  schemaVersion: number;
  needsUpgrade: boolean;
  stats: DatabaseStats;
}

/**
 * Checks that `file` (a private copy) can be restored: it is a SQLite database, it is ours (application_id is ours,
 * or 0 with the app's tables), not from a newer version, and passes `integrity_check` and `foreign_key_check`.
 * @returns its schema version, whether it needs upgrading, and its contents' counts
 * @throws AppError('BAD_FILE') with a Chinese reason (not SQLite / another program's / damaged / broken references),
 *   AppError('CONFLICT') for a newer version's file
 */
export function inspectCandidate(file: string): CandidateFacts {
  if (fs.statSync(file).size < 512 || !looksLikeSqlite(file)) throw new AppError('BAD_FILE', msg('restore_not_sqlite'));
  let db: DB;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch {
    throw new AppError('BAD_FILE', msg('restore_cannot_open'));
  }
  try {
    const version = userVersion(db);
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== 0 && appId !== APPLICATION_ID) throw new AppError('BAD_FILE', msg('restore_other_program'));
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((r) => r.name));
    if (version < 10 || REQUIRED_TABLES.some((t) => !tables.has(t))) throw new AppError('BAD_FILE', msg('restore_missing_tables'));
    if (version > SCHEMA_VERSION) {
      throw new AppError('CONFLICT', msg('restore_newer', { found: version, supported: SCHEMA_VERSION }), { found: version, supported: SCHEMA_VERSION });
    }
    db.pragma('journal_mode = DELETE');
    checkIntegrity(db, true);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) throw new AppError('BAD_FILE', msg('restore_broken_refs', { count: fk.length }));
    return { schemaVersion: version, needsUpgrade: version < SCHEMA_VERSION, stats: databaseStats(db) };
  } catch (e) {
    if (e instanceof CorruptDatabaseError || isCorruptionError(e)) {
      throw new AppError('BAD_FILE', msg('restore_damaged', { detail: (e instanceof CorruptDatabaseError ? String(e.msg.params.problems ?? '') : (e as Error).message).slice(0, 200) }));
    }
    throw e;
  } finally {
    db.close();
  }
}
