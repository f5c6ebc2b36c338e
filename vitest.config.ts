import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    // The JSON report feeds CI's one-line total (.ci/summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
  },
});
