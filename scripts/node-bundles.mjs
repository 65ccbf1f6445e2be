// The esbuild settings of the Node side's bundles, shared by scripts/build-node.mjs (the app's dist/electron) and the
// tests' global set-up (tests/global-setup.ts bundles the worker threads once per run, so the tests start the same
// bundled workers the app does instead of loading each worker's TypeScript through tsx).
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * Options every Node bundle shares: CommonJS for Node 22+, better-sqlite3 / electron / playwright-core external (a
 * native module, the runtime, a package loaded only when a PDF is rendered), `import.meta.dirname` as the bundle's
 * folder.
 */
export const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  external: ['electron', 'better-sqlite3', 'playwright-core'],
  define: { __APP_VERSION__: JSON.stringify(pkg.version), 'import.meta.dirname': '__dirname' },
  logLevel: 'warning',
  sourcemap: true,
};

/**
 * The worker threads, each bundled to `<name>.cjs` beside the host's bundle (db/worker-script.ts finds it there):
 * - import-worker: the import's read, check and write (db/import/run-in-worker.ts); its own connection.
 * - heic-worker: the HEIC preview (db/files/preview.ts). libheif (LGPL-3.0) is in no bundle: the worker loads it at
 *   run time from dist/vendor/libheif (build-node.mjs copies it), so it stays a file a user can replace.
 * - package-worker: the submission package (db/package/run.ts): pdf-lib, fontkit and fflate bundled in, no database.
 * - migrate-worker: the app's migrations at start (db/backup/open-folder.ts); its own connection.
 * - verify-worker: the daily backup's check of its copy (db/backup/create.ts).
 */
export const WORKER_BUNDLES = {
  'import-worker': { entry: 'db/import/worker.ts', external: ['better-sqlite3'] },
  'heic-worker': { entry: 'db/files/heic-worker.ts', external: [...COMMON.external, 'libheif-js'] },
  'package-worker': { entry: 'db/package/worker.ts', external: COMMON.external },
  'migrate-worker': { entry: 'db/backup/migrate-worker.ts', external: ['better-sqlite3'] },
  'verify-worker': { entry: 'db/backup/verify-worker.ts', external: ['better-sqlite3'] },
};

/** Builds every worker of {@link WORKER_BUNDLES} into `outdir` with esbuild's `build`; `extra` overrides options. */
export async function buildWorkers(build, outdir, extra = {}) {
  await Promise.all(Object.entries(WORKER_BUNDLES).map(([name, w]) =>
    build({ ...COMMON, entryPoints: { [name]: w.entry }, outdir, external: w.external, ...extra })));
}
