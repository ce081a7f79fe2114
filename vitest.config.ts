import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'tests/build/**', 'node_modules/**'],
    environment: 'node',
    // Property tests run hundreds of parses; on a loaded 2-core machine 5 s is not enough.
    testTimeout: 30_000,
    reporters: ['default', './tests/support/summaryReporter.ts'],
  },
});
