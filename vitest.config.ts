import os from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Test files run this many at a time, across all projects. Vitest's own default is one fewer than the cores, which is
 * a single worker on a 2-core machine: the whole suite then ran file after file (issue 17). Two at a time on two cores
 * keeps both busy while a file waits on Chromium, the disk or a child process.
 */
const WORKERS = Math.max(2, os.availableParallelism() - 1);

/** ipc files that need a fresh process each (see the `ipc-isolated` project). */
const IPC_ISOLATED = ['dispatch', 'main', 'preload', 'security', 'single-instance', 'pdf-chromium', 'heic-worker'].map((f) => `tests/ipc/${f}.test.ts`);

/** Renderer files that need a fresh process each (see the `renderer-isolated` project). */
const RENDERER_ISOLATED = ['attachments', 'app-today', 'html-lang'].map((f) => `tests/renderer/${f}.test.tsx`);

export default defineConfig({
  plugins: [react()],
  test: {
    // A ceiling, not a speed check: a loaded 2-core machine runs some db and renderer tests past vitest's 5 s default.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: WORKERS,
    // Bundles the worker threads once per run and points the tests at them (tests/global-setup.ts).
    globalSetup: ['tests/global-setup.ts'],
    projects: [
      // `isolate: false` for unit and db: a worker runs file after file with the modules they share loaded once,
      // instead of a new process and module graph per file (db, back to back on the shared 2-core machine at load ~7:
      // 216 s isolated, 91 s not). What could leak between db files is per ServiceContext or per test: import jobs
      // (db/import/jobs.ts), testContext's data folder (its own, never /tmp). exceljs no longer spills sheets to the
      // temp folder (db/import/xlsx-slim.ts), the likely cause of the one order-dependent failure seen
      // (tests/db/import.test.ts read the sample as damaged).
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', isolate: false } },
      { extends: true, test: { name: 'db', include: ['tests/db/**/*.test.ts'], environment: 'node', isolate: false } },
      // ipc: the host, dispatch and worker files share a worker (`isolate: false`). `ipc-isolated` keeps a fresh
      // process per file for those that mock `electron` (each its own way), load electron/main.ts (it sets the process
      // umask and, through installFileLog, patches console), change CHROMIUM_PATH (electron/chromium.ts keeps the first
      // resolution) or point the HEIC decoder's worker at a slow libheif.
      { extends: true, test: { name: 'ipc', include: ['tests/ipc/**/*.test.ts'], exclude: [...configDefaults.exclude, ...IPC_ISOLATED], environment: 'node', isolate: false } },
      { extends: true, test: { name: 'ipc-isolated', include: IPC_ISOLATED, environment: 'node' } },
      // Runs electron-builder (dir targets) once: minutes, not seconds.
      { extends: true, test: { name: 'package', include: ['tests/package/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 900_000 } },
      // renderer: most files share a worker and its happy-dom window (`isolate: false`), with the stores, language,
      // storage, route and transport reset before each file and the body cleared after it (portals' containers, MUI's
      // scroll lock: without that, the dialog and picker files timed out or found a dialog still open) — see
      // tests/renderer/shared-setup.ts. Isolated, four small files took 100 s on the loaded machine, 56 % of it
      // importing React/MUI again and 24 % building the window again; the project's CPU time went from 100 s to 55 s
      // (2026-12-06). `renderer-isolated` keeps a fresh process per file for the files that mock a module (`vi.mock`),
      // replace browser globals for good, or render the whole <App />, whose clock and reminder timers outlive a file.
      {
        extends: true,
        test: {
          name: 'renderer', include: ['tests/renderer/**/*.test.tsx'], exclude: [...configDefaults.exclude, ...RENDERER_ISOLATED],
          environment: 'happy-dom', setupFiles: ['tests/renderer/setup.ts', 'tests/renderer/shared-setup.ts'], isolate: false,
        },
      },
      { extends: true, test: { name: 'renderer-isolated', include: RENDERER_ISOLATED, environment: 'happy-dom', setupFiles: ['tests/renderer/setup.ts'] } },
      {
        extends: true,
        // Each test has its own data folder, host (port 0) and browser context, so e2e files share the pool with the
        // rest; Chromium is unpacked once before they start (global-setup.ts). `isolate: false`: a worker runs file
        // after file with the harness, the host's modules and one Chromium process loaded once (tests/e2e/harness.ts),
        // instead of a new process, module graph and browser for every file.
        test: {
          name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 300_000, hookTimeout: 180_000,
          globalSetup: ['tests/e2e/global-setup.ts'], isolate: false,
        },
      },
    ],
  },
});
