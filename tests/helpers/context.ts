import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../db/open';
import type { ServiceContext } from '../../db/service/context';

/** Prefix of the folder (in the temp folder) holding one process's test data folders: `icpdesk-ctx-<pid>-XXXXXX`. */
const PREFIX = 'icpdesk-ctx-';
/** A folder of a process that is gone and untouched this long is removed by the next process that loads this module. */
const STALE_MS = 3_600_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the folders left by test processes that ended without running their exit handlers (vitest stops its
 * workers with SIGTERM): process gone and nothing written for {@link STALE_MS}.
 */
function sweepStale(base: string): void {
  for (const name of fs.readdirSync(base)) {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    const dir = path.join(base, name);
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > STALE_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch { /* another process removed it first */ }
  }
}

/** The temp folder as it was when this module loaded (a test may point TMPDIR elsewhere meanwhile). */
const BASE = os.tmpdir();
let root: string | null = null;

/** This process's folder for test data folders (made on first use; removed at a normal exit, else swept later). */
function processRoot(): string {
  if (root) return root;
  sweepStale(BASE);
  const made = fs.mkdtempSync(path.join(BASE, `${PREFIX}${process.pid}-`));
  process.once('exit', () => fs.rmSync(made, { recursive: true, force: true }));
  return (root = made);
}

/** A new empty data folder for a test's ServiceContext (inside this process's folder in the temp folder). */
export function testDataDir(): string {
  return fs.mkdtempSync(path.join(processRoot(), 'data-'));
}

/**
 * A fresh in-memory database with all migrations applied and a fixed clock (default 2026-11-27T02:00Z = Friday 10:00
 * China). `dataDir` is a new empty folder of its own, never the shared temp folder: the services write attachment
 * files, previews and backups into it and sweep it (orphan files), so a shared folder would let one test — or another
 * process on the machine — remove or see another's files.
 */
export function testContext(now = '2026-11-27T02:00:00.000Z'): ServiceContext & { setNow(iso: string): void } {
  let t = new Date(now);
  const db = openDatabase(':memory:');
  return { db, dbPath: ':memory:', dataDir: testDataDir(), version: 'test', now: () => t, setNow: (iso: string) => (t = new Date(iso)) };
}
