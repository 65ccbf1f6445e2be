/**
 * Vitest global set-up of every project: bundles the host's worker threads from the sources once per run (the same
 * esbuild settings as the app's build, scripts/node-bundles.mjs) and points `ICPDESK_WORKER_DIR` at them, so every test
 * that starts an import, a backup check, a migration, a package or a HEIC preview starts the bundled worker the app
 * starts (db/worker-script.ts), instead of loading that worker's TypeScript through tsx each time: 0.2–1 s of CPU per
 * worker start, tens of starts per run. Bundled fresh each run, so a test never runs an older worker than its sources.
 * The bundles live under node_modules/.cache (so `better-sqlite3` resolves from the project's node_modules) and are
 * removed at the end of the run; those of a run that was killed go with the next run a day later ({@link STALE_MS}).
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
// @ts-expect-error -- a plain .mjs module shared with the build script (no types)
import { buildWorkers } from '../scripts/node-bundles.mjs';

const CACHE = path.resolve(import.meta.dirname, '../node_modules/.cache/icpdesk-workers');
/** A run's bundles older than this are another run's leftovers (runs take minutes). */
const STALE_MS = 86_400_000;

export default async function setup(): Promise<() => void> {
  fs.mkdirSync(CACHE, { recursive: true });
  for (const name of fs.readdirSync(CACHE)) {
    const old = path.join(CACHE, name);
    try {
      if (Date.now() - fs.statSync(old).mtimeMs > STALE_MS) fs.rmSync(old, { recursive: true, force: true });
    } catch { /* another run removed it first */ }
  }
  const dir = fs.mkdtempSync(path.join(CACHE, 'run-'));
  await buildWorkers(build, dir, { sourcemap: false, absWorkingDir: path.resolve(import.meta.dirname, '..') });
  process.env.ICPDESK_WORKER_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
