import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {commitText, mineQuestions, questionOf} from '../../../src/evals/retrieval/mine-questions.js'
import {runRetrievalEval} from '../../../src/evals/retrieval/run-retrieval.js'
import {Store} from '../../../src/store/store.js'
import {tempRepo} from '../../agent/temp-repo.js'
import {runCli} from '../../support/run-cli.js'

// `oac eval retrieval` on a small repository with history: questions from commits, scored at file level beside
// BM25, saved as a run.

const SOURCES: Record<string, string> = {
  'src/lexer.ts': 'export function tokenize(text: string) {\n  return text.split(" ")\n}\n',
  'src/parser.ts': 'export function parseTokens(tokens: string[]) {\n  return tokens.map((t) => ({t}))\n}\n',
  'src/printer.ts': 'export function printTree(tree: unknown[]) {\n  return JSON.stringify(tree)\n}\n',
  'src/a.ts': 'export const a = 1\n',
  'src/b.ts': 'export const b = 1\n',
  'src/c.ts': 'export const c = 1\n',
  'src/old.ts': 'export const old = 1\n',
  'README.md': '# Demo\n',
  'package.json': '{"devDependencies": {"typescript": "5.8.0"}}\n',
  'test/lexer.test.ts': 'import {tokenize} from "../src/lexer"\n',
}

async function repoWithHistory(): Promise<string> {
  const root = await tempRepo(SOURCES)
  const commit = async (message: string, files: Record<string, string | null>) => {
    for (const [path, text] of Object.entries(files)) {
      if (text === null) rmSync(join(root, path))
      else {
        mkdirSync(dirname(join(root, path)), {recursive: true})
        writeFileSync(join(root, path), text)
      }
    }
    const git = (...args: string[]) => execa('git', args, {cwd: root})
    await git('add', '-A')
    await git('-c', 'user.name=oac', '-c', 'user.email=oac@example.com', 'commit', '-qm', message)
  }
  await commit('Old module gets a helper', {'src/old.ts': 'export const old = 2\n'})
  await commit('Remove the old module', {'src/old.ts': null})
  await commit('Lexer: split tokens at tab characters too\n\nTabs were kept inside tokens.\n\nSigned-off-by: A <a@b>', {
    'src/lexer.ts': 'export function tokenize(text: string) {\n  return text.split(/[ \\t]/)\n}\n',
    'test/lexer.test.ts': 'import {tokenize} from "../src/lexer"\ntokenize("a\\tb")\n',
  })
  await commit('Parser reports the line and column of an unexpected token', {
    'src/parser.ts':
      'export function parseTokens(tokens: string[]) {\n  throw new Error("unexpected token at line 1, column 2")\n}\n',
  })
  await commit('Docs: describe the printer options', {'README.md': '# Demo\nThe printer prints trees.\n'})
  await commit('Bump typescript from 5.8.0 to 5.9.3', {
    'package.json': '{"devDependencies": {"typescript": "5.9.3"}}\n',
  })
  await commit('Reformat every module with the new style', {
    'src/lexer.ts': `${SOURCES['src/lexer.ts']}\n`,
    'src/parser.ts': `${SOURCES['src/parser.ts']}\n`,
    'src/printer.ts': `${SOURCES['src/printer.ts']}\n`,
    'src/a.ts': 'export const a = 2\n',
    'src/b.ts': 'export const b = 2\n',
    'src/c.ts': 'export const c = 2\n',
  })
  await commit('wip', {'src/a.ts': 'export const a = 3\n'})
  await commit('Printer: indent nested trees by two spaces', {
    'src/printer.ts': 'export function printTree(tree: unknown[]) {\n  return JSON.stringify(tree, null, 2)\n}\n',
  })
  return root
}

describe('questions mined from history', () => {
  it('commit text without trailers and merge lines; what is skipped and why', () => {
    expect(
      commitText({subject: 'Merge pull request #12 from x/y', body: 'Fix the lexer\n\nCo-authored-by: B <b@c>'}),
    ).toBe('Fix the lexer')
    const c = (subject: string, paths: string[]) => ({
      sha: 'x',
      parent: 'y',
      merge: false,
      date: '',
      subject,
      body: '',
      files: paths.map((path) => ({path, kind: 'code' as const, added: 1, deleted: 0})),
    })
    const indexed = new Set(['src/a.ts', 'src/b.ts', 'docs/x.md', 'src/a.test.ts'])
    expect(questionOf(c('Fix the parser error message', ['src/a.ts', 'src/a.test.ts', 'docs/x.md']), indexed)).toEqual({
      question: {q: 'Fix the parser error message', gold: ['src/a.ts'], type: 'history'},
    })
    expect(questionOf(c('Fix the parser error message', ['src/gone.ts']), indexed)).toEqual({
      skip: 'changes no source file that is still here',
    })
    expect(questionOf(c('wip', ['src/a.ts']), indexed)).toEqual({skip: 'says too little'})
    expect(questionOf(c('Revert "Fix the parser"', ['src/a.ts']), indexed)).toEqual({
      skip: 'release, revert or dependency bump',
    })
  })

  it('from a repository: newest first, each skip counted', async () => {
    const root = await repoWithHistory()
    const indexed = new Set(['src/lexer.ts', 'src/parser.ts', 'src/printer.ts', 'src/a.ts', 'src/b.ts', 'src/c.ts'])
    const mined = await mineQuestions(root, indexed, {limit: 10})
    expect(mined.questions.map((q) => [q.q.split('\n')[0], q.gold])).toEqual([
      ['Printer: indent nested trees by two spaces', ['src/printer.ts']],
      ['Parser reports the line and column of an unexpected token', ['src/parser.ts']],
      ['Lexer: split tokens at tab characters too', ['src/lexer.ts']],
    ])
    expect(mined.questions[2]?.q).toBe('Lexer: split tokens at tab characters too\nTabs were kept inside tokens.')
    expect(mined.skipped).toEqual({
      'says too little': 2,
      'changes more than 5 source files': 1,
      'release, revert or dependency bump': 1,
      'changes no source file that is still here': 3,
    })
    expect(mined.scanned).toBe(10)
  })
})

describe('oac eval retrieval', () => {
  it('indexes, asks every question of oac and of BM25, and saves the run', async () => {
    const root = await repoWithHistory()
    const report = await runRetrievalEval({root, limit: 10, save: true})
    expect(report.summary).toMatchObject({
      root,
      source: 'history',
      questions: 3,
      embedding: null,
      modes: {lexical: {questions: 3}},
      baseline: {bm25: {questions: 3}},
    })
    expect(report.summary.modes.lexical.recallAt5).toBe(1)
    expect(report.summary.modes.vector).toBeUndefined()
    expect(report.notes).toEqual([
      expect.stringMatching(/^vector and hybrid not measured: the index has no embeddings/),
    ])
    const store = Store.open()
    const run = store.getRun(report.runId as number)
    expect(run).toMatchObject({kind: 'eval-retrieval', status: 'complete', model: 'lexical'})
    expect(run?.summary).toEqual(report.summary)
    expect(store.samples(report.runId as number).map((s) => (s.data as {gold: string[]}).gold)).toEqual([
      ['src/printer.ts'],
      ['src/parser.ts'],
      ['src/lexer.ts'],
    ])
    store.close()
  })

  it('takes written questions, and says when there are none (exit 2)', async () => {
    // Text files only: the spawned CLI then loads no tree-sitter grammar (~15 s to compile on this box).
    const root = await tempRepo({
      'notes/printer.txt': 'The printer prints a tree as JSON.\n',
      'notes/lexer.txt': 'Tokens.\n',
    })
    const file = join(root, 'questions.json')
    writeFileSync(file, JSON.stringify([{q: 'print a tree as JSON', gold: ['notes/printer.txt']}]))
    const cli = await runCli(['eval', 'retrieval', root, '--questions', file, '--no-save', '--json'])
    expect(cli.exitCode).toBe(0)
    expect(JSON.parse(cli.stdout).summary).toMatchObject({
      source: 'questions',
      questions: 1,
      modes: {lexical: {mrrAt10: 1}},
    })
    await expect(runRetrievalEval({root, limit: 10, save: false})).rejects.toMatchObject({
      exit: 2,
      message: expect.stringMatching(/^No questions: of the 1 newest commits none describes a change/),
    })
  })
})
