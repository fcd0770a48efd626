import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {execa} from 'execa'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {grepTool} from '../../../src/agent/tools/grep.js'
import {ciTool, onPathAt} from '../../support/ci-clients.js'
import {tempRepo} from '../temp-repo.js'
import {toolContext} from './context.js'

// The grep tool takes JavaScript regular expressions and must answer the same with ripgrep on PATH as without it:
// ripgrep's default (Rust) engine rejected `foo() {`, `a\/b`, named groups and look-around ("grep failed: …
// unclosed group"), and listed files in another order and set.

const files = {
  'src/a.ts': 'export function foo() {\n  return "a/b"\n}\n',
  'src/b.ts': 'const x = [1]\nconst name = "foo"\nfoo()\nfunction bar() {}\nfoo {\n',
  'README.md': 'foo and bar\n',
  '.github/ci.yml': 'run: foo\n',
  '.gitignore': 'ignored/\n',
  'ignored/c.ts': 'foo()\n',
  // Secret files: left out by both engines, and named in the same note.
  '.env': 'FOO_TOKEN=foo-secret\n',
  'keys/id_rsa': 'foo() { key }\n',
}

const PATTERNS = [
  'foo',
  'foo\\(\\) \\{',
  'foo() {',
  'a\\/b',
  '(?<word>foo)\\(',
  'foo(?=\\()',
  '(?<!export )function',
  '"(\\w+)"',
  '[[]1',
  '^const \\w+ = \\[\\d\\]$',
]

afterEach(() => vi.unstubAllEnvs())

/** A PATH holding git and nothing else, so the tool takes its JS search. */
function gitOnlyPath(): string {
  const bin = mkdtempSync(join(tmpdir(), 'oac-git-only-'))
  symlinkSync(onPathAt('git') ?? '/usr/bin/git', join(bin, 'git'))
  return bin
}

async function both(dir: string, args: {pattern: string; glob?: string; ignore_case?: boolean}, rgPath: string) {
  const run = (PATH: string) => {
    vi.stubEnv('PATH', PATH)
    return grepTool.run(args, toolContext(dir)).catch((e: Error) => `threw: ${e.message}`)
  }
  const js = await run(gitOnlyPath())
  const rg = await run(`${dirname(rgPath)}:${process.env.PATH}`)
  return {js, rg}
}

describe('grep gives the same answer with ripgrep as with its JS search', () => {
  it.for(PATTERNS)('in a git repository: /%s/', async (pattern, ctx) => {
    const rgPath = ciTool(ctx, 'rg', 'apt-get install ripgrep')
    const repo = await tempRepo(files)
    const {js, rg} = await both(repo, {pattern}, rgPath)
    expect(js).not.toMatch(/^threw|^No matches/)
    expect(rg).toBe(js)
  })

  it('outside git (generated folders skipped), with a glob and ignore_case, and a pattern JS rejects', async (ctx) => {
    const rgPath = ciTool(ctx, 'rg', 'apt-get install ripgrep')
    const dir = mkdtempSync(join(tmpdir(), 'oac-grep-plain-'))
    for (const [path, text] of Object.entries({...files, 'node_modules/x/i.ts': 'foo\n', 'dist/o.ts': 'Foo\n'})) {
      mkdirSync(dirname(join(dir, path)), {recursive: true})
      await execa('sh', ['-c', 'cat > "$1"', 'sh', join(dir, path)], {input: text})
    }
    for (const args of [{pattern: 'FOO', ignore_case: true}, {pattern: 'foo', glob: '*.ts'}, {pattern: '('}]) {
      const {js, rg} = await both(dir, args, rgPath)
      expect(rg).toBe(js)
    }
    const {js} = await both(dir, {pattern: '('}, rgPath)
    expect(js).toMatch(/threw: Invalid regular expression/)
  })

  it('neither follows a symlink out of the project: a tracked aws.txt -> ~/.aws/credentials, a folder made a link to ~/.config/gh', async (ctx) => {
    const rgPath = ciTool(ctx, 'rg', 'apt-get install ripgrep')
    const home = process.env.HOME as string
    mkdirSync(join(home, '.aws'), {recursive: true})
    mkdirSync(join(home, '.config', 'gh'), {recursive: true})
    writeFileSync(join(home, '.aws', 'credentials'), '[default]\naws_secret_access_key = foo-decoy-aws\n')
    writeFileSync(join(home, '.config', 'gh', 'hosts.yml'), 'github.com:\n    oauth_token: foo-decoy-gh\n')
    const repo = await tempRepo({'src/a.ts': 'foo()\n', 'gh/hosts.yml': 'github.com: foo\n'})
    symlinkSync(join(home, '.aws', 'credentials'), join(repo, 'aws.txt'))
    await execa('git', ['add', 'aws.txt'], {cwd: repo})
    await execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'link'], {cwd: repo})
    // What sandboxed bash can do without seeing the target: git still lists gh/hosts.yml from its index.
    rmSync(join(repo, 'gh'), {recursive: true})
    symlinkSync(join(home, '.config', 'gh'), join(repo, 'gh'))
    const {js, rg} = await both(repo, {pattern: 'foo'}, rgPath)
    expect(js).toBe('src/a.ts:1:foo()')
    expect(rg).toBe(js)
  })
})
