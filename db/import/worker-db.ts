/**
 * The import worker's own connection to the app's database file: opened like the host's (db/open.ts `applyPragmas`:
 * WAL, foreign keys, busy_timeout 5,000 ms, synchronous=NORMAL, secure_delete, page cache) with the SQL functions the
 * triggers call (search n-grams, pinyin sort keys), so the rows it writes get the same derived values as the host's
 * writes. Never migrates: the host opened and migrated the file before any import could start.
 */
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { SCHEMA_VERSION } from '../migrations/index';
import { applyPragmas, type DB } from '../open';
import { registerSearchFunctions } from '../search/sql-functions';

/**
 * Opens `dbPath` (must exist) for the import worker.
 * @throws AppError('UNAVAILABLE') when the file is not at this build's schema version (a restore swapped it meanwhile)
 */
export function openImportConnection(dbPath: string): DB {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    registerSearchFunctions(db);
    applyPragmas(db);
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v !== SCHEMA_VERSION) throw new AppError('UNAVAILABLE', `数据库版本不符（${v}，应为 ${SCHEMA_VERSION}），请重新导入`, { found: v, expected: SCHEMA_VERSION });
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
