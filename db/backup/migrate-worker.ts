/**
 * Worker-thread entry (bundled as dist/electron/migrate-worker.cjs): runs the pending migrations of one database file
 * ({@link migrate}, one transaction, all or nothing) on its own connection, so the host's thread stays free to paint
 * the start-up window's progress (issue 16: 0180 takes about 50 s at 20,000 clients). Input `workerData`: `{ file }`.
 * Posts `{ kind: 'progress', step }` between chunks, then `{ kind: 'done', applied }` or `{ kind: 'failed', message }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { migrate } from '../open';
import { registerSearchFunctions } from '../search/sql-functions';

const db = new Database((workerData as { file: string }).file);
try {
  registerSearchFunctions(db);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const applied = migrate(db, undefined, (step) => parentPort!.postMessage({ kind: 'progress', step }));
  parentPort!.postMessage({ kind: 'done', applied });
} catch (e) {
  parentPort!.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
} finally {
  db.close();
}
