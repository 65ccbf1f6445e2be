/**
 * Child process of the attachment crash-safety test (tests/db/attachment-crash.test.ts): opens the database like the
 * app, then attaches 20 files (1–4 MB each, one of them a second copy of an earlier one) to the client's material
 * items through the service, one `attachments.add` call per file as the page makes them, printing one JSON line per
 * COMMITTED attach on stdout (synchronously, after the call returned), until the parent kills it with SIGKILL.
 *
 * Lines: first `{ op: 'ready' }`; then `{ op: 'attached', id, sha, size, fileName }` per attach. After the 20th it
 * prints `{ op: 'done' }` and waits for the kill. When the file `<db file>.hold` exists before an attach, the attach
 * runs inside an outer transaction that is left open: the file is stored and its row written but not committed, the
 * writer prints `{ op: 'held', sha }` and waits for the kill (the "killed between the file and its row" case, made
 * certain; the parent expects an orphan file that the next start sweeps).
 *
 *   node --import tsx tests/db/crash/attacher.ts <db file> <run number>
 * (the test bundles it with esbuild first and runs the bundle with plain node)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../db/open';
import { writeTransaction } from '../../../db/tx';
import { addAttachment } from '../../../db/service/attachments';
import type { ServiceContext } from '../../../db/service/context';
import { contract } from '../../../shared/contract';

const [file, runArg] = process.argv.slice(2);
const run = Number(runArg);
const db = openDatabase(file);
const ctx: ServiceContext = { db, dbPath: file, dataDir: path.dirname(file), version: 'crash', now: () => new Date() };

/** Writes one line to stdout synchronously (retrying while a non-blocking pipe is full). */
function out(o: unknown): void {
  const b = Buffer.from(`${JSON.stringify(o)}\n`);
  for (let off = 0; off < b.length;) {
    try {
      off += fs.writeSync(1, b, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
  }
}
const waitForKill = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);

const materialIds = (db.prepare('SELECT id FROM materials ORDER BY id').all() as { id: number }[]).map((r) => r.id);
const FILES = 20;
/** A scan-sized payload: a text header (so no content check takes it for an executable), then random bytes. */
const payload = (i: number) => Buffer.concat([Buffer.from(`ICPDESK crash payload run ${run} file ${i}\n`), crypto.randomBytes((1 + ((run * 7 + i * 3) % 4)) * 1024 * 1024)]);

function attach(i: number, bytes: Buffer) {
  const input = contract['attachments.add'].input.parse({
    materialId: materialIds[(run + i) % materialIds.length], fileName: `扫描件-${run}-${i}.dat`, base64: bytes.toString('base64'), addedBy: '白顾问',
  });
  return addAttachment(ctx, input);
}

out({ op: 'ready' });
const sent: Buffer[] = [];
for (let i = 0; i < FILES; i++) {
  // File 10 is file 3 again: the store already holds it (the duplicate path, no second write).
  const bytes = i === 10 ? sent[3] : payload(i);
  sent.push(bytes);
  if (fs.existsSync(`${file}.hold`)) {
    writeTransaction(db, () => {
      const r = attach(i, bytes);
      out({ op: 'held', sha: r.attachment.sha256 });
      waitForKill();
    });
  }
  const r = attach(i, bytes);
  out({ op: 'attached', id: r.attachment.id, sha: r.attachment.sha256, size: r.attachment.size, fileName: r.attachment.fileName });
}
out({ op: 'done' });
waitForKill();
