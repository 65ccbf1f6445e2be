/**
 * Import jobs by id (import.progress / import.cancel): where a preview or commit is (读取 reading → 检查 checking →
 * 写入 writing → done) and how to stop it. A job can be cancelled while it reads or checks (nothing has been written
 * then); once it writes, the write runs to its end (one short transaction, all or nothing).
 */
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import type { ReadProgress } from './read-table';
import type { ServiceContext } from '../service/context';

/** A job's state as import.progress reports it (`rows`: non-blank rows read so far, then the rows being checked). */
export interface JobProgress extends ReadProgress {
  state: 'reading' | 'checking' | 'writing' | 'done' | 'unknown';
}

/** One running preview or commit. `cancel` stops its worker (set while one runs); `owner`: its context's jobs. */
export interface Job {
  progress: JobProgress;
  cancel: (() => void) | null;
  cancelled: boolean;
  owner: JobRegistry;
}

/**
 * The import jobs of one service context (one data folder's connection): by id, and the write transactions of its
 * import workers in flight (each settles when its worker's write has ended). Kept per context, not per process, so a
 * host closing its context stops only its own jobs, a job id names a job of that context only, and an import writing
 * into one database never holds back the calls of another (tests and a restore may hold several contexts at once).
 */
export interface JobRegistry {
  jobs: Map<string, Job>;
  writes: Set<Promise<void>>;
}

const registries = new WeakMap<ServiceContext, JobRegistry>();

/** The job registry of `ctx` (made on first use). */
function registryOf(ctx: ServiceContext): JobRegistry {
  let r = registries.get(ctx);
  if (!r) registries.set(ctx, (r = { jobs: new Map(), writes: new Set() }));
  return r;
}

/**
 * Registers the write of `job`'s worker (from the go-ahead until the worker answers or dies). While one runs, dispatch
 * holds back the calls on the same context that may write ({@link importWriteEnded}), so they wait without blocking
 * this thread.
 * @returns the function that marks the write ended
 */
export function beginImportWrite(job: Job): () => void {
  const { writes } = job.owner;
  let end!: () => void;
  const p = new Promise<void>((r) => (end = r));
  writes.add(p);
  return () => {
    writes.delete(p);
    end();
  };
}

/** A promise that settles when every import write in flight on `ctx` has ended, or null when none runs. */
export function importWriteEnded(ctx: ServiceContext): Promise<void> | null {
  const writes = registries.get(ctx)?.writes;
  return writes?.size ? Promise.all([...writes]).then(() => undefined) : null;
}
/** Finished jobs are forgotten after this long (progress polls after the end still see 'done'). */
const KEEP_DONE_MS = 60_000;

/**
 * Registers a job of `ctx` (replacing an earlier one of the same id there) so progress and cancel on `ctx` find it; a
 * null id is not registered.
 */
export function startJob(ctx: ServiceContext, jobId: string | null): Job {
  const owner = registryOf(ctx);
  const job: Job = { progress: { state: 'reading', bytesRead: 0, totalBytes: 0, rows: 0 }, cancel: null, cancelled: false, owner };
  if (jobId) owner.jobs.set(jobId, job);
  return job;
}

/** Marks a job finished (kept a minute for late progress polls). */
export function endJob(jobId: string | null, job: Job): void {
  job.progress = { ...job.progress, state: 'done' };
  job.cancel = null;
  const { jobs } = job.owner;
  if (jobId) setTimeout(() => jobs.get(jobId) === job && jobs.delete(jobId), KEEP_DONE_MS).unref();
}

/** The progress of the job `jobId` of `ctx`, or state 'unknown'. */
export function jobProgress(ctx: ServiceContext, jobId: string): JobProgress {
  return registries.get(ctx)?.jobs.get(jobId)?.progress ?? { state: 'unknown', bytesRead: 0, totalBytes: 0, rows: 0 };
}

/** True while `job` may still be cancelled (reading or checking: nothing written yet). */
export function cancellable(job: Job): boolean {
  return job.progress.state === 'reading' || job.progress.state === 'checking';
}

/**
 * Cancels a job of `ctx` that is reading or checking: its worker is terminated and its call fails with import_cancelled.
 * @returns false if `ctx` has no such job or it is already writing or done
 */
export function cancelJob(ctx: ServiceContext, jobId: string): boolean {
  const job = registries.get(ctx)?.jobs.get(jobId);
  if (!job || !cancellable(job)) return false;
  job.cancelled = true;
  job.cancel?.();
  return true;
}

/** Stops the worker of every running job of `ctx` (the host is closing its database); each call fails with import_cancelled. */
export function stopAllJobs(ctx: ServiceContext): void {
  for (const job of registries.get(ctx)?.jobs.values() ?? []) {
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
