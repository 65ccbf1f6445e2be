/**
 * Temp folders for tests that go away. Each test process keeps its folders in one folder of its own in the system's
 * temp folder, `icpdesk-tests-<pid>-XXXXXX`, removed when the process exits normally. vitest stops its workers with
 * SIGTERM, which runs no exit handler, so each process also removes the folders left by test processes that are gone
 * and have not written there for an hour ({@link STALE_MS}). Before, every data-folder test left its folder behind
 * (24 GB in 6,160 folders on the shared machine on 2026-12-06), on the way to a full disk and DISK_FULL failures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alive } from '../../db/backup/folder-lock';

const PREFIX = 'icpdesk-tests-';
/** How long a gone process's folder must have been untouched before another process removes it. */
const STALE_MS = 3_600_000;


/** Removes the folders of test processes that are gone and left them untouched for {@link STALE_MS}. */
function sweepStale(base: string): void {
  const re = new RegExp(`^${PREFIX}(\\d+)-`);
  for (const name of fs.readdirSync(base)) {
    const pid = Number(re.exec(name)?.[1]);
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

/**
 * This process's folder for test folders (made on first use). Mode 0755, so a test can show another OS user reading
 * a file the app left readable (tests/db/file-modes.test.ts); each folder made in it is 0700 unless its test widens it.
 */
function processRoot(): string {
  if (root && fs.existsSync(root)) return root; // made again if someone removed it meanwhile
  sweepStale(BASE);
  const made = fs.mkdtempSync(path.join(BASE, `${PREFIX}${process.pid}-`));
  fs.chmodSync(made, 0o755);
  process.once('exit', () => fs.rmSync(made, { recursive: true, force: true }));
  return (root = made);
}

/** A new empty folder (mode 0700) named `<prefix>XXXXXX`, removed with this process's test folders. */
export function testTempDir(prefix = 'icpdesk-t-'): string {
  return fs.mkdtempSync(path.join(processRoot(), prefix));
}
