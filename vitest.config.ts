import os from 'node:os';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Test files run this many at a time, across all projects. Vitest's own default is one fewer than the cores, which is
 * a single worker on a 2-core machine: the whole suite then ran file after file (issue 17). Two at a time on two cores
 * keeps both busy while a file waits on Chromium, the disk or a child process.
 */
const WORKERS = Math.max(2, os.availableParallelism() - 1);

export default defineConfig({
  plugins: [react()],
  test: {
    // A ceiling, not a speed check: a loaded 2-core machine runs some db and renderer tests past vitest's 5 s default.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: WORKERS,
    projects: [
      // `isolate: false` for unit and db: a worker runs file after file with the modules they share loaded once,
      // instead of a new process and module graph per file (db, back to back on the shared 2-core machine at load ~7:
      // 216 s isolated, 91 s not). What could leak between db files is per ServiceContext or per test: import jobs
      // (db/import/jobs.ts), testContext's data folder (its own, never /tmp). exceljs no longer spills sheets to the
      // temp folder (db/import/xlsx-slim.ts), the likely cause of the one order-dependent failure seen
      // (tests/db/import.test.ts read the sample as damaged). ipc stays isolated: electron/main.ts sets the process
      // umask to 077 and installFileLog patches console for the rest of the process, and its files mock `electron`
      // differently, so what one file loads would leak into the next.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', isolate: false } },
      { extends: true, test: { name: 'db', include: ['tests/db/**/*.test.ts'], environment: 'node', isolate: false } },
      { extends: true, test: { name: 'ipc', include: ['tests/ipc/**/*.test.ts'], environment: 'node' } },
      // Runs electron-builder (dir targets) once: minutes, not seconds.
      { extends: true, test: { name: 'package', include: ['tests/package/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 900_000 } },
      { extends: true, test: { name: 'renderer', include: ['tests/renderer/**/*.test.tsx'], environment: 'happy-dom', setupFiles: ['tests/renderer/setup.ts'] } },
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
