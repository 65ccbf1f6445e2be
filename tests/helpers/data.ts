/**
 * Test helpers for data-folder tests: temp folders, valid sample USCCs and clients, a file-backed context opened the
 * way the hosts open it, a checked dispatch call, and a dump of every data table for exact comparisons.
 */
import { afterAll } from 'vitest';
import fs from 'node:fs';
import { openDataFolder } from '../../db/backup/open-folder';
import { dispatch } from '../../db/dispatch';
import { dataTables, ident } from '../../db/export/tables';
import type { DB } from '../../db/open';
import type { ServiceContext } from '../../db/service/context';
import type { Migration } from '../../db/migrations/index';
import type { In, Method, Out } from '../../shared/contract';
import { usccCheckChar } from '../../shared/domain/uscc';
import { testTempDir } from './temp-dirs';

/** A fresh temp folder (mode 0700), removed with the process's test folders (tests/helpers/temp-dirs.ts). */
export function tmpDir(prefix = 'icpdesk-t-'): string {
  return testTempDir(prefix);
}

/** A valid USCC for 太原市 (division 140100) numbered `i` (0 ≤ i < 10^7). */
export function sampleUscc(i: number): string {
  const first17 = `91140100MA${String(i).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17)!;
}

/** A client input numbered `i`. */
export function sampleClient(i: number) {
  return { name: `太原测试科技有限公司${i}号`, uscc: sampleUscc(i), city: '太原市', contactName: '王测试', contactPhone: '13800000000', consultant: '白顾问' } as const;
}

export type TestCtx = ServiceContext & { setNow(iso: string): void };

/** Opens `dataDir` as a host does (checks, backups, states), with a settable clock. */
export async function folderContext(dataDir: string, nowIso = '2026-11-27T02:00:00.000Z', migrations?: readonly Migration[]): Promise<TestCtx> {
  let t = new Date(nowIso);
  const now = () => t;
  const { db, dbPath, health } = await openDataFolder({ dataDir, now, migrations });
  return { db, dbPath, dataDir, version: 'test', now, health, setNow: (iso: string) => (t = new Date(iso)) };
}

/** Calls `method` through dispatch; throws with the error's code and message when it fails. */
export async function call<M extends Method>(ctx: ServiceContext, m: M, input: In<M>): Promise<Out<M>> {
  const r = await dispatch(ctx, m, input);
  if (!r.ok) throw Object.assign(new Error(`${m}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
  return r.value as Out<M>;
}

/** Every data table's rows (all columns, by rowid order), by table name. */
export function dumpTables(db: DB): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const t of dataTables(db)) out[t.name] = db.prepare(`SELECT * FROM ${ident(t.name)}`).raw(true).all() as unknown[][];
  return out;
}

/** `n` of table `t`. */
export function count(db: DB, t: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${ident(t)}`).get() as { n: number }).n;
}

/**
 * Overwrites one page in the middle of a closed database file with garbage (page size from the header).
 * @returns the 1-based page number overwritten
 */
export function corruptMiddlePage(file: string): number {
  const buf = fs.readFileSync(file);
  const raw = buf.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = Math.floor(buf.length / pageSize);
  const page = Math.max(2, Math.floor(pages / 2));
  const garbage = Buffer.alloc(pageSize);
  for (let i = 0; i < pageSize; i++) garbage[i] = (i * 131 + 7) & 0xff;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, garbage, 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
  return page;
}

/**
 * Data-folder contexts for tests that run the import both in the worker thread (`importWorker`) and on the calling
 * thread: `open(true)` / `open(false)` makes one in a fresh folder; every one is closed after the file's tests
 * (registers an `afterAll` in the calling suite).
 */
export function importContexts(): (worker: boolean) => Promise<TestCtx> {
  const contexts: TestCtx[] = [];
  afterAll(() => contexts.forEach((c) => c.db.open && c.db.close()));
  return async (worker) => {
    const ctx = Object.assign(await folderContext(tmpDir()), worker ? { importWorker: true } : {});
    contexts.push(ctx);
    return ctx;
  };
}
