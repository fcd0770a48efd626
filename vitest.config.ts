import {defineConfig} from 'vitest/config'

// Two groups, run one after the other: the unit tests in parallel, then the timing tests (*.timing.test.ts) alone,
// one file at a time, so that other test files competing for the 2 CPU cores do not skew measured latencies.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/count-reporter.ts'],
    // HOME, OAC_HOME, OAC_CONFIG_DIR and XDG_* in a temp folder for every test file; the real ones are off limits.
    setupFiles: ['./test/support/test-home.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: ['**/*.timing.test.ts'],
          sequence: {groupOrder: 0},
        },
      },
      {
        extends: true,
        test: {
          name: 'timing',
          include: ['test/**/*.timing.test.ts'],
          fileParallelism: false,
          sequence: {groupOrder: 1},
        },
      },
    ],
  },
})
