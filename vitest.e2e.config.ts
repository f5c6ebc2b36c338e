import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension in real Chromium; one browser at a time on a 2-core machine.
export default defineConfig({
  // The same `@/` import alias as the build and the unit tests.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: {
    // The JSON report feeds CI's one-line total (.ci/summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // No retries: a test that fails once is a defect to fix (a wait on the wrong condition, a
    // dependence on the wall clock), not something to try again.
    retry: 0,
    pool: 'forks',
  },
});
