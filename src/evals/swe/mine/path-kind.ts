// What a changed file is, by its path: a test (test files, and anything under a test folder: fixtures, snapshots,
// helpers), code (a source file a fix would edit), or other (docs, config, lockfiles, CI). The conventions are the
// runners' own defaults: jest's testMatch (`__tests__/`, `*.test.*`, `*.spec.*`), vitest's include, mocha's `test/`,
// node --test's `test/` and `*.test.*`, pytest's `test_*.py` / `*_test.py`, Go's `*_test.go`. Pure.

export type PathKind = 'test' | 'code' | 'other'

const TEST_DIR = /(^|\/)(tests?|__tests__|specs?|testing|e2e)\//
const TEST_FILE =
  /(^|\/)([^/]+\.(test|spec)\.[cm]?[jt]sx?|[^/]+\.test-d\.ts|test_[^/]+\.py|[^/]+_test\.(py|go)|conftest\.py)$/
const CODE = /\.([cm]?[jt]sx?|vue|svelte|py|go|rs|rb|java|kt|php|c|cc|cpp|h|hpp|cs|swift)$/
const NOT_CODE_DIR = /(^|\/)(node_modules|vendor|dist|build|coverage|\.github|docs?|examples?)\//

export function pathKind(path: string): PathKind {
  if (TEST_DIR.test(path) || TEST_FILE.test(path)) return 'test'
  if (CODE.test(path) && !NOT_CODE_DIR.test(path) && !/\.d\.ts$/.test(path)) return 'code'
  return 'other'
}

/** A test file a runner runs (not a fixture or helper beside the tests). */
export function isTestFile(path: string): boolean {
  if (/(^|\/)(fixtures?|__fixtures__|__mocks__|__snapshots__|helpers?|support|utils?|data)\//.test(path)) return false
  // conftest.py configures pytest; `*.test-d.ts` are type tests that tsd checks, not a runner.
  if (/conftest\.py$|\.test-d\.ts$/.test(path)) return false
  if (TEST_FILE.test(path)) return true
  return TEST_DIR.test(path) && CODE.test(path) && !/\.d\.ts$/.test(path)
}
