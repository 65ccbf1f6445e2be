/**
 * The submission package's worker thread (run.ts starts it): builds the zip of one plan (build.ts) off the host's
 * thread. In: `workerData` = {@link PackagePlan}; out: `{ type: 'progress', done, total }` after each step, then
 * `{ type: 'done', size }` (the zip written to `plan.outFile`, its size in bytes) or `{ type: 'error', error }` (the import worker's
 * WireError: an AppError whole, else name, message and code).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toWire } from '../import/worker-protocol';
import { buildPackage, type PackagePlan } from './build';

const plan = workerData as PackagePlan;
buildPackage(plan, plan.outFile!, (p) => parentPort!.postMessage({ type: 'progress', ...p })).then(
  (size) => parentPort!.postMessage({ type: 'done', size }),
  (e: unknown) => parentPort!.postMessage({ type: 'error', error: toWire(e) }),
);
