/**
 * `node --import tsx bench/dashboard-profile.ts <dataDir> [calls=200] [method=dashboard.get] [input JSON={}]`: one read
 * method (by default `dashboard.get`; e.g. `weekly.rollup '{"week":"2026-W48"}'`) through dispatch on a kept
 * bench database (`npm run bench -- --keep [--out DIR]` → DIR/data), as bench/run.ts calls it. Prints, per call, the
 * wall time and the process's CPU time (`process.cpuUsage`: what the call cost, whatever the machine's load), median
 * and p95 over `calls` calls after 5 untimed ones; then each statement's share (wall, summed over the calls, with its
 * rows per call) and its `EXPLAIN QUERY PLAN`. Reads only; asserts nothing.
 */
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { dispatch } from '../db/dispatch';
import { openDatabase } from '../db/open';
import type { ServiceContext } from '../db/service/context';
import { DB_FILE_NAME } from '../electron/host-context';
import { summarize } from './stats';

const NOW = new Date('2026-11-27T02:00:00Z');

interface StatementTime {
  ms: number;
  calls: number;
  rows: number;
}

/** Wraps `db.prepare` (before the service prepares anything) so each statement's executions are timed by SQL text. */
function timeStatements(db: Database.Database): Map<string, StatementTime> {
  const times = new Map<string, StatementTime>();
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) =>
    new Proxy(prepare(sql), {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'get' && prop !== 'all' && prop !== 'run') return typeof value === 'function' ? value.bind(target) : value;
        return (...params: unknown[]) => {
          const t = performance.now();
          const out = (value as (...a: unknown[]) => unknown).apply(target, params);
          const s = times.get(sql) ?? { ms: 0, calls: 0, rows: 0 };
          s.ms += performance.now() - t;
          s.calls += 1;
          s.rows += Array.isArray(out) ? out.length : out === undefined ? 0 : 1;
          times.set(sql, s);
          return out;
        };
      },
    });
  return times;
}

async function main() {
  const [dataDir, callsArg, methodArg, inputArg] = process.argv.slice(2);
  const method = (methodArg ?? 'dashboard.get') as 'dashboard.get';
  const input = JSON.parse(inputArg ?? '{}') as object;
  if (!dataDir) throw new Error('usage: bench/dashboard-profile.ts <dataDir> [calls] [method] [input JSON]');
  const calls = Number(callsArg ?? 200);
  const file = path.join(path.resolve(dataDir), DB_FILE_NAME);
  const db = openDatabase(file);
  const times = timeStatements(db);
  const ctx: ServiceContext = { db, dbPath: file, dataDir, version: 'bench', now: () => NOW };
  const once = async () => {
    const env = await dispatch(ctx, method, input);
    if (!env.ok) throw new Error(`${method}: ${env.error.code} ${env.error.message}`);
    return env.value;
  };
  for (let i = 0; i < 5; i++) await once();
  times.clear();
  const wall: number[] = [];
  const cpu: number[] = [];
  const load0 = os.loadavg()[0];
  for (let i = 0; i < calls; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await once();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const w = summarize(wall);
  const c = summarize(cpu);
  const f = (x: number) => x.toFixed(1);
  process.stdout.write(`${method} × ${calls} on ${file} (load ${f(load0)} → ${f(os.loadavg()[0])})\n`);
  process.stdout.write(`  wall ms: min ${f(w.min)} median ${f(w.median)} p95 ${f(w.p95)} max ${f(w.max)}\n`);
  process.stdout.write(`  CPU  ms: min ${f(c.min)} median ${f(c.median)} p95 ${f(c.p95)} max ${f(c.max)}\n`);
  let sqlMs = 0;
  for (const s of times.values()) sqlMs += s.ms;
  process.stdout.write(`  SQL ${f(sqlMs / calls)} ms a call (wall); per statement, ms a call · rows a call:\n`);
  for (const [sql, s] of [...times].sort((a, b) => b[1].ms - a[1].ms)) {
    process.stdout.write(`  ${(s.ms / calls).toFixed(2).padStart(7)} · ${(s.rows / calls).toFixed(0).padStart(5)}  ${sql.replace(/\s+/g, ' ').slice(0, 150)}\n`);
    if (/^\s*SELECT/i.test(sql)) {
      try {
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null)) as Array<{ detail: string }>;
        for (const p of plan) process.stdout.write(`            ${p.detail}\n`);
      } catch {
        // statements with named parameters: no plan printed
      }
    }
  }
  db.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
