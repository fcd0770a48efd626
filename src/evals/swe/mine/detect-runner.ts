import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {shellQuote} from '../run-tests.js'
import {npmSetupCmd} from './npm-setup.js'

// How to run a project's tests so oac can read each test's result: the project's own runner, told to print a
// machine-readable report (`oac eval swe` reads TAP, JUnit XML, jest/vitest/mocha JSON, go test -json and
// unittest -v), on the test files a change touched, as SWE-bench runs a task's test files. Found from package.json
// (its test script and dependencies), Python's test layout, or go.mod, in a checkout of the task's base.

export type RunnerName = 'node-test' | 'vitest' | 'jest' | 'mocha' | 'ava' | 'tap' | 'pytest' | 'unittest' | 'go'

export interface Runner {
  runner: RunnerName
  language: 'javascript' | 'typescript' | 'python' | 'go'
  /** The runner on the changed test files. */
  test_cmd: string
  /** The runner on the whole suite (its own default discovery). */
  suite_cmd: string
  setup_cmd?: string
}

interface PackageJson {
  scripts?: Record<string, string>
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

const files = (list: string[]) => list.map(shellQuote).join(' ')

/** The JavaScript runner a package uses: its test script first, then its dev dependencies, then node:test imports. */
export function jsRunner(pkg: PackageJson, testSources: string[]): RunnerName | undefined {
  const script = pkg.scripts?.test ?? ''
  const deps = {...pkg.dependencies, ...pkg.devDependencies}
  const byScript: [RegExp, RunnerName][] = [
    [/\bvitest\b/, 'vitest'],
    [/\bjest\b/, 'jest'],
    [/\bmocha\b/, 'mocha'],
    [/\bava\b/, 'ava'],
    [/(^|[\s;&|(])tap\b/, 'tap'],
    [/\bnode\b[^;&|]*--test\b/, 'node-test'],
  ]
  for (const [re, name] of byScript) if (re.test(script)) return name
  for (const name of ['vitest', 'jest', 'mocha', 'ava', 'tap'] as const) if (deps[name]) return name
  if (testSources.some((s) => /from ['"]node:test['"]|require\(['"]node:test['"]\)/.test(s))) return 'node-test'
  return undefined
}

/** The test command of a JavaScript runner on `tests`, with the report oac reads. */
export function jsTestCmd(runner: RunnerName, tests: string[]): string {
  const bin = (name: string) => `node_modules/.bin/${name}`
  switch (runner) {
    case 'node-test':
      return `node --test --test-reporter=tap ${files(tests)}`
    case 'vitest':
      return `${bin('vitest')} run --reporter=junit --coverage.enabled=false ${files(tests)}`
    case 'jest':
      return `${bin('jest')} --ci --json --coverage=false ${files(tests)}`
    case 'mocha':
      return `${bin('mocha')} --reporter json ${files(tests)}`
    case 'ava':
      return `${bin('ava')} --tap ${files(tests)}`
    default:
      return `${bin('tap')} --reporter=tap ${files(tests)}`
  }
}

const hasDeps = (pkg: PackageJson) =>
  [pkg.dependencies, pkg.devDependencies, pkg.optionalDependencies].some((d) => d && Object.keys(d).length > 0)

/**
 * The runner of the project checked out in `dir` for the test files `tests` (paths in the repository), or the
 * reason there is none.
 */
export function detectRunner(dir: string, tests: string[], hasPytest: boolean): Runner | {reason: string} {
  const read = (path: string) => {
    try {
      return readFileSync(join(dir, path), 'utf8')
    } catch {
      return ''
    }
  }
  if (existsSync(join(dir, 'package.json'))) {
    let pkg: PackageJson
    try {
      pkg = JSON.parse(read('package.json')) as PackageJson
    } catch {
      return {reason: 'package.json is not valid JSON'}
    }
    const js = tests.filter((t) => /\.[cm]?[jt]sx?$/.test(t))
    if (!js.length) return {reason: 'no JavaScript test file changed'}
    const runner = jsRunner(pkg, js.map(read))
    if (!runner)
      return {reason: `no supported test runner in package.json (test script: ${pkg.scripts?.test ?? 'none'})`}
    const typescript = js.some((t) => /\.[cm]?tsx?$/.test(t))
    if (runner === 'node-test' && typescript) return {reason: 'node --test cannot run TypeScript test files here'}
    return {
      runner,
      language: typescript ? 'typescript' : 'javascript',
      test_cmd: jsTestCmd(runner, js),
      suite_cmd: jsTestCmd(runner, []).trimEnd(),
      ...(hasDeps(pkg) ? {setup_cmd: npmSetupCmd()} : {}),
    }
  }
  const py = tests.filter((t) => t.endsWith('.py') && !t.endsWith('conftest.py'))
  if (py.length) {
    const pytestConfig =
      ['pytest.ini', 'conftest.py'].some((f) => existsSync(join(dir, f))) ||
      /\[tool\.pytest/.test(read('pyproject.toml')) ||
      /\[tool:pytest\]/.test(read('setup.cfg')) ||
      py.some((t) => /^\s*(import pytest|from pytest)/m.test(read(t)))
    const pytest = 'python3 -m pytest -p no:cacheprovider -q --junitxml=/dev/stdout'
    if (pytestConfig && hasPytest)
      return {runner: 'pytest', language: 'python', test_cmd: `${pytest} ${files(py)}`, suite_cmd: pytest}
    if (pytestConfig) return {reason: 'the tests use pytest, which is not installed here'}
    const modules = py.map((t) => t.replace(/\.py$/, '').replace(/\//g, '.'))
    return {
      runner: 'unittest',
      language: 'python',
      test_cmd: `python3 -m unittest -v ${files(modules)}`,
      suite_cmd: 'python3 -m unittest discover -v',
    }
  }
  const go = tests.filter((t) => t.endsWith('_test.go'))
  if (go.length && existsSync(join(dir, 'go.mod'))) {
    const packages = [...new Set(go.map((t) => `./${t.includes('/') ? t.slice(0, t.lastIndexOf('/')) : '.'}`))]
    return {
      runner: 'go',
      language: 'go',
      test_cmd: `go test -json ${files(packages)}`,
      suite_cmd: 'go test -json ./...',
    }
  }
  return {reason: 'no test runner found (package.json, Python tests or go.mod)'}
}
