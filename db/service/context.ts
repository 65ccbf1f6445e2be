import type { DB } from '../open';

/**
 * The state of the data folder's database (see shared/contracts/backup.ts `DataState`):
 * - 'ok': `ctx.db` is the open database;
 * - 'recovery': the file failed its check and was moved aside to `corruptFile` (null when the app was restarted
 *   after that and only the recovery marker remains); `ctx.db` is an empty in-memory placeholder;
 * - 'newer': the file is from a newer version (`found` > `supported`); not opened, `ctx.db` is a placeholder.
 */
export type DataHealth =
  | { state: 'ok' }
  | { state: 'recovery'; corruptFile: string | null; reason: string; detectedAt: string }
  | { state: 'newer'; found: number; supported: number };

/**
 * What every service function receives besides its input: the open database, where it lives, the app version and
 * a clock (injectable so tests and the e2e host can fix "now"; instants are real `Date`s, converted to China dates
 * with `chinaToday`).
 *
 * `db` is swappable: a restore closes the old connection and assigns the new one to the SAME context object, so
 * every host holding the context (IPC, HTTP) keeps working; read `ctx.db` at call time, never keep a copy of it.
 * `health` absent means 'ok' (tests); `busy` names a running restore, during which dispatch refuses other calls.
 * `running` counts the long jobs in flight (backups, full exports, imports — whose worker has its own connection to
 * the file —, see `trackRunning`); a restore refuses to start while any runs, since it would replace the file under them.
 */
export interface ServiceContext {
  db: DB;
  dbPath: string;
  dataDir: string;
  version: string;
  now: () => Date;
  health?: DataHealth;
  busy?: string | null;
  /**
   * Run imports in a worker thread (db/import/run-in-worker.ts) so this thread keeps answering: reading, checking
   * and writing with the worker's own connection to `dbPath` (reading only, for an in-memory database); set by the
   * hosts (electron/host-context.ts). Absent (tests calling services directly): everything on the calling thread.
   */
  importWorker?: boolean;
  running?: Map<RunningKind, number>;
}

/** The long jobs a restore must not interrupt. */
export type RunningKind = 'backup' | 'export' | 'import';

/**
 * Runs `fn` (a backup, a full export or an import) counted in `ctx.running` until its promise settles, so a restore
 * started meanwhile is refused (BUSY, naming what runs: {@link runningKind}) instead of closing the database under it.
 */
export async function trackRunning<T>(ctx: ServiceContext, kind: RunningKind, fn: () => T | Promise<T>): Promise<T> {
  const running = (ctx.running ??= new Map());
  running.set(kind, (running.get(kind) ?? 0) + 1);
  try {
    return await fn();
  } finally {
    running.set(kind, running.get(kind)! - 1);
  }
}

/** The long job running on `ctx` that a restore must wait for (an import first, then a backup, then an export), or null. */
export function runningKind(ctx: ServiceContext): RunningKind | null {
  return (['import', 'backup', 'export'] as const).find((k) => (ctx.running?.get(k) ?? 0) > 0) ?? null;
}
