/**
 * Import worker-thread entry (bundled as dist/electron/import-worker.cjs): one job per worker (see worker-protocol.ts
 * `WorkerTask`), given as its `workerData` or — for a worker started ahead as a spare (run-in-worker.ts) — as the first
 * message (`TaskMessage`), so the thread's start and the bundle's loading are paid before the job arrives. Reads the
 * file (readTable, progress posted at most every 100 ms) unless a table is given, sends the table back for the UI
 * thread's cache, then — with its own connection to the database (worker-db.ts) — analyses the rows (or reuses the
 * preview's analysis of the same sheet and mapping, sending a new one back for the cache) and checks them against the
 * register (duplicates, 检查) and, for a commit, prepares every row, waits for the UI thread's `go` and writes them in
 * one IMMEDIATE transaction (commit.ts), then brings the due dates of the new clients up to date.
 * Posts `done` with the preview / the commit's answer, or `error`. The connection is closed before `done`.
 */
import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { ServiceContext } from '../service/context';
import { loadExcelJS } from '../lazy-libs';
import { flushDueDates } from '../service/due-dates';
import { analyzeSheet, previewOf, resolveMapping, type SheetAnalysis } from './analyze';
import { prepareImport, writeImport } from './commit';
import { isBlankRow, readTable, type RawTable } from './read-table';
import { openImportConnection } from './worker-db';
import { toWire, type FromWorker, type GoMessage, type TaskMessage, type WorkerTask } from './worker-protocol';

const port = parentPort!;
/** This worker's job (set before run()): its workerData, or the first message for a spare started without one. */
let job!: WorkerTask;
const post = (m: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

/** Reads the file, posting progress; sends the table's bytes back (transferred). */
async function read(): Promise<RawTable> {
  // Each serialised copy is dropped once parsed (the job object lives as long as the worker).
  if (job.table) {
    const table = v8.deserialize(job.table) as RawTable;
    job.table = null;
    return table;
  }
  const bytes = job.bytes!;
  job.bytes = null;
  let last = 0;
  const table = await readTable(job.fileName, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (p) => {
    const now = Date.now();
    if (now - last < 100 && p.bytesRead < p.totalBytes) return;
    last = now;
    post({ type: 'progress', ...p });
  });
  const data = new Uint8Array(v8.serialize(table));
  post({ type: 'table', data }, [data.buffer as ArrayBuffer]);
  return table;
}

/** Waits for the UI thread's go-ahead; resolves with the import's instant. */
function waitForGo(): Promise<Date> {
  return new Promise((resolve) => port.once('message', (m: GoMessage) => resolve(new Date(m.now))));
}

async function run(): Promise<FromWorker & { type: 'done' }> {
  const table = await read();
  if (job.task === 'read' || !job.dbPath) return { type: 'done', value: null };
  post({ type: 'checking', rows: Math.max(0, table.rows.filter((r) => !isBlankRow(r)).length - 1) }); // data rows, about (less the header)
  // The clock: the UI thread's instant when it lets the write start; fixed for the whole (one-transaction) import.
  let now = new Date();
  const db = openImportConnection(job.dbPath);
  try {
    const ctx: ServiceContext = { db, dbPath: job.dbPath, dataDir: '', version: '', now: () => now };
    const tc = performance.now();
    const resolved = resolveMapping(ctx, table, job.mapping, job.ignore);
    const reuse = job.analysis ? (v8.deserialize(job.analysis) as SheetAnalysis) : null;
    job.analysis = null;
    const sheet = analyzeSheet(table, resolved, reuse);
    if (sheet !== reuse) {
      const data = new Uint8Array(v8.serialize(sheet));
      post({ type: 'analysis', data }, [data.buffer as ArrayBuffer]);
    }
    const preview = previewOf(ctx, table, resolved, sheet, job.fileName);
    if (job.task === 'preview') return { type: 'done', value: preview };
    const prepared = prepareImport(table, preview, job.force);
    const checkMs = performance.now() - tc;
    post({ type: 'ready', rows: prepared.ready.length });
    now = await waitForGo();
    const t0 = performance.now();
    const value = writeImport(ctx, prepared);
    const t1 = performance.now();
    // The new clients' due dates (marked by triggers in the import's transaction) are computed here, in a second
    // short transaction, instead of on the UI thread after the call. A failure leaves the marks for the next reader.
    try {
      flushDueDates(ctx);
    } catch {
      /* the UI thread's dispatch recomputes them after the call */
    }
    return { type: 'done', value, timings: { checkMs, writeMs: t1 - t0, dueDatesMs: performance.now() - t1, rows: prepared.ready.length } };
  } finally {
    db.close();
  }
}

/** A spare that has waited this long for its job loads exceljs meanwhile (0.3–0.8 s; a preview of a new file needs it). */
const PRELOAD_AFTER_MS = 1000;

/**
 * The job: workerData, or (a spare) the first message. A spare still waiting after {@link PRELOAD_AFTER_MS} loads
 * exceljs; a job that comes sooner (a commit right after its preview, which needs no exceljs) is not held up by it.
 */
function task(): Promise<WorkerTask> {
  const given = workerData as WorkerTask | null;
  if (given) return Promise.resolve(given);
  // A failure to load shows again, with its reason, when a read needs exceljs.
  const preload = setTimeout(() => void loadExcelJS().catch(() => undefined), PRELOAD_AFTER_MS);
  return new Promise((resolve) => port.once('message', (m: TaskMessage) => {
    clearTimeout(preload);
    resolve(m.task);
  }));
}

task()
  .then((t) => {
    job = t;
    return run();
  })
  .then(post, (e: unknown) => post({ type: 'error', error: toWire(e) }));
