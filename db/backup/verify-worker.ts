/**
 * Worker-thread entry (bundled as dist/electron/verify-worker.cjs): seals and checks one backup copy
 * ({@link sealAndVerify}: journal_mode=DELETE, `integrity_check` of every page), so the thread that answers the UI
 * stays free while a large copy is read (issue 16: about a minute for a 3.2 GB file). Input `workerData`:
 * `{ file }`. Posts `{ ok: true, facts }` or `{ ok: false, message, corrupt }` (corrupt: the check itself failed).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CorruptDatabaseError } from '../open';
import { sealAndVerify } from './create';

try {
  parentPort!.postMessage({ ok: true, facts: sealAndVerify((workerData as { file: string }).file) });
} catch (e) {
  parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e), corrupt: e instanceof CorruptDatabaseError });
}
