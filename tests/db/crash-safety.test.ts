import { runAndKill as runAndKillChild } from '../helpers/crash-child';
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { build } from 'esbuild';
import { openDatabase, type DB } from '../../db/open';
import { tmpDir } from '../helpers/data';

const WRITER = path.join(import.meta.dirname, 'crash/writer.ts');
const KILLS = 20;
/** The writer bundled into one CommonJS file (better-sqlite3 stays external, found through NODE_PATH; see tests/helpers/crash-child.ts). */
let bundle = '';

type Op =
  | { op: 'ready'; pragmas: { journal_mode: string; synchronous: number; foreign_keys: number } }
  | { op: 'client'; id: number; uscc: string }
  | { op: 'stage'; clientId: number; stage: string }
  | { op: 'note'; id: number; clientId: number; body: string }
  | { op: 'status'; clientId: number; itemKey: string; status: string; materialId: number; before: string }
  | { op: 'begin'; tag: string }
  | { op: 'held'; tag: string; parts: Op[] }
  | { op: 'batch'; tag: string; parts: Op[] };

/**
 * Runs the writer until it has reported `afterLines` lines after 'ready' (so it really writes, however loaded the
 * machine), then `afterMs` later either SIGKILLs it or (`hold`) asks it to stop inside an open transaction (see
 * writer.ts) and SIGKILLs it there. Returns the lines it reported (complete lines only).
 */
function runAndKill(file: string, run: number, afterLines: number, afterMs: number, hold = false): Promise<Op[]> {
  const reached = (out: string) => out.split('\n').length - 2 >= afterLines;
  return runAndKillChild<Op>({ bundle, file, run, reached, afterMs, hold, killOn: hold ? /"held".*\n/ : null, name: 'writer' });
}

/** Events each reported write adds (see db/service): a new client records client.create and its first stage. */
const EVENTS_PER: Record<string, number> = { client: 2, stage: 1, note: 1, status: 1 };
const writes = (ops: Op[]) => ops.flatMap((o) => (o.op === 'batch' ? o.parts : o.op === 'client' || o.op === 'stage' || o.op === 'note' || o.op === 'status' ? [o] : []));

interface Counts { clients: number; notes: number; events: number }
function counts(db: DB): Counts {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return { clients: n('SELECT count(*) n FROM clients'), notes: n('SELECT count(*) n FROM notes'), events: n('SELECT count(*) n FROM events') };
}

/** Every reported write is in the database, with its values. */
function expectAllPresent(db: DB, ops: Op[]): void {
  for (const o of writes(ops)) {
    if (o.op === 'client') expect(db.prepare('SELECT uscc FROM clients WHERE id = ?').get(o.id)).toEqual({ uscc: o.uscc });
    if (o.op === 'note') expect(db.prepare('SELECT client_id, body FROM notes WHERE id = ?').get(o.id)).toEqual({ client_id: o.clientId, body: o.body });
  }
}

/** Rows whose text carries a batch's tag (its client's name, its note's body). */
function tagged(db: DB, tag: string): { clients: number; notes: number } {
  const like = `%${tag}%`;
  return {
    clients: (db.prepare('SELECT count(*) n FROM clients WHERE name LIKE ?').get(like) as { n: number }).n,
    notes: (db.prepare('SELECT count(*) n FROM notes WHERE body LIKE ?').get(like) as { n: number }).n,
  };
}

describe('crash safety', () => {
  beforeAll(async () => {
    bundle = path.join(tmpDir('icpdesk-crash-'), 'writer.cjs');
    await build({ entryPoints: [WRITER], bundle: true, platform: 'node', target: 'node22', format: 'cjs', outfile: bundle, external: ['better-sqlite3'], logLevel: 'error' });
  });

  it(`survives ${KILLS} SIGKILLs, at random moments and inside open transactions: WAL pinned, integrity and foreign keys intact, every reported commit kept, no half batch`, async () => {
    const file = path.join(tmpDir(), 'icp-desk.sqlite');
    openDatabase(file).close();
    const committed: Op[] = [];
    let seed = 20261127;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    let held = 0;
    let cutBatches = 0;
    for (let run = 0; run < KILLS; run++) {
      const before = (() => { const db = openDatabase(file); try { return counts(db); } finally { db.close(); } })();
      const hold = run % 4 === 3;
      const afterLines = 1 + rand(12);
      const ops = await runAndKill(file, run, afterLines, rand(40), hold);
      expect(ops.length, `run ${run}`).toBeGreaterThan(afterLines); // 'ready' + at least afterLines reported lines
      // The connection the app writes through: WAL (a commit is one append to the -wal file, a torn one is ignored on
      // recovery), synchronous=NORMAL (1), foreign keys on. Without WAL a kill inside a commit can tear the file.
      expect(ops[0]).toEqual({ op: 'ready', pragmas: { journal_mode: 'wal', synchronous: 1, foreign_keys: 1 } });
      const reported = ops.slice(1).filter((o) => o.op !== 'begin' && o.op !== 'held');
      committed.push(...reported);

      const db = openDatabase(file); // quick_check at open: throws if damaged
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expectAllPresent(db, committed);

      // Unreported rows: at most the one write whose commit returned but whose line the kill cut off. A batch counts
      // as one write, and only if it had been announced and not reported.
      const after = counts(db);
      const rep = writes(reported);
      const extra = {
        clients: after.clients - before.clients - rep.filter((o) => o.op === 'client').length,
        notes: after.notes - before.notes - rep.filter((o) => o.op === 'note').length,
        events: after.events - before.events - rep.reduce((n, o) => n + EVENTS_PER[o.op], 0),
      };
      const last = ops[ops.length - 1];
      if (hold) {
        // Killed inside the transaction, after all its writes: none of them survived.
        expect(last.op, `run ${run}`).toBe('held');
        if (last.op !== 'held') continue;
        held++;
        expect(tagged(db, last.tag), `run ${run}`).toEqual({ clients: 0, notes: 0 });
        const status = last.parts.find((p) => p.op === 'status');
        if (status?.op === 'status') expect(db.prepare('SELECT status FROM materials WHERE id = ?').get(status.materialId)).toEqual({ status: status.before });
        expect(extra, `run ${run}`).toEqual({ clients: 0, notes: 0, events: 0 });
      } else if (last.op === 'begin') {
        // Killed while a batch was in flight: all of it or none of it, nothing else unreported.
        cutBatches++;
        const t = tagged(db, last.tag);
        expect([t, extra], `run ${run}`).toEqual(t.clients ? [{ clients: 1, notes: 1 }, { clients: 1, notes: 1, events: 4 }] : [{ clients: 0, notes: 0 }, { clients: 0, notes: 0, events: 0 }]);
      } else {
        // Nothing, or one single write (a client: 2 events; a note: 1; a stage or status change: 1).
        expect([{ clients: 0, notes: 0, events: 0 }, { clients: 1, notes: 0, events: 2 }, { clients: 0, notes: 1, events: 1 }, { clients: 0, notes: 0, events: 1 }], `run ${run}`).toContainEqual(extra);
      }
      db.close();
    }
    // The held-transaction case happened at every fourth kill.
    expect(held).toBe(KILLS / 4);
    console.info(`crash safety: ${committed.length} reported writes, ${held} kills inside a held transaction, ${cutBatches} kills with a batch in flight`);
  }, 180_000); // each writer loads the pinyin dictionary before it is ready: about 1 s a start under load
});
