/**
 * Client-spreadsheet import (客户台账导入): preview what a file would do, then commit it all-or-nothing. In the hosts
 * (`ctx.importWorker` and a database file) the whole job runs in a worker thread with its own connection
 * (db/import/run-in-worker.ts): reading the file (读取), checking the rows against the database (检查) and the
 * commit's one write transaction (写入), with progress (`import.progress`) and cancel (`import.cancel`, until the
 * write starts) per job id; this thread keeps answering the register meanwhile. Without a worker (tests, an
 * in-memory database) the same steps (db/import/commit.ts) run on the calling thread.
 */
import crypto from 'node:crypto';
import v8 from 'node:v8';
import type { ImportPreview, Out, Parsed } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { analyzeSheet, previewOf, resolveMapping, type SheetAnalysis } from '../import/analyze';
import { prepareImport, writeImport } from '../import/commit';
import { cancelJob, endJob, jobProgress, startJob, throwIfCancelled, type Job } from '../import/jobs';
import { isBlankRow, readTable, type RawTable } from '../import/read-table';
import { runInWorker } from '../import/run-in-worker';
import type { WorkerTask } from '../import/worker-protocol';
import { trackRunning, type ServiceContext } from './context';

/**
 * The last spreadsheet read on each connection, by a hash of its name and bytes, as v8-serialised bytes (a worker
 * sends them; this thread never parses them): a preview, a re-preview with another mapping and the commit all send
 * the same file, and reading a 20,000-row xlsx takes seconds. With it, the last analysis of that sheet (v8-serialised
 * SheetAnalysis, db/import/analyze.ts): a commit with the preview's mapping reuses it and only checks the register
 * again.
 */
const lastTable = new WeakMap<ServiceContext['db'], { key: string; table: Uint8Array; analysis: Uint8Array | null }>();

/** The file's bytes from base64; an empty result is BAD_FILE. */
function decode(dataBase64: string): Buffer {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (!bytes.length) throw AppError.of('BAD_FILE', msg('file_empty'));
  return bytes;
}

/** What a preview or commit asks for, besides the file. */
type Options = Pick<WorkerTask, 'mapping' | 'ignore' | 'force'>;

/**
 * Runs one preview / commit: in a worker when the host asked for one (`ctx.importWorker`) — reading, checking and
 * writing there when the database is a file, reading only for an in-memory one — else on this thread. The read table
 * is kept in {@link lastTable}.
 */
async function runJob(ctx: ServiceContext, task: 'preview' | 'commit', fileName: string, dataBase64: string, opts: Options, jobId: string | null) {
  const job = startJob(ctx, jobId);
  try {
    return await trackRunning(ctx, 'import', async () => {
      const bytes = decode(dataBase64);
      const key = crypto.createHash('sha256').update(fileName).update('\0').update(bytes).digest('hex');
      const hit = lastTable.get(ctx.db);
      const cached = hit?.key === key ? hit : null;
      const db = ctx.db;
      // A new table drops the old analysis; a new analysis of the same table replaces the one kept.
      const remember = (table: Uint8Array | null, analysis: Uint8Array | null) => {
        const entry = lastTable.get(db);
        if (table) lastTable.set(db, { key, table, analysis });
        else if (analysis && entry?.key === key) entry.analysis = analysis;
      };
      const file = ctx.dbPath && ctx.dbPath !== ':memory:' ? ctx.dbPath : null;
      if (ctx.importWorker && file) {
        const r = await runInWorker<ImportPreview | Out<'import.commit'>>(
          { task, fileName, bytes: cached ? null : new Uint8Array(bytes), table: cached?.table ?? null, analysis: cached?.analysis ?? null, dbPath: file, ...opts }, job, ctx.now);
        remember(r.table, r.analysis);
        return r.value;
      }
      let table: RawTable;
      if (cached) table = v8.deserialize(cached.table) as RawTable;
      else if (ctx.importWorker) {
        const r = await runInWorker<null>({ task: 'read', fileName, bytes: new Uint8Array(bytes), table: null, analysis: null, dbPath: null, ...opts }, job, ctx.now);
        remember(r.table, null);
        table = v8.deserialize(r.table!) as RawTable;
      } else {
        table = await readTable(fileName, bytes, (p) => (job.progress = { ...job.progress, ...p }));
        remember(new Uint8Array(v8.serialize(table)), null);
      }
      throwIfCancelled(job);
      inThread(job, 'checking', Math.max(0, table.rows.filter((r) => !isBlankRow(r)).length - 1));
      const resolved = resolveMapping(ctx, table, opts.mapping, opts.ignore);
      const reuse = cached?.analysis ? (v8.deserialize(cached.analysis) as SheetAnalysis) : null;
      const sheet = analyzeSheet(table, resolved, reuse);
      if (sheet !== reuse) remember(null, new Uint8Array(v8.serialize(sheet)));
      const preview = previewOf(ctx, table, resolved, sheet, fileName);
      if (task === 'preview') return preview;
      const prepared = prepareImport(table, preview, opts.force);
      throwIfCancelled(job);
      inThread(job, 'writing', prepared.ready.length);
      return writeImport(ctx, prepared);
    });
  } finally {
    endJob(jobId, job);
  }
}

/** Sets the state of a job run on this thread (no cancel from here on: this thread does not answer meanwhile). */
function inThread(job: Job, state: 'checking' | 'writing', rows: number): void {
  job.progress = { ...job.progress, state, rows };
}

/**
 * Reads and analyses an uploaded spreadsheet without writing anything.
 *
 * @param input `{ fileName, dataBase64, mapping, ignore, jobId }`; mapping null = remembered for this header set, else
 *   suggested from the headings; jobId (optional) names the run for import.progress / import.cancel
 * @returns the preview: every column with its destination, one row per data row with its outcome (import / flagged /
 *   duplicate), flags, coded reasons and 其他信息 values
 * @throws AppError('BAD_FILE') for unreadable files (coded, see readTable), a missing company-name column, no data
 *   rows, more than 50,000 data rows, or import_cancelled
 */
export async function previewImport(ctx: ServiceContext, input: Parsed<'import.preview'>): Promise<Out<'import.preview'>> {
  return (await runJob(ctx, 'preview', input.fileName, input.dataBase64, { mapping: input.mapping, ignore: input.ignore ?? null, force: [] }, input.jobId ?? null)) as ImportPreview;
}

/**
 * Imports a spreadsheet: analyses it with `input.mapping` / `input.ignore` (reusing the preview's analysis of the
 * same file when made with the same mapping and ignored columns) and checks every row against the register again
 * (it may have changed since the preview: a client saved meanwhile makes its row a duplicate), then in ONE IMMEDIATE transaction creates a client (with checklist, 'client.import' and 'stage'
 * events and its 其他信息) for every 'import' row and for every flagged row listed in `input.force` that may be forced,
 * and remembers the mapping for this header set (db/import/commit.ts). In the hosts all of it runs in the import
 * worker on its own connection; the write lock is held only while the prepared rows are inserted.
 *
 * @returns how many were imported, how many values went to 其他信息, their ids (sheet order) and every row not
 *   imported with its reasons
 * @throws AppError('BAD_FILE') as {@link previewImport}; any error while inserting (coded import_row_failed with the
 *   sheet row) rolls the whole import back, so nothing is written; a cancel before the writing starts writes nothing
 */
export async function commitImport(ctx: ServiceContext, input: Parsed<'import.commit'>): Promise<Out<'import.commit'>> {
  return (await runJob(ctx, 'commit', input.fileName, input.dataBase64, { mapping: input.mapping, ignore: input.ignore ?? [], force: input.force }, input.jobId ?? null)) as Out<'import.commit'>;
}

/** import.progress: how far the named run got. */
export function importProgress(ctx: ServiceContext, input: Parsed<'import.progress'>): Out<'import.progress'> {
  return jobProgress(ctx, input.jobId);
}

/** import.cancel: stops the named run while it reads or checks (nothing has been written then). */
export function importCancel(ctx: ServiceContext, input: Parsed<'import.cancel'>): Out<'import.cancel'> {
  return { cancelled: cancelJob(ctx, input.jobId) };
}
