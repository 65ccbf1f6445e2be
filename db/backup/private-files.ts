/**
 * The data folder is private to the user who runs the app (it holds ID numbers): folders 0700, files 0600 on
 * Linux/macOS — the database and its -wal / -shm (SQLite gives those the database file's mode), backups, staging and
 * partial files, `.corrupt-*` copies, the recovery marker, and files the app saves for the user. The hosts also set
 * umask 077 at start ({@link restrictUmask}); every create here chmods as well, so the modes hold whatever the umask.
 * On Windows the folder lives in the user's profile (its ACL already limits it to that user): nothing is changed.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Mode of the data folder and its sub-folders. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of every file in the data folder. */
export const PRIVATE_FILE_MODE = 0o600;

const posix = () => process.platform !== 'win32';

/** Sets the process umask to 077 (no group/other bits on anything created); no-op on Windows. Returns the old umask. */
export function restrictUmask(): number | null {
  return posix() ? process.umask(0o077) : null;
}

/** Creates `dir` (and parents) if needed and makes it 0700. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (posix()) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file 0600 (missing files are fine). */
export function makePrivateFile(file: string): void {
  if (!posix()) return;
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Creates `file` empty with mode 0600 if it does not exist (an empty file is a valid empty SQLite database), else makes it 0600. */
export function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  makePrivateFile(file);
}

/** Writes `data` to `file` (replacing it) with mode 0600. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  fs.writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  makePrivateFile(file);
}

/**
 * Tightens a data folder made by an older version: the folder and its sub-folders 0700, every file in them 0600
 * (two levels: the folder and e.g. backups/). Files vanishing meanwhile are fine.
 */
export function tightenDataFolder(dataDir: string): void {
  if (!posix() || !fs.existsSync(dataDir)) return;
  const walk = (dir: string, depth: number) => {
    fs.chmodSync(dir, PRIVATE_DIR_MODE);
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < 1) walk(full, depth + 1);
      } else if (e.isFile()) makePrivateFile(full);
    }
  };
  walk(dataDir, 0);
}
