import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { openDatabase, type DB } from '../../db/open';
import { tmpDir } from '../helpers/data';

const WRITER = path.join(import.meta.dirname, 'crash/writer.ts');
const KILLS = 20;
/** The writer bundled into one CommonJS file (better-sqlite3 stays external, found through NODE_PATH). */
let bundle = '';
const NODE_PATH = path.resolve(import.meta.dirname, '../../node_modules');

type Op =
  | { op: 'ready' }
  | { op: 'client'; id: number; uscc: string }
  | { op: 'stage'; clientId: number; stage: string }
  | { op: 'note'; id: number; clientId: number; body: string }
  | { op: 'status'; clientId: number; itemKey: string; status: string }
  | { op: 'batch'; parts: Op[] };

/** Runs the writer until `afterMs` after it is ready, then SIGKILLs it. Returns the writes it reported (complete lines only). */
function runAndKill(file: string, run: number, afterMs: number): Promise<Op[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, file, String(run)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH } });
    let buf = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      buf += d;
      if (!timer && buf.includes('"ready"')) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    // 'close', not 'exit': stdout may still hold data when 'exit' fires.
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited by itself (code ${code}): ${err.slice(0, 500)}`));
      const complete = buf.slice(0, buf.lastIndexOf('\n') + 1);
      resolve(complete.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Op));
    });
  });
}

/** Every reported write is in the database. Stage and status changes are counted through their events (they repeat). */
function expectAllPresent(db: DB, ops: Op[]): void {
  const flat = ops.flatMap((o) => (o.op === 'batch' ? o.parts : [o]));
  const tally = new Map<string, number>();
  for (const o of flat) {
    if (o.op === 'client') expect(db.prepare('SELECT uscc FROM clients WHERE id = ?').get(o.id)).toEqual({ uscc: o.uscc });
    if (o.op === 'note') expect(db.prepare('SELECT client_id, body FROM notes WHERE id = ?').get(o.id)).toEqual({ client_id: o.clientId, body: o.body });
    if (o.op === 'stage') tally.set(JSON.stringify(['stage', o.clientId, null, o.stage]), (tally.get(JSON.stringify(['stage', o.clientId, null, o.stage])) ?? 0) + 1);
    if (o.op === 'status') {
      const k = JSON.stringify(['material.status', o.clientId, o.itemKey, o.status]);
      tally.set(k, (tally.get(k) ?? 0) + 1);
    }
  }
  const events = db.prepare('SELECT count(*) AS n FROM events WHERE kind = ? AND client_id = ? AND subject IS ? AND new_value = ?');
  for (const [k, reported] of tally) {
    const [kind, clientId, subject, value] = JSON.parse(k) as [string, number, string | null, string];
    // Stage events also record the initial stage at creation, so the database may hold more than were reported.
    expect((events.get(kind, clientId, subject, value) as { n: number }).n, k).toBeGreaterThanOrEqual(reported);
  }
}

describe('crash safety', () => {
  beforeAll(async () => {
    bundle = path.join(tmpDir('icpdesk-crash-'), 'writer.cjs');
    await build({ entryPoints: [WRITER], bundle: true, platform: 'node', target: 'node22', format: 'cjs', outfile: bundle, external: ['better-sqlite3'], logLevel: 'error' });
  });

  it(`survives ${KILLS} SIGKILLs at random moments: opens, passes integrity and foreign-key checks, keeps every reported commit`, async () => {
    const file = path.join(tmpDir(), 'icp-desk.sqlite');
    openDatabase(file).close();
    const committed: Op[] = [];
    let seed = 20261127;
    const rand = () => ((seed = (seed * 48271) % 2147483647) % 250) + 20;
    for (let run = 0; run < KILLS; run++) {
      const ops = await runAndKill(file, run, rand());
      expect(ops[0]).toEqual({ op: 'ready' });
      committed.push(...ops.slice(1));
      const db = openDatabase(file); // quick_check at open: throws if damaged
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expectAllPresent(db, committed);
      db.close();
    }
    // The writer really wrote between kills (not just start-up).
    expect(committed.length).toBeGreaterThan(KILLS * 5);
  }, 120_000); // each writer loads the pinyin dictionary (0070) before it is ready: about 1 s a start under load
});
