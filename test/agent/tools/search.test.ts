import {describe, expect, it} from 'vitest'
import {globTool} from '../../../src/agent/tools/glob.js'
import {globToRegExp} from '../../../src/agent/tools/glob-pattern.js'
import {grepTool} from '../../../src/agent/tools/grep.js'
import {lsTool} from '../../../src/agent/tools/ls.js'
import {todoTool} from '../../../src/agent/tools/todo.js'
import {tempRepo} from '../temp-repo.js'
import {toolContext} from './context.js'

const project = {
  'src/a.ts': 'export const alpha = 1\n',
  'src/deep/b.ts': 'export const Beta = 2\n',
  'README.md': 'alpha and beta\n',
  '.gitignore': 'ignored/\n',
  'ignored/c.ts': 'export const alpha = 3\n',
}

describe('grep', () => {
  it('prints file:line:text, honours .gitignore, glob and ignore_case', async () => {
    const repo = await tempRepo(project)
    const ctx = toolContext(repo)
    expect(await grepTool.run({pattern: 'alpha'}, ctx)).toBe(
      'README.md:1:alpha and beta\nsrc/a.ts:1:export const alpha = 1',
    )
    expect(await grepTool.run({pattern: 'beta', glob: '*.ts', ignore_case: true}, ctx)).toBe(
      'src/deep/b.ts:1:export const Beta = 2',
    )
    expect(await grepTool.run({pattern: 'gamma', path: 'src'}, ctx)).toBe('No matches for /gamma/ in src.')
    // Paths from the project root, whatever folder was searched: the model reads the path grep printed.
    expect(await grepTool.run({pattern: 'Beta', path: 'src/deep'}, ctx)).toBe('src/deep/b.ts:1:export const Beta = 2')
    expect(await grepTool.run({pattern: 'Beta', path: './src/'}, ctx)).toBe('src/deep/b.ts:1:export const Beta = 2')
    await expect(grepTool.run({pattern: '('}, ctx)).rejects.toThrow('Invalid regular expression')
  })

  it('caps the number of matching lines and says so', async () => {
    const repo = await tempRepo({'many.txt': 'hit\n'.repeat(300)})
    const out = await grepTool.run({pattern: 'hit'}, toolContext(repo))
    expect(out.split('\n')).toHaveLength(201)
    expect(out).toMatch(/\n\[… 100 more matching lines not shown; narrow the pattern, path or glob\]$/)
  })
})

describe('glob and ls', () => {
  it('matches globs the way ripgrep does', () => {
    expect(globToRegExp('*.ts').test('src/deep/b.ts')).toBe(true)
    expect(globToRegExp('src/*.ts').test('src/deep/b.ts')).toBe(false)
    expect(globToRegExp('src/**/*.{ts,md}').test('src/deep/b.ts')).toBe(true)
    expect(globToRegExp('src/**/*.ts').test('src/a.ts')).toBe(true)
    // Character classes, which the hand-written translation turned into literal text.
    expect(globToRegExp('*.[jt]s').test('src/deep/b.ts')).toBe(true)
    expect(globToRegExp('*.[jt]s').test('lib/c.js')).toBe(true)
    expect(globToRegExp('*.[jt]s').test('README.md')).toBe(false)
    expect(globToRegExp('*.ts').test('.hidden/x.ts')).toBe(true)
  })

  it('finds files and lists folders', async () => {
    const repo = await tempRepo(project)
    expect(await globTool.run({pattern: 'src/**/*.ts'}, toolContext(repo))).toBe('src/a.ts\nsrc/deep/b.ts')
    expect(await lsTool.run({}, toolContext(repo))).toBe('.gitignore\nREADME.md\nignored/\nsrc/')
    await expect(lsTool.run({path: 'nope'}, toolContext(repo))).rejects.toThrow('Cannot list `nope`')
  })
})

describe('todo', () => {
  it('replaces the list and shows it', async () => {
    const ctx = toolContext('/tmp')
    const todos = [
      {content: 'read', status: 'completed' as const},
      {content: 'fix', status: 'in_progress' as const},
    ]
    expect(await todoTool.run({todos}, ctx)).toBe('[x] read\n[~] fix')
    expect(ctx.todos).toEqual(todos)
  })
})
