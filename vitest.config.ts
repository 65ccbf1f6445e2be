import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    // A ceiling, not a speed check: a loaded 2-core machine runs some db and renderer tests past vitest's 5 s default.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'db', include: ['tests/db/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'ipc', include: ['tests/ipc/**/*.test.ts'], environment: 'node' } },
      // Runs electron-builder (dir targets) once: minutes, not seconds.
      { extends: true, test: { name: 'package', include: ['tests/package/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 900_000 } },
      { extends: true, test: { name: 'renderer', include: ['tests/renderer/**/*.test.tsx'], environment: 'happy-dom', setupFiles: ['tests/renderer/setup.ts'] } },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 300_000, hookTimeout: 180_000, fileParallelism: false },
      },
    ],
  },
});
