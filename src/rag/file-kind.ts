import {languageOf} from './languages.js'

// What a file is to someone searching code: source, a test, documentation, type declarations, an example or
// benchmark, or something else (config, data, styles). Search ranks source first and marks the rest, because on
// real codebases tests and docs repeat the words of a question more often than the code that answers it (measured
// with bench/rag-quality.ts: docs and tests took 41-47% of the top five before they were ranked as such).

export type FileKind = 'code' | 'test' | 'docs' | 'types' | 'example' | 'other'
export const FILE_KINDS: FileKind[] = ['code', 'test', 'docs', 'types', 'example', 'other']

const TEST_DIR = /(^|\/)(tests?|specs?|__tests__|__mocks__|testdata|fixtures)\//i
const TEST_NAME = /([._-](test|spec)s?\.[cm]?[jt]sx?|(Spec|Test)\.[cm]?[jt]sx?|_test\.(go|py)|^test_[^/]*\.py)$/
const DOC_NAME = /\.(md|mdx|markdown|rst|adoc|txt)$/i
const DOC_DIR = /(^|\/)docs?\//i
const EXAMPLE_DIR = /(^|\/)(examples?|demos?|samples?|benchmarks?|bench)\//i

/** The kind of a file by its path. */
export function fileKind(path: string): FileKind {
  const name = path.split('/').at(-1) ?? path
  if (TEST_DIR.test(path) || TEST_NAME.test(name)) return 'test'
  if (/\.d\.[cm]?ts$/.test(name)) return 'types'
  if (DOC_NAME.test(name) || DOC_DIR.test(path)) return 'docs'
  if (EXAMPLE_DIR.test(path)) return 'example'
  return languageOf(path) ? 'code' : 'other'
}

export type KindPreference = 'code' | 'docs' | 'tests' | 'any'

/**
 * How much a file of each kind keeps of its score. With `code` (the default) source comes first and the rest is
 * halved; a kind the query itself names ("the test for ...", "docs about ...") is not lowered. The factors are round
 * numbers, not fitted: bench/rag-quality.ts shows the same ranking for 0.3-0.7 on every codebase it measures.
 */
export function kindWeights(prefer: KindPreference, asked: Set<FileKind>): Record<FileKind, number> {
  const w: Record<FileKind, number> = {code: 1, test: 0.5, docs: 0.5, types: 0.6, example: 0.5, other: 0.8}
  if (prefer === 'any') for (const k of FILE_KINDS) w[k] = 1
  if (prefer === 'docs') Object.assign(w, {docs: 1, types: 1, code: 0.6})
  if (prefer === 'tests') Object.assign(w, {test: 1, code: 0.6})
  for (const k of asked) w[k] = Math.max(w[k], 1)
  return w
}
