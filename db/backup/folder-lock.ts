/**
 * One host per data folder. Two hosts on one folder (the Electron app and a browser-mode host, or two browser-mode
 * hosts) would each keep their own connection, caches and restore logic on one SQLite file; a restore by one would
 * swap the file under the other. So the first host to open a folder writes `icp-desk.lock` into it (JSON: host kind,
 * pid, machine name, start instant) and a second host refuses to open the folder with a message naming the first.
 * A lock whose process is gone (crash, SIGKILL) on this machine is stale and taken over. The same process may open
 * its folder again (tests, a restore). Electron's single-instance lock still covers two Electron windows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { msg, zhText, type Message } from '../../shared/messages';

export const LOCK_FILE_NAME = 'icp-desk.lock';

/** Which host holds a folder. */
export type HostKind = 'electron' | 'web';

/** The lock file's content. `startedAt`: ISO instant (UTC). */
export interface FolderLock {
  host: HostKind;
  pid: number;
  hostname: string;
  startedAt: string;
}


/** The host kind of this process: Electron when running in Electron, else browser mode. */
export function currentHostKind(): HostKind {
  return process.versions.electron ? 'electron' : 'web';
}

/** True if process `pid` exists (EPERM: it exists but belongs to another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the lock of `dataDir`; null when there is none or it cannot be parsed (a torn write is treated as absent). */
export function readFolderLock(dataDir: string): FolderLock | null {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE_NAME), 'utf8')) as FolderLock;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** China time "YYYY-MM-DD HH:mm" of an ISO instant. */
function chinaTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The refusal when `lock` holds the folder, as a coded message (names the other host, its process and since when). */
export function lockedMsg(lock: FolderLock): Message {
  const host = lock.host === 'electron' || lock.host === 'web' ? msg(`host_${lock.host}`) : String(lock.host);
  const params = { host, pid: lock.pid, since: chinaTime(lock.startedAt), lockFile: LOCK_FILE_NAME };
  return lock.hostname === os.hostname() ? msg('folder_locked_here', params) : msg('folder_locked_elsewhere', { ...params, hostname: lock.hostname });
}

/** The refusal shown when `lock` holds the folder: {@link lockedMsg}'s zh-CN text. */
export function lockedMessage(lock: FolderLock): string {
  return zhText(lockedMsg(lock));
}

const held = new Set<string>();

/**
 * Takes the folder for this process (creating `dataDir` if needed). Idempotent within one process.
 * @throws AppError('BUSY', {@link lockedMessage}, { lock }) when another live process on this machine, or any process
 *   on another machine, holds it
 */
export function acquireFolderLock(dataDir: string, host: HostKind = currentHostKind(), now: Date = new Date()): FolderLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const mine: FolderLock = { host, pid: process.pid, hostname: os.hostname(), startedAt: now.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      held.add(file);
      return mine;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const other = readFolderLock(dataDir);
    if (other && other.pid === process.pid && other.hostname === mine.hostname) {
      held.add(file);
      return other;
    }
    if (other && (other.hostname !== mine.hostname || alive(other.pid))) throw new AppError('BUSY', lockedMsg(other), { lock: other });
    fs.rmSync(file, { force: true }); // stale: its process is gone (or the file is torn); take it over
  }
  throw new AppError('BUSY', msg('folder_lock_failed', { dir: dataDir }));
}

/** Removes the lock of `dataDir` if this process holds it. */
export function releaseFolderLock(dataDir: string): void {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const lock = readFolderLock(dataDir);
  if (lock && lock.pid === process.pid && lock.hostname === os.hostname()) fs.rmSync(file, { force: true });
  held.delete(file);
}

process.on('exit', () => {
  for (const file of held) {
    try {
      const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as FolderLock;
      if (lock.pid === process.pid) fs.rmSync(file, { force: true });
    } catch { /* already gone */ }
  }
});
