/**
 * Vitest configuration for mutation testing (StrykerJS, see stryker.config.json and docs/testing.md): one flat
 * project, node environment, the test files that exercise the modules under mutation. `MUTATE_SCOPE=guards` keeps
 * it to the three access-guard files' tests (the CI run); otherwise the unit, db and ipc suites.
 */
import { defineConfig } from 'vitest/config';

const GUARDS = ['tests/ipc/web-host.test.ts', 'tests/ipc/web-host-guards.test.ts', 'tests/ipc/web-host-pdf.test.ts', 'tests/ipc/host-ipc.test.ts', 'tests/ipc/dispatch.test.ts', 'tests/ipc/security.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    include: process.env.MUTATE_SCOPE === 'guards' ? GUARDS : ['tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/ipc/**/*.test.ts'],
    // The guard tests take milliseconds; a mutant that makes the host hang should fail fast, not wait two minutes.
    testTimeout: process.env.MUTATE_SCOPE === 'guards' ? 10_000 : 120_000,
    hookTimeout: process.env.MUTATE_SCOPE === 'guards' ? 10_000 : 120_000,
  },
});
