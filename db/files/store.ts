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

/** Stores `bytes` (no-op when the same content is already stored); returns its SHA-256. Throws on a disk error, leaving no partial file. */
export function writeBlob(dataDir: string, bytes: Uint8Array): string {
  const sha = sha256(bytes);
  const target = blobPath(dataDir, sha);
  if (fs.existsSync(target) && fs.statSync(target).size === bytes.length) return sha;
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const tmp = path.join(path.dirname(target), `.tmp-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, target);
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

/** Removes the stored file if present. */
export function removeBlob(dataDir: string, sha: string): void {
  fs.rmSync(blobPath(dataDir, sha), { force: true });
}

/**
 * Removes every stored file that `isReferenced` says no row needs, and every leftover temporary file (from a crash
 * while attaching). Run at start, before any write. Returns the number of files removed.
 */
export function sweepOrphans(dataDir: string, isReferenced: (sha: string) => boolean): number {
  const root = path.join(dataDir, FILES_DIR);
  if (!fs.existsSync(root)) return 0;
  let removed = 0;
  for (const sub of fs.readdirSync(root)) {
    const dir = path.join(root, sub);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) {
      if (f.startsWith('.tmp-') || (/^[0-9a-f]{64}$/.test(f) && !isReferenced(f))) {
        fs.rmSync(path.join(dir, f), { force: true });
        removed++;
      }
    }
  }
  return removed;
}
