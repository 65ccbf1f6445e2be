/**
 * The big-import cases' host process (bench/big-import-cases.ts forks it, bundled like the app's host): opens the
 * benchmark's data folder as the hosts do (electron/host-context.ts `openHostContext`: folder lock, migrations
 * checked, import in a worker thread) and drives the imports through `dispatch` with the file's base64 as the renderer
 * sends it, so the RSS the parent samples is a host's — this process holds no generated register and no workbook
 * but the one it imports. Protocol (child_process IPC): the parent sends a {@link HostJob}; before each measured call
 * this process sends `{ type: 'phase', name }` and waits for `{ type: 'ack' }` (so the parent's sampling is attributed
 * to that call), then `{ type: 'phase', name: null }` after it; finally `{ type: 'done', results }` or
 * `{ type: 'failed', error }`.
 */
import fs from 'node:fs';
import os from 'node:os';
import { dispatch } from '../db/dispatch';
import type { ServiceContext } from '../db/service/context';
import type { ImportPreview } from '../shared/contract';
import { lastWriteTimings } from '../db/import/run-in-worker';
import { BULK_REPLACED_TRIGGERS } from '../db/import/bulk-insert';
import type { DB } from '../db/open';
import { withTriggersSuspended } from '../db/triggers';
import { writeTransaction } from '../db/tx';
import { STORED_KIND_SQL_0190 } from '../db/migrations/0190-compact-codes';
import { closeHostContext, openHostContext } from '../electron/host-context';
import type { CaseResult } from './service-cases';
import { summarize } from './stats';

/** What the parent asks for: the data folder, the two workbooks (files it wrote) and the bench's fixed instant. */
export interface HostJob {
  type: 'job';
  dataDir: string;
  now: string;
  styled: { file: string; rowsTo: number } | null;
  big: { file: string; rows: number } | null;
}

/** Child → parent messages. */
export type HostMessage =
  | { type: 'phase'; name: string | null }
  | { type: 'done'; results: CaseResult[] }
  | { type: 'failed'; error: string };

const send = (m: HostMessage) => new Promise<void>((resolve, reject) => process.send!(m, (e: Error | null) => (e ? reject(e) : resolve())));

/** Tells the parent a measured call starts (`name`) or ended (null); resolves once the parent has taken note. */
function phase(name: string | null): Promise<void> {
  return new Promise((resolve) => {
    const onAck = (m: { type?: string }) => {
      if (m?.type !== 'ack') return;
      process.off('message', onAck);
      resolve();
    };
    process.on('message', onAck);
    void send({ type: 'phase', name });
  });
}

/** The file as the renderer sends it to import.preview / import.commit (base64 of the bytes). */
function fileOf(file: string, fileName: string): { fileName: string; dataBase64: string } {
  return { fileName, dataBase64: fs.readFileSync(file).toString('base64') };
}

/**
 * The floor for the import's write on this machine at this moment: `n` minimal client rows, their 17-item checklists
 * and two events each, inserted by three INSERT…SELECT statements in one IMMEDIATE transaction with the per-row
 * triggers off (no sort keys, no search index, no checks), then rolled back. @returns the time in ms
 */
function bareWrite(db: DB, n: number): number {
  const t = performance.now();
  try {
    writeTransaction(db, () => withTriggersSuspended(db, Object.values(BULK_REPLACED_TRIGGERS).flat(), () => {
      const base = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM clients').get() as { m: number }).m;
      db.prepare(`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?)
        INSERT INTO clients (name, uscc, city, stage, materials_total, search_text, created_at, updated_at)
        SELECT '山西测试科技有限公司' || i || '号', 'BARE' || i, '太原市', 'consultation', 17, '', 'x', 'x' FROM s`).run(n);
      db.prepare(`INSERT INTO materials (client_id, item_key, group_key, title, hint, sort, updated_ms)
        SELECT c.id, t.key, t.group_key, t.title, t.hint, t.sort, 'x' FROM clients c CROSS JOIN material_template t WHERE c.id > ? AND t.retired = 0`).run(base);
      db.prepare(`INSERT INTO events (client_id, at, on_code, kind_code, new_code) SELECT c.id, 'x', 'x', ${STORED_KIND_SQL_0190('k.kind')}, c.name
        FROM clients c CROSS JOIN (SELECT 'client.import' AS kind UNION ALL SELECT 'stage') k WHERE c.id > ?`).run(base);
      throw new Error('rollback');
    }));
  } catch (e) {
    if (!(e instanceof Error && e.message === 'rollback')) throw e;
  }
  return performance.now() - t;
}

/**
 * Calls clients.list every 20 ms until `done` settles; latency of each call from its scheduled time, and per job state
 * of `jobId` (import.progress read just before the call).
 */
async function listDuring(ctx: ServiceContext, done: Promise<unknown>, jobIds: () => string): Promise<{ all: number[]; byState: Map<string, number[]> }> {
  const lat: number[] = [];
  const byState = new Map<string, number[]>();
  let finished = false;
  void done.finally(() => (finished = true));
  let next = performance.now();
  while (!finished) {
    const scheduled = next;
    await new Promise((r) => setTimeout(r, Math.max(0, scheduled - performance.now())));
    if (finished) break;
    const p = await dispatch(ctx, 'import.progress', { jobId: jobIds() });
    const state = p.ok ? (p.value as { state: string }).state : '?';
    const r = await dispatch(ctx, 'clients.list', { q: '', sort: 'name', limit: 100 });
    if (!r.ok) throw new Error(`clients.list: ${r.error.message}`);
    const ms = performance.now() - scheduled;
    lat.push(ms);
    byState.set(state, [...(byState.get(state) ?? []), ms]);
    next = Math.max(scheduled + 20, performance.now());
  }
  return { all: lat, byState };
}

/** Once job `jobId` reports 写入, adds a note through the UI thread's connection and times it (then removes it). */
async function saveDuringWrite(ctx: ServiceContext, jobId: string, done: Promise<unknown>): Promise<{ ms: number; error: string | null } | null> {
  let finished = false;
  void done.finally(() => (finished = true));
  const clientId = (ctx.db.prepare('SELECT min(id) AS id FROM clients').get() as { id: number }).id;
  while (!finished) {
    const p = await dispatch(ctx, 'import.progress', { jobId });
    if (p.ok && (p.value as { state: string }).state === 'writing') {
      const t = performance.now();
      const r = await dispatch(ctx, 'notes.create', { clientId, date: '2026-11-27', body: '导入期间保存的进度' });
      const ms = performance.now() - t;
      if (!r.ok) return { ms, error: `${r.error.code} ${r.error.message}` };
      await dispatch(ctx, 'notes.remove', { id: (r.value as { id: number }).id });
      return { ms, error: null };
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return null;
}

/** Runs the cases on `ctx` (the host's context); the parent adds the RSS it sampled to each case's note. */
async function runCases(ctx: ServiceContext, job: HostJob): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  if (job.styled) {
    const styledTo = job.styled.rowsTo;
    try {
      const size = fs.statSync(job.styled.file).size;
      let file: { fileName: string; dataBase64: string } | null = null;
      await phase('styled');
      file = fileOf(job.styled.file, 'styled.xlsx');
      const t = performance.now();
      const r = await dispatch(ctx, 'import.preview', { ...file, jobId: 'bench-styled' });
      const ms = performance.now() - t;
      file = null;
      await phase(null);
      if (!r.ok) throw new Error(r.error.message);
      const rows = (r.value as ImportPreview).summary.total;
      out.push({
        group: 'import', name: `import: preview, 50 clients styled to row ${styledTo.toLocaleString('en')} (${(size / 1e6).toFixed(1)} MB)`,
        service: summarize([ms]), bare: null, target: { p95Ms: 5000 },
        note: `${rows} rows found; load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`,
      });
    } catch (e) {
      out.push({ group: 'import', name: 'import: styled workbook', service: null, bare: null, skipped: String(e) });
    }
  }
  if (!job.big) return out;
  const n = job.big.rows;
  const maxBefore = (ctx.db.prepare('SELECT coalesce(max(id), 0) AS m FROM clients').get() as { m: number }).m;
  try {
    const bigFile = job.big.file;
    await phase('big');
    const t0 = performance.now();
    let jobId = 'bench-big';
    // The commit's promise, boxed (a promise resolved with a promise would adopt its value).
    let commitStarted: (box: { p: Promise<unknown> }) => void = () => {};
    const commitPromise = new Promise<{ p: Promise<unknown> }>((r) => (commitStarted = r));
    const job2 = (async () => {
      // Each call carries the file as the renderer sends it; the string is dropped once the call answers.
      // Only the mapping is kept from the preview (a host drops the answer once sent to the renderer).
      const mapping = await (async () => {
        const p = await dispatch(ctx, 'import.preview', { ...fileOf(bigFile, `客户台账-${n}.xlsx`), jobId });
        if (!p.ok) throw new Error(p.error.message);
        return (p.value as ImportPreview).mapping;
      })();
      const tp = performance.now() - t0;
      await phase('big-commit'); // the parent splits the host's peak RSS into the preview's and the commit's
      jobId = 'bench-big-commit';
      const cp = dispatch(ctx, 'import.commit', { ...fileOf(bigFile, `客户台账-${n}.xlsx`), mapping, jobId });
      commitStarted({ p: cp });
      const c = await cp;
      if (!c.ok) throw new Error(c.error.message);
      return { tp, total: performance.now() - t0, imported: (c.value as { imported: number }).imported };
    })();
    const save = commitPromise.then((box) => saveDuringWrite(ctx, 'bench-big-commit', box.p));
    const lat = await listDuring(ctx, job2, () => jobId);
    const j = await job2;
    const saved = await save;
    await phase(null);
    const w = lastWriteTimings;
    const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
    out.push({ group: 'import', name: `import: preview + commit (${n}-row xlsx)`, service: summarize([j.total]), bare: null, target: { p95Ms: 10_000 }, note: `preview ${(j.tp / 1000).toFixed(1)} s, commit ${((j.total - j.tp) / 1000).toFixed(1)} s; ${j.imported} imported; load ${load}` });
    out.push({ group: 'import', name: 'clients.list while that import runs', service: summarize(lat.all), bare: null, target: { p95Ms: 50 }, note: 'latency from the scheduled call time (blocked time counts)' });
    for (const [state, ms] of lat.byState) {
      out.push({ group: 'import', name: `  clients.list while the job is ${state}`, service: summarize(ms), bare: null, note: `${ms.length} calls` });
    }
    const bare = w ? bareWrite(ctx.db, w.rows) : null;
    out.push({
      group: 'import', name: `import: the commit's write transaction (${w?.rows ?? '?'} clients, write lock held)`, service: w ? summarize([w.writeMs]) : null,
      bare: bare === null ? null : summarize([bare]),
      note: w ? `checked + prepared before the lock in ${(w.checkMs / 1000).toFixed(1)} s; due dates recomputed after it in ${(w.dueDatesMs / 1000).toFixed(1)} s (second transaction); bare = the same clients/checklists/events by plain INSERT…SELECT, rolled back; load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}` : 'not measured',
    });
    out.push({
      group: 'import', name: 'a save (notes.create) started when the job reports 写入', service: saved ? summarize([saved.ms]) : null, bare: null,
      note: saved?.error ? `FAILED: ${saved.error}` : 'held back by dispatch until the import\'s write ends (this thread keeps answering)',
    });
  } catch (e) {
    await phase(null);
    out.push({ group: 'import', name: `import: ${n}-row xlsx with clients.list`, service: null, bare: null, skipped: String(e) });
  } finally {
    ctx.db.prepare('DELETE FROM clients WHERE id > ?').run(maxBefore);
  }
  return out;
}

process.once('message', (job: HostJob) => {
  void (async () => {
    try {
      const now = new Date(job.now);
      const ctx = await openHostContext({ dataDir: job.dataDir, version: 'bench', now: () => now });
      try {
        await send({ type: 'done', results: await runCases(ctx, job) });
      } finally {
        closeHostContext(ctx);
      }
    } catch (e) {
      await send({ type: 'failed', error: e instanceof Error ? e.stack ?? e.message : String(e) });
    }
    process.exit(0);
  })();
});
