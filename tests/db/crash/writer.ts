/**
 * Child process of the crash-safety test (tests/db/crash-safety.test.ts): opens the database like the app, then
 * writes forever through the service — new clients, stage changes, notes, material status changes, and multi-write
 * transactions — printing one JSON line per COMMITTED write on stdout (synchronously, after the commit returned),
 * until the parent kills it with SIGKILL.
 *
 * Lines: first `{ op: 'ready', pragmas }` (the connection's journal_mode, synchronous, foreign_keys as the app set
 * them); then one line per committed write. A multi-write transaction is announced by `{ op: 'begin', tag }` before it
 * starts and reported by `{ op: 'batch', tag, parts }` after it commits; its client and note carry the tag, so the
 * parent can tell whether a batch cut by the kill left any of its writes. When the file `<db file>.hold` exists, the
 * writer starts a batch, makes all its writes, prints `{ op: 'held', tag, materialId, statusBefore }` and waits inside
 * the open transaction for the kill (the "killed in the middle of a transaction" case, made certain).
 *
 *   node --import tsx tests/db/crash/writer.ts <db file> <run number>
 * (the test bundles it with esbuild first and runs the bundle with plain node: it starts several times faster)
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../db/open';
import { pinyinSortKey } from '../../../db/sort-keys';
import { writeTransaction } from '../../../db/tx';
import { createClient, getClient, setStage } from '../../../db/service/clients';
import { listMaterials, setMaterialStatus } from '../../../db/service/materials';
import { createNote } from '../../../db/service/notes';
import type { ServiceContext } from '../../../db/service/context';
import { contract, type In, type Out } from '../../../shared/contract';
import { MATERIAL_TRANSITIONS, type MaterialStatus } from '../../../shared/domain/materials';
import { STAGE_KEYS } from '../../../shared/domain/stages';
import { usccCheckChar } from '../../../shared/domain/uscc';

const [file, runArg] = process.argv.slice(2);
const run = Number(runArg);
const db = openDatabase(file);
const ctx: ServiceContext = { db, dbPath: file, dataDir: path.dirname(file), version: 'crash', now: () => new Date() };

/** The service functions used (imported one by one: the full handler map loads exceljs, slow to start). */
const handlers = {
  'clients.create': createClient,
  'clients.get': (c: ServiceContext, i: { id: number }) => getClient(c, i.id),
  'clients.setStage': setStage,
  'notes.create': createNote,
  'materials.list': listMaterials,
  'materials.setStatus': setMaterialStatus,
} as const;
type Used = keyof typeof handlers;

/** Validates `input` with the contract and runs the service, as dispatch does. */
function call<M extends Used>(m: M, input: In<M>): Out<M> {
  return (handlers[m] as (c: ServiceContext, i: unknown) => Out<M>)(ctx, contract[m].input.parse(input));
}
/** Writes one line to stdout synchronously (retrying while a non-blocking pipe is full), so it is sent before the next write. */
function out(o: unknown): void {
  const b = Buffer.from(`${JSON.stringify(o)}\n`);
  for (let off = 0; off < b.length;) {
    try {
      off += fs.writeSync(1, b, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
  }
}

let seed = run * 7919 + 17;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
let counter = 0;
const uscc = () => {
  const first17 = `91140100MA${String(run * 100_000 + counter++).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17)!;
};
const clientIds = () => (db.prepare('SELECT id FROM clients').all() as { id: number }[]).map((r) => r.id);

function newClient(tag = '') {
  const u = uscc();
  const { client } = call('clients.create', { client: { name: `太原崩溃测试有限公司${u.slice(10, 17)}${tag}`, uscc: u, city: '太原市' } });
  return { op: 'client', id: client.id, uscc: u };
}
function stage(ids: number[]) {
  const id = ids[rand(ids.length)];
  const s = STAGE_KEYS[rand(STAGE_KEYS.length)];
  const before = call('clients.get', { id }).stage;
  call('clients.setStage', { id, stage: s, date: '2026-11-27' });
  return before === s ? null : { op: 'stage', clientId: id, stage: s };
}
function note(ids: number[], tag = '') {
  const clientId = ids[rand(ids.length)];
  const body = `崩溃测试进度 ${run}-${counter++}${tag}`;
  const n = call('notes.create', { clientId, date: '2026-11-27', body });
  return { op: 'note', id: n.id, clientId, body };
}
function status(ids: number[]) {
  const clientId = ids[rand(ids.length)];
  const mats = call('materials.list', { clientId });
  const m = mats[rand(mats.length)];
  const next = MATERIAL_TRANSITIONS[m.status as MaterialStatus];
  const to = next[rand(next.length)];
  call('materials.setStatus', { id: m.id, status: to });
  return { op: 'status', clientId, itemKey: m.itemKey, status: to, materialId: m.id, before: m.status };
}

// The pinyin dictionary (client sort keys, 0070) loads on first use, about a second on a loaded machine: load it
// before 'ready' so the kill timer measures writing, not start-up.
pinyinSortKey('太原');
const pragmas = {
  journal_mode: db.pragma('journal_mode', { simple: true }),
  synchronous: db.pragma('synchronous', { simple: true }),
  foreign_keys: db.pragma('foreign_keys', { simple: true }),
};
out({ op: 'ready', pragmas });
const hold = `${file}.hold`;
let batchNo = 0;
for (;;) {
  if (fs.existsSync(hold)) {
    const tag = `〔held-${run}〕`;
    db.transaction(() => {
      const ids = clientIds();
      const parts = [newClient(tag), note(ids, tag), status(ids)];
      out({ op: 'held', tag, parts });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // until SIGKILL, inside the open transaction
    })();
  }
  const ids = clientIds();
  const pick = ids.length < 3 ? 0 : rand(5);
  if (pick === 0) out(newClient());
  else if (pick === 1) { const r = stage(ids); if (r) out(r); }
  else if (pick === 2) out(note(ids));
  else if (pick === 3) out(status(ids));
  else {
    // Several writes in one transaction: all of them or none.
    const tag = `〔batch-${run}-${batchNo++}〕`;
    out({ op: 'begin', tag });
    const parts = writeTransaction(db, () => [newClient(tag), note(ids, tag), status(ids)]);
    out({ op: 'batch', tag, parts });
  }
}
