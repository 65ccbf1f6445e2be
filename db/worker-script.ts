/**
 * Where a worker thread's script is, for the five workers the host starts (scripts/node-bundles.mjs WORKER_BUNDLES):
 * import, HEIC preview, submission package, migrations, backup check.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The bundled workers' names (`<name>.cjs`). */
export type WorkerName = 'import-worker' | 'heic-worker' | 'package-worker' | 'migrate-worker' | 'verify-worker';

/**
 * The script to start worker `name` with, as `new Worker(file, { execArgv })` takes it, in this order:
 * 1. `<name>.cjs` in `here` (the caller's `import.meta.dirname`: dist/electron in the built app, with `app.asar` read
 *    as `app.asar.unpacked`, where electron-builder unpacks the workers). A built app always finds its own bundle
 *    here, so no environment variable can make it run other code (the packaged app also has Electron's RunAsNode and
 *    NODE_OPTIONS fuses off: electron-builder.yml);
 * 2. running from the sources only: `$ICPDESK_WORKER_DIR/<name>.cjs` when that variable is set and the file exists.
 *    The tests bundle the workers from the sources once per run (tests/global-setup.ts), so they start what the app
 *    starts, without loading each worker's TypeScript through tsx (0.2–1 s of CPU per worker start on the 2-core
 *    machine);
 * 3. else `<here>/<source>` (the caller's TypeScript file, e.g. `worker.ts`) through tsx.
 */
export function workerScript(name: WorkerName, here: string, source: string): { file: string; execArgv: string[] } {
  const built = path.join(here, `${name}.cjs`).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  if (fs.existsSync(built)) return { file: built, execArgv: [] };
  const dir = process.env.ICPDESK_WORKER_DIR;
  if (dir) {
    const bundled = path.join(dir, `${name}.cjs`);
    if (fs.existsSync(bundled)) return { file: bundled, execArgv: [] };
  }
  return { file: path.join(here, source), execArgv: ['--import', 'tsx'] };
}
