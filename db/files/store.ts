/**
 * The attachment file store: `<data folder>/files/<aa>/<sha256>`, content-addressed and immutable. A file is written
 * to a temporary name in the same folder, fsynced, then renamed into place (a crash leaves at most a `.tmp-*` file,
 * swept at the next start); files are 0600 in 0700 folders. Reading verifies the hash.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';

/** The store's folder name inside the data folder. */
export const FILES_DIR = 'files';

/** SHA-256 of `bytes`, lower-case hex. */
export function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Where the file with this hash lives. */
export function blobPath(dataDir: string, sha: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new AppError('VALIDATION', msg('attachment_file_id_invalid'), { sha });
  return path.join(dataDir, FILES_DIR, sha.slice(0, 2), sha);
}

/**
 * Fsyncs a folder, so a rename or a new entry in it survives a power cut (on a crash of the process alone the kernel
 * keeps it anyway). Windows cannot open a folder for fsync: skipped there (NTFS journals the rename).
 */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A temporary name beside `target` (the sweep at start removes any such leftover: see {@link sweepOrphans}). */
const tmpBeside = (target: string) => path.join(path.dirname(target), `.tmp-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);

/** Creates the two-level folder of `target` (0700), fsyncing the parents it created so the new entries are durable. */
function makeFolder(target: string): void {
  const dir = path.dirname(target);
  if (fs.existsSync(dir)) return;
  const created = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (created) fsyncDir(path.dirname(created));
  fsyncDir(path.dirname(dir));
}

/**
 * Puts a complete file at `target`: `write(fd)` fills a temporary file beside it (0600), which is fsynced, renamed
 * into place, and the folder fsynced. A crash at any point leaves either no file under `target` or the whole one —
 * never a partial file under the final name — plus at most a `.tmp-*` leftover. Throws on a disk error, removing the
 * temporary file.
 */
export function placeFile(target: string, write: (fd: number) => void): void {
  makeFolder(target);
  const tmp = tmpBeside(target);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    write(fd);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch (e) {
    try { fs.closeSync(fd); } catch { /* already closed */ }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  try {
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(path.dirname(target));
}

/** Writes all of `bytes` to `fd` (a single write may take fewer bytes). */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let off = 0; off < bytes.length;) off += fs.writeSync(fd, bytes, off);
}

/** Copies the file `from` to `target` through {@link placeFile} (streamed in 1 MB pieces: a 50 MB file is never held whole). */
export function copyFilePlaced(from: string, target: string): void {
  const src = fs.openSync(from, 'r');
  try {
    placeFile(target, (fd) => {
      const buf = Buffer.allocUnsafe(1024 * 1024);
      for (let n = fs.readSync(src, buf); n > 0; n = fs.readSync(src, buf)) {
        writeAll(fd, buf.subarray(0, n));
      }
    });
  } finally {
    fs.closeSync(src);
  }
}

/** Whether the stored file at `file` holds exactly the content of hash `sha`. */
export function fileHasHash(file: string, sha: string): boolean {
  if (!fs.existsSync(file)) return false;
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1024 * 1024);
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex') === sha;
}

/**
 * Stores `bytes` (no second write when the same content is already stored — it is checked, and a damaged copy is
 * replaced); returns its SHA-256. Throws on a disk error, leaving no partial file.
 */
export function writeBlob(dataDir: string, bytes: Uint8Array): string {
  const sha = sha256(bytes);
  const target = blobPath(dataDir, sha);
  if (fs.existsSync(target) && fs.statSync(target).size === bytes.length && fileHasHash(target, sha)) return sha;
  placeFile(target, (fd) => writeAll(fd, bytes));
  return sha;
}

/** The stored bytes, verified. Throws AppError NOT_FOUND when missing, BAD_FILE when the content no longer matches its hash. */
export function readBlob(dataDir: string, sha: string): Buffer {
  const file = blobPath(dataDir, sha);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', msg('attachment_file_missing'), { sha });
  const bytes = fs.readFileSync(file);
  if (sha256(bytes) !== sha) throw new AppError('BAD_FILE', msg('attachment_file_damaged'), { sha });
  return bytes;
}

/** The folder inside the store where streamed uploads are written before they are named by their hash. */
export const INCOMING_DIR = '.incoming';

/** How many bytes of a file's start {@link StagedFile.head} keeps: enough for every signature and image header. */
export const HEAD_BYTES = 256 * 1024;

/** Bytes gathered before one write to the temporary file (at most this much of an upload is in memory at once). */
const WRITE_BATCH = 1024 * 1024;

/** A file streamed into the store under a temporary name, not yet placed: see {@link stageStream}, {@link commitStaged}. */
export interface StagedFile {
  /** The temporary file (0600, fsynced) in `<data>/files/.incoming/`. */
  tmp: string;
  sha: string;
  /** Bytes. */
  size: number;
  /** The first {@link HEAD_BYTES} bytes (all of a smaller file). */
  head: Uint8Array;
}

/** Thrown by {@link stageStream}'s `check` to stop a stream; the temporary file is removed before it propagates. */
export class StageRefused extends Error {
  constructor(readonly reason: unknown) {
    super('refused');
  }
}

/**
 * Streams `source` into a temporary file of the store while hashing it: never more than one chunk in memory (plus
 * the first {@link HEAD_BYTES}), no base64. `check(head, size, final)` runs after each chunk (final: once the source
 * ended) and may throw to stop (a refusal: too large, an executable's signature); `maxBytes` stops a longer stream
 * with `onTooLarge()`'s error. Whatever stops it — a throw, a source that errors (an aborted upload) — the temporary
 * file is removed before the error propagates, so nothing is left written. On success the file is fsynced and closed;
 * hand it to {@link commitStaged} or {@link discardStaged}.
 */
export async function stageStream(dataDir: string, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, opts: {
  maxBytes: number;
  onTooLarge: () => Error;
  check?: (head: Uint8Array, size: number, final: boolean) => void;
}): Promise<StagedFile> {
  const dir = path.join(dataDir, FILES_DIR, INCOMING_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.tmp-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
  const handle = await fs.promises.open(tmp, 'wx', 0o600);
  const hash = crypto.createHash('sha256');
  const head = Buffer.allocUnsafe(HEAD_BYTES);
  let headLen = 0;
  let size = 0;
  let open = true;
  // Socket chunks are small (16–64 KiB): they are written together once WRITE_BATCH bytes are pending (one writev
  // instead of dozens of writes, each a trip to the thread pool).
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (!pendingBytes) return;
    const batch = pending;
    pending = [];
    pendingBytes = 0;
    let written = (await handle.writev(batch)).bytesWritten;
    const total = batch.reduce((n, b) => n + b.length, 0);
    if (written < total) { // a short write: the rest, piece by piece
      const rest = Buffer.concat(batch).subarray(written);
      for (let off = 0; off < rest.length;) off += (await handle.write(rest, off)).bytesWritten;
      written = total;
    }
  };
  try {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > opts.maxBytes) throw opts.onTooLarge();
      if (headLen < HEAD_BYTES) {
        const n = Math.min(HEAD_BYTES - headLen, chunk.length);
        head.set(chunk.subarray(0, n), headLen);
        headLen += n;
      }
      opts.check?.(head.subarray(0, headLen), size, false);
      hash.update(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= WRITE_BATCH) await flush();
    }
    opts.check?.(head.subarray(0, headLen), size, true);
    await flush();
    await handle.sync();
    await handle.close();
    open = false;
    return { tmp, sha: hash.digest('hex'), size, head: new Uint8Array(head.subarray(0, headLen)) };
  } catch (e) {
    if (open) await handle.close().catch(() => undefined);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Names a staged file by its hash: renamed into place (the folder fsynced), or dropped when the same content is
 * already stored intact (a damaged copy is replaced). Returns the hash. Throws on a disk error, removing the
 * temporary file.
 */
export function commitStaged(dataDir: string, staged: StagedFile): string {
  const target = blobPath(dataDir, staged.sha);
  try {
    if (fs.existsSync(target) && fs.statSync(target).size === staged.size && fileHasHash(target, staged.sha)) {
      fs.rmSync(staged.tmp, { force: true });
      return staged.sha;
    }
    makeFolder(target);
    fs.renameSync(staged.tmp, target);
  } catch (e) {
    fs.rmSync(staged.tmp, { force: true });
    throw e;
  }
  fsyncDir(path.dirname(target));
  return staged.sha;
}

/** Removes a staged file that will not be kept (a refusal after staging, a failed row). */
export function discardStaged(staged: StagedFile): void {
  fs.rmSync(staged.tmp, { force: true });
}

/** Removes the stored file if present. */
export function removeBlob(dataDir: string, sha: string): void {
  fs.rmSync(blobPath(dataDir, sha), { force: true });
}

/**
 * Removes every stored file that `isReferenced` says no row needs, and every other name in the store's folders (a
 * temporary file left by a crash while attaching or restoring). Run at start, before any write. Returns the number
 * of files removed.
 */
export function sweepOrphans(dataDir: string, isReferenced: (sha: string) => boolean): number {
  const root = path.join(dataDir, FILES_DIR);
  if (!fs.existsSync(root)) return 0;
  let removed = 0;
  for (const sub of fs.readdirSync(root)) {
    const dir = path.join(root, sub);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) {
      // A stored file no row needs, or anything that is not a final (hash) name: a temporary file left by a crash.
      if (!/^[0-9a-f]{64}$/.test(f) || !isReferenced(f)) {
        fs.rmSync(path.join(dir, f), { force: true });
        removed++;
      }
    }
  }
  return removed;
}
