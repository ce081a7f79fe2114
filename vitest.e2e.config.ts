import { defineConfig } from 'vitest/config';

// End-to-end specs: real Chromium against dist/, one file at a time (2 cores); and the build
// checks on dist/ (tests/build), which also need `npm run build` first.
export default defineConfig({
  test: {
    include: ['tests/build/**/*.test.ts', 'tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    reporters: ['default', './tests/support/summaryReporter.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
