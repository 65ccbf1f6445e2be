/**
 * Worker-thread entry (bundled as dist/electron/import-worker.cjs): reads one spreadsheet with {@link readTable} and
 * posts `{ type: 'progress', bytesRead, totalBytes, rows }` now and then, then `{ type: 'done', table }` or
 * `{ type: 'error', error: { code, message, msg? } }`. Touches no database.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { readTable } from './read-table';

const { fileName, bytes } = workerData as { fileName: string; bytes: Uint8Array };
const port = parentPort!;
let last = 0;
readTable(fileName, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (p) => {
  const now = Date.now();
  if (now - last < 100 && p.bytesRead < p.totalBytes) return;
  last = now;
  port.postMessage({ type: 'progress', ...p });
}).then(
  (table) => port.postMessage({ type: 'done', table }),
  (e: unknown) => {
    const m = msg('file_corrupt');
    const error = e instanceof AppError ? { code: e.code, msg: e.msg, details: e.details } : { code: 'BAD_FILE', msg: m };
    port.postMessage({ type: 'error', error });
  },
);
