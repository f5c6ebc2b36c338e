import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests in Debian's Firefox ESR (WebDriver BiDi through puppeteer-core), one browser at
// a time. No retries: a test that fails once is a failure.
export default defineConfig({
  // The same `@/` import alias as the build and the unit tests.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: {
    // The JSON report feeds CI's one-line total (.ci/summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/firefox.json' },
    include: ['tests/firefox/**/*.firefox.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    retry: 0,
    pool: 'forks',
  },
});
