/**
 * Import jobs by id (import.progress / import.cancel): where a preview or commit is (读取 reading → 检查 checking →
 * 写入 writing → done) and how to stop it. A job can be cancelled while it reads or checks (nothing has been written
 * then); once it writes, the write runs to its end (one short transaction, all or nothing).
 */
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import type { ReadProgress } from './read-table';

/** A job's state as import.progress reports it (`rows`: non-blank rows read so far, then the rows being checked). */
export interface JobProgress extends ReadProgress {
  state: 'reading' | 'checking' | 'writing' | 'done' | 'unknown';
}

/** One running preview or commit. `cancel` stops its worker (set while one runs). */
export interface Job {
  progress: JobProgress;
  cancel: (() => void) | null;
  cancelled: boolean;
}

const jobs = new Map<string, Job>();
/** The write transactions of import workers in flight: each settles when its worker's write has ended. */
const writes = new Set<Promise<void>>();

/**
 * Registers a worker's write (from the go-ahead until the worker answers or dies). While one runs, dispatch holds
 * back the calls that may write ({@link importWriteEnded}), so they wait without blocking this thread.
 * @returns the function that marks the write ended
 */
export function beginImportWrite(): () => void {
  let end!: () => void;
  const p = new Promise<void>((r) => (end = r));
  writes.add(p);
  return () => {
    writes.delete(p);
    end();
  };
}

/** A promise that settles when every import write in flight has ended, or null when none runs. */
export function importWriteEnded(): Promise<void> | null {
  return writes.size ? Promise.all([...writes]).then(() => undefined) : null;
}
/** Finished jobs are forgotten after this long (progress polls after the end still see 'done'). */
const KEEP_DONE_MS = 60_000;

/** Registers a job (replacing an earlier one of the same id) so progress and cancel find it; a null id is not registered. */
export function startJob(jobId: string | null): Job {
  const job: Job = { progress: { state: 'reading', bytesRead: 0, totalBytes: 0, rows: 0 }, cancel: null, cancelled: false };
  if (jobId) jobs.set(jobId, job);
  return job;
}

/** Marks a job finished (kept a minute for late progress polls). */
export function endJob(jobId: string | null, job: Job): void {
  job.progress = { ...job.progress, state: 'done' };
  job.cancel = null;
  if (jobId) setTimeout(() => jobs.get(jobId) === job && jobs.delete(jobId), KEEP_DONE_MS).unref();
}

/** The progress of `jobId`, or state 'unknown'. */
export function jobProgress(jobId: string): JobProgress {
  return jobs.get(jobId)?.progress ?? { state: 'unknown', bytesRead: 0, totalBytes: 0, rows: 0 };
}

/** True while `job` may still be cancelled (reading or checking: nothing written yet). */
export function cancellable(job: Job): boolean {
  return job.progress.state === 'reading' || job.progress.state === 'checking';
}

/**
 * Cancels a job that is reading or checking: its worker is terminated and its call fails with import_cancelled.
 * @returns false if there is no such job or it is already writing or done
 */
export function cancelJob(jobId: string): boolean {
  const job = jobs.get(jobId);
  if (!job || !cancellable(job)) return false;
  job.cancelled = true;
  job.cancel?.();
  return true;
}

/** Stops every running job's worker (the host is closing its database); each call fails with import_cancelled. */
export function stopAllJobs(): void {
  for (const job of jobs.values()) {
    job.cancelled = true;
    job.cancel?.();
  }
}

/** The error a cancelled job's call fails with (BAD_FILE import_cancelled, details.cancelled). */
export function cancelledError(): AppError {
  return AppError.of('BAD_FILE', msg('import_cancelled'), { cancelled: true });
}

/** Throws import_cancelled if the job was cancelled. */
export function throwIfCancelled(job: Job): void {
  if (job.cancelled) throw cancelledError();
}
