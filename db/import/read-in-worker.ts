/**
 * Runs {@link readTable} in a worker thread (read-worker.ts) so the thread that answers the UI stays free while a
 * large workbook is parsed, with progress per job id and cancel (the worker is terminated; nothing was written, since
 * reading never touches the database). The worker has a heap limit: a zip bomb that lies about its sizes ends the
 * worker with file_too_big_expanded instead of taking the app down.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, type ErrorPayload } from '../../shared/errors';
import { msg, type Message } from '../../shared/messages';
import { MAX_UNPACKED_BYTES } from './zip-check';
import type { RawTable, ReadProgress } from './read-table';

/** A job's state as import.progress reports it. */
export interface JobProgress extends ReadProgress {
  state: 'reading' | 'writing' | 'done' | 'unknown';
}

interface Job {
  progress: JobProgress;
  cancel: (() => void) | null;
  cancelled: boolean;
}

const jobs = new Map<string, Job>();
/** Finished jobs are forgotten after this long (progress polls after the end still see 'done'). */
const KEEP_DONE_MS = 60_000;

/**
 * The worker script: the bundled `import-worker.cjs` next to this code (dist/electron, unpacked from the asar), else
 * the TypeScript source run through tsx (tests); `ICPDESK_IMPORT_WORKER` names a bundled one (the benchmark).
 */
function workerScript(): { file: string; execArgv: string[] } {
  const override = process.env.ICPDESK_IMPORT_WORKER; // a bundled worker for the benchmark (bench/big-import-cases.ts)
  if (override && fs.existsSync(override)) return { file: override, execArgv: [] };
  const dir = import.meta.dirname;
  const built = path.join(dir, 'import-worker.cjs').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  if (fs.existsSync(built)) return { file: built, execArgv: [] };
  return { file: path.join(dir, 'read-worker.ts'), execArgv: ['--import', 'tsx'] };
}

/** Registers a job (or returns the existing one) so progress and cancel find it. */
export function startJob(jobId: string | null): Job {
  const job: Job = { progress: { state: 'reading', bytesRead: 0, totalBytes: 0, rows: 0 }, cancel: null, cancelled: false };
  if (jobId) jobs.set(jobId, job);
  return job;
}

/** Marks a job finished (kept a minute for late progress polls). */
export function endJob(jobId: string | null): void {
  if (!jobId) return;
  const job = jobs.get(jobId);
  if (!job) return;
  job.progress = { ...job.progress, state: 'done' };
  job.cancel = null;
  setTimeout(() => jobs.get(jobId) === job && jobs.delete(jobId), KEEP_DONE_MS).unref();
}

/** The progress of `jobId`, or state 'unknown'. */
export function jobProgress(jobId: string): JobProgress {
  return jobs.get(jobId)?.progress ?? { state: 'unknown', bytesRead: 0, totalBytes: 0, rows: 0 };
}

/** Sets a job's state (e.g. 'writing' once the commit starts inserting; a write can no longer be cancelled). */
export function setJobState(jobId: string | null, state: JobProgress['state']): void {
  const job = jobId ? jobs.get(jobId) : undefined;
  if (job) job.progress = { ...job.progress, state };
}

/** Cancels a reading job: its worker is terminated and its call fails with import_cancelled. @returns false if it was not reading */
export function cancelJob(jobId: string): boolean {
  const job = jobs.get(jobId);
  if (!job || job.progress.state !== 'reading') return false;
  job.cancelled = true;
  job.cancel?.();
  return true;
}

/** Throws import_cancelled if the job was cancelled. */
export function throwIfCancelled(job: Job): void {
  if (job.cancelled) throw AppError.of('BAD_FILE', msg('import_cancelled'), { cancelled: true });
}

/**
 * Reads `bytes` in a worker thread.
 * @returns the table, as readTable would
 * @throws the worker's AppError (same codes as readTable), import_cancelled after {@link cancelJob},
 *   file_too_big_expanded when the worker runs out of memory
 */
export function readTableInWorker(fileName: string, bytes: Buffer, job: Job): Promise<RawTable> {
  throwIfCancelled(job);
  const { file, execArgv } = workerScript();
  return new Promise<RawTable>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      job.cancel = null;
      fn();
    };
    const worker = new Worker(file, {
      execArgv,
      workerData: { fileName, bytes: new Uint8Array(bytes) },
      resourceLimits: { maxOldGenerationSizeMb: 1536 },
    });
    job.progress = { ...job.progress, totalBytes: bytes.length };
    job.cancel = () => {
      void worker.terminate();
      settle(() => reject(AppError.of('BAD_FILE', msg('import_cancelled'), { cancelled: true })));
    };
    worker.on('message', (m: { type: string; table?: RawTable; error?: { code: ErrorCode; msg: Message; details?: ErrorPayload['details'] }; bytesRead?: number; totalBytes?: number; rows?: number }) => {
      if (m.type === 'progress') job.progress = { ...job.progress, bytesRead: m.bytesRead ?? 0, totalBytes: m.totalBytes ?? 0, rows: m.rows ?? 0 };
      else if (m.type === 'done') settle(() => resolve(m.table!));
      else if (m.type === 'error') settle(() => reject(new AppError(m.error!.code, m.error!.msg, m.error!.details)));
      if (m.type !== 'progress') void worker.terminate();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const bomb = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(() => reject(bomb ? AppError.of('BAD_FILE', msg('file_too_big_expanded', { limitMb: MAX_UNPACKED_BYTES / 1024 / 1024 })) : AppError.of('BAD_FILE', msg('file_corrupt'))));
    });
    worker.on('exit', () => settle(() => reject(AppError.of('BAD_FILE', msg('file_corrupt')))));
  });
}
