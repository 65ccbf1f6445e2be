/**
 * Runs a submission package's build (build.ts) in a worker thread (worker.ts), as the import runs its jobs
 * (db/import/run-in-worker.ts) and the HEIC preview its decodes: the host's thread only relays progress; the worker writes
 * the finished zip to a file (downloads.ts), so it keeps answering every other request (clients.list, the register) while a package of many
 * large images is built. Jobs are kept per service context by the page's job id, for `attachments.packageProgress`
 * and `attachments.packageCancel`; cancel terminates the worker (nothing is written anywhere: the build only reads).
 * The worker has a heap limit; running out of it fails the call with package_too_large instead of taking the app down.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { fromWire, type WireError } from '../import/worker-protocol';
import type { ServiceContext } from '../service/context';
import { catalogue, type BuildProgress, type PackagePlan } from './build';
import { newPackagePath } from './downloads';
import { workerScript } from '../worker-script';

/** A package job as `attachments.packageProgress` reports it. */
export interface PackageProgress extends BuildProgress { state: 'building' | 'done' | 'cancelled' | 'failed' | 'unknown' }

interface PackageJob { progress: PackageProgress; cancel: (() => void) | null }

const jobsOf = new WeakMap<ServiceContext, Map<string, PackageJob>>();
/** Finished jobs are forgotten after this long (a poll after the end still sees the outcome). */
const KEEP_DONE_MS = 60_000;

/** How many package builds run at once per process; more wait their turn (each holds a package's files in memory). */
const MAX_BUILDS = 1;
let running = 0;
const waiting: (() => void)[] = [];

/** The error a cancelled build's call fails with (BAD_FILE package_cancelled, details.cancelled). */
export const packageCancelledError = () => AppError.of('BAD_FILE', msg('package_cancelled'), { cancelled: true });

/**
 * Builds `plan`'s zip in a worker thread under job `jobId` of `ctx` (null: not registered, so neither polled nor
 * cancellable), written to a new file of the packages folder (downloads.ts `newPackagePath`; removed when the build
 * fails or is cancelled). Resolves to the package's id, file and size in bytes (not yet registered for download).
 * @throws AppError NOT_FOUND / BAD_FILE (a stored file missing or altered), package_cancelled after a cancel,
 *   package_too_large when the worker runs out of memory; a plain Error when the worker dies otherwise
 */
export async function buildPackageInWorker(ctx: ServiceContext, jobId: string | null, plan: PackagePlan): Promise<{ id: string; file: string; size: number }> {
  let jobs = jobsOf.get(ctx);
  if (!jobs) jobsOf.set(ctx, (jobs = new Map()));
  const job: PackageJob = { progress: { state: 'building', done: 0, total: plan.entries.length + 2 }, cancel: null };
  if (jobId) jobs.set(jobId, job);
  const finish = (state: PackageProgress['state']) => {
    job.progress = { ...job.progress, state };
    job.cancel = null;
    if (jobId) setTimeout(() => jobs.get(jobId) === job && jobs.delete(jobId), KEEP_DONE_MS).unref();
  };
  let cancelledWhileWaiting = false; // cancelled before the worker started (waiting its turn, drawing the catalogue)
  job.cancel = () => { cancelledWhileWaiting = true; };
  if (running >= MAX_BUILDS) await new Promise<void>((r) => waiting.push(r));
  running++;
  let out: { id: string; file: string } | null = null;
  try {
    if (cancelledWhileWaiting) throw packageCancelledError();
    // 材料目录.pdf (a page or two of text) is drawn on this thread, where the CJK font is read as for every other PDF
    // of the host (inside the packaged app's asar); the heavy part — reading, merging, zipping the files — is the worker's.
    if (!plan.catalogueBytes) {
      plan = { ...plan, catalogueBytes: await catalogue(plan.clientName, plan.today, plan.rows, plan.missing) };
      job.progress = { ...job.progress, done: 1 };
    }
    if (cancelledWhileWaiting) throw packageCancelledError();
    out = newPackagePath(plan.dataDir);
    const outFile = out.file;
    const size = await new Promise<number>((resolve, reject) => {
      const { file, execArgv } = workerScript('package-worker', import.meta.dirname, 'worker.ts');
      const worker = new Worker(file, {
        execArgv, workerData: { ...plan, outFile }, resourceLimits: { maxOldGenerationSizeMb: 2048 },
      });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        job.cancel = null;
        void worker.terminate();
        fn();
      };
      job.cancel = () => settle(() => reject(packageCancelledError()));
      worker.on('message', (m: { type: 'progress'; done: number; total: number } | { type: 'done'; size: number } | { type: 'error'; error: WireError }) => {
        if (m.type === 'progress') job.progress = { state: 'building', done: m.done, total: m.total };
        else if (m.type === 'done') settle(() => resolve(m.size));
        else settle(() => reject(fromWire(m.error)));
      });
      worker.on('error', (e: Error & { code?: string }) => settle(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? AppError.of('BAD_FILE', msg('package_too_large')) : e)));
      worker.on('exit', (code) => settle(() => reject(new Error(`package worker exited (${code})`))));
    });
    finish('done');
    return { ...out, size };
  } catch (e) {
    if (out) fs.rmSync(out.file, { force: true }); // a cancelled or failed build leaves no file (terminated mid-write too)
    finish(e instanceof AppError && e.details?.cancelled ? 'cancelled' : 'failed');
    throw e;
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** The progress of package job `jobId` of `ctx`, or state 'unknown'. */
export function packageProgress(ctx: ServiceContext, jobId: string): PackageProgress {
  return jobsOf.get(ctx)?.get(jobId)?.progress ?? { state: 'unknown', done: 0, total: 0 };
}

/** Cancels package job `jobId` of `ctx` while it is waiting or building; false when there is none or it has ended. */
export function cancelPackage(ctx: ServiceContext, jobId: string): boolean {
  const job = jobsOf.get(ctx)?.get(jobId);
  if (!job?.cancel) return false;
  job.cancel();
  return true;
}
