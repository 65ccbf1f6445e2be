/**
 * The submission package's worker thread (run.ts starts it): builds the zip of one plan (build.ts) off the host's
 * thread. In: `workerData` = {@link PackagePlan}; out: `{ type: 'progress', done, total }` after each step, then
 * `{ type: 'done', zip }` (the zip's buffer transferred) or `{ type: 'error', error }` (the import worker's
 * WireError: an AppError whole, else name, message and code).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toWire } from '../import/worker-protocol';
import { buildPackage, type PackagePlan } from './build';

buildPackage(workerData as PackagePlan, (p) => parentPort!.postMessage({ type: 'progress', ...p })).then(
  (zip) => parentPort!.postMessage({ type: 'done', zip }, [zip.buffer as ArrayBuffer]),
  (e: unknown) => parentPort!.postMessage({ type: 'error', error: toWire(e) }),
);
