/**
 * The attachment file store: `<data folder>/files/<aa>/<sha256>`, content-addressed and immutable. A file is written
 * to a temporary name in the same folder, fsynced, then renamed into place (a crash leaves at most a `.tmp-*` file,
 * swept at the next start); files are 0600 in 0700 folders. Reading verifies the hash.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';

/** The store's folder name inside the data folder. */
export const FILES_DIR = 'files';

/** SHA-256 of `bytes`, lower-case hex. */
export function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Where the file with this hash lives. */
export function blobPath(dataDir: string, sha: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new AppError('VALIDATION', '文件标识无效', { sha });
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
  return fs.existsSync(file) && sha256(fs.readFileSync(file)) === sha;
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
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', '附件文件缺失（数据文件夹中找不到），请从备份恢复或重新附加', { sha });
  const bytes = fs.readFileSync(file);
  if (sha256(bytes) !== sha) throw new AppError('BAD_FILE', '附件文件已损坏（内容与记录的校验值不一致），请从备份恢复或重新附加', { sha });
  return bytes;
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
