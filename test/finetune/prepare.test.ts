import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {execa} from 'execa'
import {beforeAll, describe, expect, it} from 'vitest'
import type {DatasetCard} from '../../src/finetune/prepare/card.js'
import type {Pair} from '../../src/finetune/prepare/pair.js'
import {prepare} from '../../src/finetune/prepare/prepare.js'
import {runCli} from '../support/run-cli.js'

// `oac finetune prepare` on a repository whose history holds one commit of each kind: a fix with its test, docs,
// a lockfile bump, a merged branch, a revert and a re-apply of the same change, a planted secret (added, then a
// change beside it, then removed), and two changes a mined dataset holds out (one by commit, one by patch only).

const SECRET = ['ghp', '_', 'Zq8Lm2Xv9Rt4Kp7Wn3Yb6Hc1Jd5Fg0Sa2Qe8'].join('')
let repo: string
let shas: Record<string, string>
const day = (n: number) => `2025-03-${String(n).padStart(2, '0')}T12:00:00Z`

async function commit(name: string, files: Record<string, string | null>, message: string, n: number) {
  for (const [path, text] of Object.entries(files)) {
    if (text === null) await execa('git', ['rm', '-q', path], {cwd: repo})
    else {
      mkdirSync(dirname(join(repo, path)), {recursive: true})
      writeFileSync(join(repo, path), text)
    }
  }
  await execa('git', ['add', '-A'], {cwd: repo})
  const env = {GIT_AUTHOR_DATE: day(n), GIT_COMMITTER_DATE: day(n)}
  await execa('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@x', 'commit', '-qm', message], {cwd: repo, env})
  shas[name] = (await execa('git', ['rev-parse', 'HEAD'], {cwd: repo})).stdout
}

// The token line is far enough from `retries` that an edit of retries does not show it (3 lines of context).
const config = (token: string, retries: number) =>
  `export const token = ${token}\n${Array.from({length: 8}, (_, i) => `export const f${i} = ${i}`).join('\n')}\nexport const retries = ${retries}\n`
const calc = (add: string, half = 'a / 2') =>
  `export const add = (a, b) => ${add}\nexport const half = (a) => ${half}\n`
const read = (out: string) => ({
  pairs: readFileSync(join(out, 'pairs.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Pair),
  card: JSON.parse(readFileSync(join(out, 'card.json'), 'utf8')) as DatasetCard,
})

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'oac-ft-repo-'))
  shas = {}
  await execa('git', ['init', '-q', '-b', 'main'], {cwd: repo})
  await commit(
    'root',
    {
      'lib/calc.js': calc('a - b'),
      LICENSE: 'MIT License\n\nPermission is hereby granted, free of charge, to any person\n',
    },
    'Initial',
    1,
  )
  await commit(
    'fix',
    {'lib/calc.js': calc('a + b'), 'test/calc.test.js': 'test add\n'},
    'Fix add\n\nadd subtracted.\n\nSigned-off-by: dev <dev@x>',
    2,
  )
  await commit('docs', {'README.md': '# calc\n'}, 'Docs', 3)
  await commit('lock', {'package-lock.json': '{}\n'}, 'Bump lockfile', 4)
  await commit('secret', {'lib/config.js': config(`'${SECRET}'`, 3)}, 'Add config', 5)
  await commit('beside', {'lib/config.js': config(`'${SECRET}'`, 5)}, 'More retries', 6)
  await commit('unsecret', {'lib/config.js': config('process.env.TOKEN', 5)}, 'Read the token from the environment', 7)
  await commit('half', {'lib/calc.js': calc('a + b', 'Math.floor(a / 2)')}, 'Half rounds down', 8)
  await execa('git', ['revert', '--no-edit', 'HEAD'], {
    cwd: repo,
    env: {
      GIT_AUTHOR_NAME: 'd',
      GIT_AUTHOR_EMAIL: 'd@x',
      GIT_COMMITTER_NAME: 'd',
      GIT_COMMITTER_EMAIL: 'd@x',
      GIT_AUTHOR_DATE: day(9),
      GIT_COMMITTER_DATE: day(9),
    },
  })
  await commit('again', {'lib/calc.js': calc('a + b', 'Math.floor(a / 2)')}, 'Round half down again', 10)
  await execa('git', ['checkout', '-q', '-b', 'topic'], {cwd: repo})
  await commit('topic', {'lib/sub.js': 'export const sub = (a, b) => a - b\n'}, 'Add sub', 11)
  await execa('git', ['checkout', '-q', 'main'], {cwd: repo})
  await execa(
    'git',
    ['-c', 'user.name=dev', '-c', 'user.email=dev@x', 'merge', '-q', '--no-ff', '-m', 'Merge topic', 'topic'],
    {cwd: repo, env: {GIT_AUTHOR_DATE: day(12), GIT_COMMITTER_DATE: day(12)}},
  )
  await commit('held', {'lib/mul.js': 'export const mul = (a, b) => a * b\n'}, 'Add mul', 13)
  await commit('cherry', {'lib/div.js': 'export const div = (a, b) => a / b\n'}, 'Add div', 14)
})

const task = (id: string, commit: string, patch: string) => ({
  instance_id: id,
  repo: 'acme/calc',
  base_commit: commit,
  problem_statement: 'x',
  patch,
  test_patch: '',
  FAIL_TO_PASS: ['test add'],
  PASS_TO_PASS: [],
  test_cmd: 'node --test',
  commit,
  split: 'eval',
})

describe('finetune prepare', () => {
  let out: string
  let card: DatasetCard
  let pairs: Pair[]
  beforeAll(async () => {
    // The evaluation split: `held` by its commit; `cherry` by its patch only (a cherry-pick elsewhere: another sha).
    const cherryPatch = (
      await execa('git', ['diff', '--full-index', `${shas.cherry}~1`, shas.cherry ?? ''], {cwd: repo})
    ).stdout
    const mined = join(repo, '..', `mined-${Date.now()}.jsonl`)
    writeFileSync(
      mined,
      [
        task('held', shas.held ?? '', `diff --git a/lib/mul.js b/lib/mul.js\n+export const mul = (a, b) => a * b\n`),
        task('cherry', 'f'.repeat(40), `${cherryPatch}\n`),
      ]
        .map((t) => JSON.stringify(t))
        .join('\n'),
    )
    out = mkdtempSync(join(tmpdir(), 'oac-ft-out-'))
    card = await prepare({
      path: repo,
      out,
      target: 'tools',
      maxLines: 400,
      maxTokens: 8192,
      contextTokens: 6000,
      mined,
      command: 'oac finetune prepare',
    })
    pairs = read(out).pairs
  })

  it('keeps each hand-written change as a pair and counts every other commit once, by reason', () => {
    expect(card.commits_scanned).toBe(13)
    expect(card.dropped).toEqual({
      root: 1,
      merge: 1,
      revert: 1,
      'generated-only': 1,
      'no-code': 1,
      'held-out': 2,
      'near-duplicate': 1,
      secret: 2,
    })
    expect(card.kept).toBe(3)
    expect(pairs.map((p) => p.messages[1]?.content.split('\n')[0])).toEqual([
      'Fix add',
      'More retries',
      'Half rounds down',
    ])
    expect(card.license).toBe('MIT')
    expect(card.dates).toEqual({first: day(2).replace('Z', '+00:00'), last: day(8).replace('Z', '+00:00')})
    expect(card.tokens.buckets.reduce((n, b) => n + b.count, 0)).toBe(3)
  })

  it("writes the change as the agent's tool calls, with the files as they were and no commit trailer", () => {
    const fix = pairs[0] as Pair
    expect(fix.tools?.map((t) => t.function.name)).toContain('edit')
    expect(fix.messages[1]?.content).toContain('add subtracted.')
    expect(fix.messages[1]?.content).not.toContain('Signed-off-by')
    expect(fix.messages[1]?.content).toContain(`### lib/calc.js\n\`\`\`\n${calc('a - b')}`)
    expect(fix.messages[2]?.tool_calls?.map((c) => c.function)).toEqual([
      {
        name: 'edit',
        arguments: {
          path: 'lib/calc.js',
          old_string: 'export const add = (a, b) => a - b\nexport const half = (a) => a / 2',
          new_string: 'export const add = (a, b) => a + b\nexport const half = (a) => a / 2',
        },
      },
      {name: 'write', arguments: {path: 'test/calc.test.js', content: 'test add\n'}},
    ])
  })

  it('never lets a planted secret reach the output: the change holding it is dropped, the context is redacted', () => {
    for (const name of readdirSync(out)) expect(readFileSync(join(out, name), 'utf8')).not.toContain(SECRET)
    const beside = pairs[1] as Pair
    expect(beside.messages[1]?.content).toContain("export const token = '[REDACTED:github-token]'")
    expect(card.context_redactions).toBe(1)
  })

  it('checks and records the split: the evaluation commits and patches are not in the pairs written', () => {
    expect(card.split).toMatchObject({eval_commits: 2, eval_patches: 2, pairs_checked: 3, leaked: []})
    const index = readFileSync(join(out, 'pairs.index.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
    expect(index.map((i) => i.commit)).toEqual([shas.fix, shas.beside, shas.half])
    expect(index.every((i) => /^[0-9a-f]{64}$/.test(i.patch_hash))).toBe(true)
    expect(readFileSync(join(out, 'card.md'), 'utf8')).toContain(
      '3 pairs checked against 2 evaluation commits and 2 patch hashes',
    )
  })

  it('writes the change as a unified diff with --target diff', async () => {
    const diffOut = mkdtempSync(join(tmpdir(), 'oac-ft-diff-'))
    await prepare({
      path: repo,
      out: diffOut,
      target: 'diff',
      maxLines: 400,
      maxTokens: 8192,
      contextTokens: 0,
      limit: 12,
      command: 'x',
    })
    const fix = read(diffOut).pairs[0] as Pair
    expect(fix.tools).toBeUndefined()
    expect(fix.messages[1]?.content).not.toContain('### lib/calc.js')
    expect(fix.messages[2]?.content).toContain(
      '-export const add = (a, b) => a - b\n+export const add = (a, b) => a + b',
    )
  })

  it('runs as a command: --json prints the card; a bad date is bad input and writes nothing', async () => {
    const cliOut = join(mkdtempSync(join(tmpdir(), 'oac-ft-cli-')), 'ft')
    const bad = await runCli(['finetune', 'prepare', repo, '--out', cliOut, '--hold-out-after', 'last week'])
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toContain('Expected --hold-out-after to be a date')
    expect(existsSync(cliOut)).toBe(false)
    const ok = await runCli(['finetune', 'prepare', repo, '--out', cliOut, '--hold-out-after', '2025-03-05', '--json'])
    expect(ok.exitCode).toBe(0)
    const printed = JSON.parse(ok.stdout) as DatasetCard
    expect(printed).toMatchObject({kept: 1, dropped: expect.objectContaining({'after-hold-out-date': 7})})
    expect(printed.command).toBe(`oac finetune prepare ${repo} --out ${cliOut} --hold-out-after 2025-03-05 --json`)
  })
})
