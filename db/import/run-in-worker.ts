/**
 * Runs an import job (read, analyse, write: worker-protocol.ts `WorkerTask`) in a worker thread (worker.ts), so the
 * thread that answers the UI stays free for the whole preview or commit: it only relays progress, keeps the read
 * table's bytes for the next call, and gives the go-ahead to write. Cancel terminates the worker while it reads or
 * checks (nothing written; its connection is closed with the thread). The worker has a heap limit: a zip bomb that
 * lies about its sizes ends the worker with file_too_big_expanded instead of taking the app down.
 *
 * Starting a worker costs about 0.3 s on a quiet machine (1–1.3 s under load): the thread, then reading, compiling and
 * running the 4.6 MB bundle. So every job, when it ends, starts the next job's worker as a spare ({@link takeWorker}): a
 * preview's commit, a re-preview with another mapping or the next file find it loaded and waiting for its task. Not
 * while the job runs: the spare would compete with it for the cores and add its memory to the job's peak. One spare at
 * most, not keeping the process alive, ended after {@link SPARE_IDLE_MS} unused. The first import of a session starts
 * cold.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { redactPersonalData } from '../../shared/redact';
import { beginImportWrite, cancelledError, throwIfCancelled, type Job } from './jobs';
import { fromWire, type FromWorker, type GoMessage, type TaskMessage, type WorkerTask, type WriteTimings } from './worker-protocol';
import { MAX_UNPACKED_BYTES } from './zip-check';
import { workerScript } from '../worker-script';

/** How long a spare worker waits for a job before it is ended (it holds about 30 MB). */
export const SPARE_IDLE_MS = 5 * 60_000;
/** Heap limit of an import worker: a zip bomb lying about its sizes ends the worker, not the app. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 1536 };

/** The spare worker: started without a job, for `file`; null when none waits. */
let spare: { worker: Worker; file: string; idle: NodeJS.Timeout } | null = null;

/** Starts a spare worker for `script` (unless one waits already): not keeping the process alive, ended when idle. */
function startSpare(script: { file: string; execArgv: string[] }): void {
  if (spare) return;
  const worker = new Worker(script.file, { execArgv: script.execArgv, resourceLimits: WORKER_LIMITS });
  const idle = setTimeout(() => void worker.terminate(), SPARE_IDLE_MS);
  idle.unref();
  worker.unref();
  const own = { worker, file: script.file, idle };
  const gone = () => {
    if (spare === own) spare = null;
  };
  worker.once('exit', gone);
  worker.once('error', gone);
  spare = own;
}

/** True while a spare worker waits for a job (diagnostics and tests). */
export function spareWaiting(): boolean {
  return spare !== null;
}

/**
 * A worker for `task`: the spare when one waits for the same script (sent the task as its first message, `task.bytes`
 * transferred), else a new one with the task as its workerData.
 */
function takeWorker(task: WorkerTask, script: { file: string; execArgv: string[] }): Worker {
  let worker: Worker;
  const s = spare;
  if (s && s.file === script.file) {
    spare = null;
    clearTimeout(s.idle);
    s.worker.removeAllListeners();
    s.worker.ref();
    worker = s.worker;
    worker.postMessage({ type: 'task', task } satisfies TaskMessage, task.bytes ? [task.bytes.buffer as ArrayBuffer] : []);
  } else {
    worker = new Worker(script.file, { execArgv: script.execArgv, workerData: task, resourceLimits: WORKER_LIMITS });
  }
  return worker;
}

/** The last commit's write as the worker measured it (for the benchmark and diagnostics); null before the first. */
export let lastWriteTimings: WriteTimings | null = null;

/**
 * What a run hands back: the worker's answer (null for a 'read' task), the table's bytes when it read the file and the
 * sheet's analysis (v8-serialised SheetAnalysis) when it made one anew.
 */
export interface WorkerResult<T> {
  value: T;
  table: Uint8Array | null;
  analysis: Uint8Array | null;
}

/**
 * Runs `task` in a new worker thread, reporting into `job.progress` (reading → checking → writing) and making
 * `job.cancel` terminate it. Before a commit writes, the worker waits for this thread's go-ahead, given with `now()`
 * as the import's instant — unless the job was cancelled, in which case the worker is terminated unwritten.
 * @returns the worker's answer, the read table's bytes (v8-serialised RawTable) and a new analysis' bytes (never parsed here)
 * @throws the worker's error as it threw it (AppError with code, message, details; a SQLite error keeps its `code`),
 *   import_cancelled after a cancel, file_too_big_expanded when the worker runs out of memory, file_corrupt when it
 *   dies while reading (INTERNAL-like plain Error afterwards)
 */
export function runInWorker<T>(task: WorkerTask, job: Job, now: () => Date): Promise<WorkerResult<T>> {
  throwIfCancelled(job);
  return new Promise<WorkerResult<T>>((resolve, reject) => {
    let settled = false;
    let table: Uint8Array | null = null;
    let analysis: Uint8Array | null = null;
    let endWrite: (() => void) | null = null;
    const totalBytes = task.bytes?.byteLength ?? 0; // before takeWorker: a spare gets the bytes transferred
    const script = workerScript('import-worker', import.meta.dirname, 'worker.ts');
    const worker = takeWorker(task, script);
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      job.cancel = null;
      void worker.terminate();
      startSpare(script);
      endWrite?.();
      fn();
    };
    // A table read before (the preview's) needs no reading: the job starts at 检查.
    job.progress = { ...job.progress, state: task.table ? 'checking' : 'reading', totalBytes };
    job.cancel = () => settle(() => reject(cancelledError()));
    worker.on('message', (m: FromWorker) => {
      if (settled) return;
      switch (m.type) {
        case 'progress':
          job.progress = { ...job.progress, bytesRead: m.bytesRead, totalBytes: m.totalBytes, rows: m.rows };
          break;
        case 'table':
          table = m.data;
          break;
        case 'analysis':
          analysis = m.data;
          break;
        case 'checking':
          job.progress = { ...job.progress, state: 'checking', bytesRead: job.progress.totalBytes, rows: m.rows };
          break;
        case 'ready':
          if (job.cancelled) return settle(() => reject(cancelledError()));
          job.progress = { ...job.progress, state: 'writing', rows: m.rows };
          endWrite = beginImportWrite(job);
          worker.postMessage({ type: 'go', now: now().toISOString() } satisfies GoMessage);
          break;
        case 'done':
          if (m.timings) lastWriteTimings = m.timings;
          settle(() => resolve({ value: m.value as T, table, analysis }));
          break;
        case 'error':
          settle(() => reject(fromWire(m.error)));
          break;
      }
    });
    const died = (e?: Error & { code?: string }) => {
      // The user sees file_corrupt or a plain failure; the log keeps why the thread stopped.
      console.error(redactPersonalData(`[import] worker stopped while ${job.progress.state}: ${e ? `${e.code ?? e.name}: ${e.message}` : 'exited'}`));
      if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') return AppError.of('BAD_FILE', msg('file_too_big_expanded', { limitMb: MAX_UNPACKED_BYTES / 1024 / 1024 }));
      if (job.progress.state === 'reading') return AppError.of('BAD_FILE', msg('file_corrupt'));
      return new Error(`import worker stopped while ${job.progress.state}: ${e?.message ?? 'exited'}`);
    };
    worker.on('error', (e: Error & { code?: string }) => settle(() => reject(died(e))));
    worker.on('exit', () => settle(() => reject(died())));
  });
}
