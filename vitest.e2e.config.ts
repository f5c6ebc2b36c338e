import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension in real Chromium; one browser at a time on a 2-core machine.
export default defineConfig({
  test: {
    // The JSON report feeds CI's one-line total (.ci/summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A real browser on a busy 2-core machine can miss a timing window once; a test that fails
    // twice in a row is a real failure and fails the run.
    retry: 1,
    pool: 'forks',
  },
});
