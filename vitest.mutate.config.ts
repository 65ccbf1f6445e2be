/**
 * Vitest configuration for mutation testing (StrykerJS, see stryker.config.json and docs/testing.md): one flat
 * project, node environment, the test files that exercise the modules under mutation. `MUTATE_SCOPE=guards` keeps
 * it to the access-guard files' and the start-up window's tests (the CI run); otherwise the unit, db and ipc suites.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const UNLOADED = fileURLToPath(new URL('tests/helpers/unloaded-library.ts', import.meta.url));
const guards = process.env.MUTATE_SCOPE === 'guards';
const GUARDS = [
  'tests/ipc/web-host.test.ts', 'tests/ipc/web-host-guards.test.ts', 'tests/ipc/web-host-download.test.ts', 'tests/ipc/web-host-pdf.test.ts',
  'tests/ipc/web-host-body.test.ts', 'tests/ipc/web-host-upload.test.ts', 'tests/ipc/package-download.test.ts',
  'tests/ipc/host-ipc.test.ts', 'tests/ipc/dispatch.test.ts', 'tests/ipc/security.test.ts',
  'tests/ipc/splash.test.ts', 'tests/unit/splash-text.test.ts',
];

export default defineConfig({
  // The guard tests never export or import Excel/PDF; loading these libraries cost ~4 s per mutant (a fresh worker
  // each). The stand-in throws on any use (tests/helpers/unloaded-library.ts).
  resolve: guards
    ? { alias: ['exceljs', 'pdf-lib', '@pdf-lib/fontkit'].map((lib) => ({ find: new RegExp(`^${lib}$`), replacement: UNLOADED })) }
    : {},
  test: {
    environment: 'node',
    // Guards: one worker runs all of a mutant's test files (Stryker starts a fresh worker for every mutant anyway, so
    // static mutants still get a fresh module graph); the services load once per mutant instead of once per file.
    isolate: !guards,
    include: guards ? GUARDS : ['tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/ipc/**/*.test.ts'],
    // The guard tests take milliseconds; a mutant that makes the host hang should fail fast, not wait two minutes.
    testTimeout: guards ? 10_000 : 120_000,
    hookTimeout: guards ? 10_000 : 120_000,
  },
});
