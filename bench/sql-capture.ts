/**
 * Records the SQL a service call runs, so the benchmark can time the same statements bare (prepared once, no
 * service code) and tests can EXPLAIN them. Works on a connection of its own whose `prepare` is wrapped before
 * the service first uses it (the service caches statements per connection, db/service/stmt.ts).
 */
import type Database from 'better-sqlite3';

/** One statement execution: its SQL, how it was run and with which parameters. */
export interface CapturedSql {
  sql: string;
  how: 'get' | 'all' | 'run' | 'iterate';
  params: unknown[];
}

const HOW = new Set(['get', 'all', 'run', 'iterate']);

/**
 * Wraps `db.prepare` so every execution of a statement it prepares is appended to the returned log (clear it with
 * `log.length = 0` between calls). Call before any statement is prepared on `db`.
 */
export function captureSql(db: Database.Database): CapturedSql[] {
  const log: CapturedSql[] = [];
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) =>
    new Proxy(prepare(sql), {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof prop !== 'string' || !HOW.has(prop) || typeof value !== 'function') return value;
        return (...params: unknown[]) => {
          log.push({ sql, how: prop as CapturedSql['how'], params });
          return (value as (...a: unknown[]) => unknown).apply(target, params);
        };
      },
    });
  return log;
}

/**
 * Prepares captured read statements on `db` once and returns a function that runs them all again, in order, with
 * the same parameters (writes are refused: replaying them would change the data).
 */
export function replayer(db: Database.Database, captured: readonly CapturedSql[]): () => void {
  const steps = captured.map((c) => {
    // Idempotent upserts (the dashboard's INSERT OR IGNORE of this year's annual-report jobs) change nothing when
    // replayed; any other write is refused.
    if (c.how === 'run' && !/^\s*INSERT\s+OR\s+IGNORE\b/i.test(c.sql)) throw new Error(`not a read: ${c.sql.slice(0, 60)}`);
    return { stmt: db.prepare(c.sql), how: c.how, params: c.params };
  });
  return () => {
    for (const s of steps) {
      if (s.how === 'get') s.stmt.get(...s.params);
      else if (s.how === 'all') s.stmt.all(...s.params);
      else if (s.how === 'run') s.stmt.run(...s.params);
      else for (const _ of s.stmt.iterate(...s.params)) void _;
    }
  };
}
