import path from 'node:path';
import { defineConfig } from 'vitest/config';

// CI asks for a JSON report per run (in SENDBOARD_TEST_REPORT_DIR) to print one closing total.
const reportDir = process.env.SENDBOARD_TEST_REPORT_DIR;

// Three suites: pure unit tests, integration tests through app.inject() on a real database,
// and browser tests in Debian's Chromium. `npm test` runs them all.
export default defineConfig({
  test: {
    reporters: reportDir
      ? [
          'default',
          [
            'json',
            { outputFile: path.join(reportDir, `vitest-${process.pid}-${Date.now()}.json`) },
          ],
        ]
      : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts', 'src/**/*.browser.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.ts', 'test/**/*.browser.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
