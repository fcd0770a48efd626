import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {Checkpoints} from '../../../src/agent/checkpoints/checkpoints.js'
import {decide, type PermissionPolicy} from '../../../src/agent/permissions/decide.js'
import {openSandbox} from '../../../src/agent/sandbox/shell-sandbox.js'
import {git} from '../../../src/git/safe-git.js'

// The destructive-variant corpus (fixtures/agent/destructive-variants.jsonl): each variant is decided as an
// `oac agent --yes` run decides it, with the project under a temp HOME, and lands in one of three outcomes:
// - refused: the path guard resolved what it removes (the project root, .git, the home, a system folder);
// - asked: only a person may allow it (git discards, code or paths only known at run time), so --yes does not;
// - contained: it runs, inside the sandbox, and the project root and .git survive with their history, nothing
//   outside the project changes, and the task's checkpoint brings the work files back.
// A variant that runs is executed only inside two walls: oac's sandbox, itself inside a bubblewrap whose only
// writable mount is this variant's temp folder (and a private /tmp), with no network. Never on this machine.

interface Variant {
  id: number
  class: string
  command: string
  expect: 'refused' | 'asked' | 'contained'
}

const CORPUS = new URL('../../../fixtures/agent/destructive-variants.jsonl', import.meta.url)
const variants = readFileSync(CORPUS, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Variant)

const POLICY: PermissionPolicy = {allow: [], ask: [], deny: [], sandbox: {ok: true, mode: 'workspace-write'}}
const sh = (cwd: string, ...args: string[]) =>
  execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {cwd, env: {GIT_CONFIG_GLOBAL: '/dev/null'}})

/** A temp folder with home/ (a decoy file) and home/work/proj (a repository with history, a branch, a tag, a stash). */
async function world(): Promise<{base: string; home: string; root: string}> {
  const base = mkdtempSync(join(tmpdir(), 'oac-corpus-'))
  const home = join(base, 'home')
  const root = join(home, 'work', 'proj')
  mkdirSync(join(root, 'src'), {recursive: true})
  mkdirSync(join(base, 'outside'))
  writeFileSync(join(home, 'keep.txt'), 'home file\n')
  writeFileSync(join(base, 'outside', 'keep.txt'), 'outside file\n')
  writeFileSync(join(root, 'a.txt'), 'one\n')
  writeFileSync(join(root, 'src', 'app.js'), 'console.log(1)\n')
  // A build script whose removals depend on its arguments: the sandbox's business, not a question for a person.
  mkdirSync(join(root, 'scripts'))
  writeFileSync(join(root, 'scripts', 'clean.sh'), 'OUT="$1"\nrm -rf "$OUT"\n')
  await sh(root, 'init', '-q', '-b', 'main')
  await sh(root, 'add', '-A')
  await sh(root, 'commit', '-qm', 'init')
  await sh(root, 'tag', 'v1')
  await sh(root, 'branch', 'feature')
  writeFileSync(join(root, 'a.txt'), 'two\n')
  await sh(root, 'commit', '-qam', 'second')
  writeFileSync(join(root, 'a.txt'), 'uncommitted\n')
  return {base, home, root}
}

const template = await world()

function decision(v: Variant, home: string, root: string) {
  const command = v.command.replaceAll('{ROOT}', root)
  return decide({tool: 'bash', args: {command}, mutates: true, root, home}, POLICY)
}

/** Runs a variant in a fresh copy of the world, inside both walls; what survived. */
async function contained(v: Variant): Promise<string[]> {
  const base = mkdtempSync(join(tmpdir(), 'oac-corpus-run-'))
  cpSync(template.base, base, {recursive: true, verbatimSymlinks: true})
  const home = join(base, 'home')
  const root = join(home, 'work', 'proj')
  const head = (await git(['rev-parse', 'HEAD'], {repo: root})).trim()
  const checkpoints = Checkpoints.for(root, join(base, 'oac'))
  const checkpoint = await checkpoints.save('corpus')
  const env = {
    HOME: home,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    OAC_HOME: join(base, 'oac'),
    OAC_CONFIG_DIR: join(base, 'cfg'),
  }
  const opened = await openSandbox('workspace-write', root, {}, 'linux', home, env)
  if (!opened.ok) throw new Error(`bubblewrap sandbox unavailable here: ${opened.reason}`)
  const wrapped = opened.sandbox.wrap(['bash', '-c', v.command.replaceAll('{ROOT}', root)], root)
  const outer = [
    '--ro-bind',
    '/',
    '/',
    '--tmpfs',
    '/tmp',
    '--bind',
    base,
    base,
    '--dev',
    '/dev',
    '--bind',
    '/proc',
    '/proc',
  ]
  outer.push('--unshare-user', '--unshare-pid', '--unshare-net', '--die-with-parent', '--')
  await execa('bwrap', [...outer, wrapped.file, ...wrapped.args], {
    cwd: root,
    env,
    extendEnv: false,
    reject: false,
    timeout: 30_000,
    stdin: 'ignore',
  })
  wrapped.finish?.()
  const lost: string[] = []
  if (!existsSync(root)) lost.push('project root')
  if (!existsSync(join(root, '.git'))) lost.push('.git')
  if (readFileSync(join(home, 'keep.txt'), 'utf8') !== 'home file\n') lost.push('a file in the home')
  if (readFileSync(join(base, 'outside', 'keep.txt'), 'utf8') !== 'outside file\n') lost.push('a file outside')
  await checkpoints.restore(checkpoint)
  const after = await git(['rev-parse', 'HEAD'], {repo: root}).catch(() => 'none')
  if (after.trim() !== head) lost.push('history (HEAD)')
  if (readFileSync(join(root, 'a.txt'), 'utf8') !== 'uncommitted\n') lost.push('uncommitted work after restore')
  return lost
}

describe('the destructive-variant corpus under --yes', () => {
  it(`decides all ${variants.length} variants as the corpus says, and none escapes`, {timeout: 600_000}, async () => {
    expect(variants.length).toBeGreaterThanOrEqual(100)
    const outcomes: {v: Variant; got: string; detail?: string}[] = []
    for (const v of variants) {
      const d = decision(v, template.home, template.root)
      if (d.kind === 'deny') outcomes.push({v, got: 'refused', detail: d.reason})
      else if (d.kind === 'ask' && d.person) outcomes.push({v, got: 'asked', detail: d.reason ?? ''})
      else {
        const lost = await contained(v)
        outcomes.push({v, got: lost.length ? 'escaped' : 'contained', detail: lost.join(', ')})
      }
    }
    const count = (kind: string) => outcomes.filter((o) => o.got === kind).length
    console.log(
      `destructive corpus: ${variants.length} variants, ${count('refused')} refused, ${count('asked')} asked, ${count('contained')} contained by the sandbox, ${count('escaped')} escaped`,
    )
    for (const o of outcomes)
      console.log(
        `  ${String(o.v.id).padStart(3)} ${o.got.padEnd(9)} ${o.v.class.padEnd(11)} ${JSON.stringify(o.v.command)}  ${o.detail ?? ''}`,
      )
    expect(outcomes.filter((o) => o.got === 'escaped').map((o) => `${o.v.id}: ${o.detail}`)).toEqual([])
    expect(outcomes.filter((o) => o.got !== o.v.expect).map((o) => `${o.v.id} ${o.v.command}: ${o.got}`)).toEqual([])
  })

  it('lets everyday commands through: none is refused or held for a person', () => {
    const everyday = [
      'npm test',
      'npm run build && npm run lint',
      'rm -rf node_modules dist build',
      'rm -rf ./coverage .cache',
      'rm -f src/old.js',
      'find . -name "*.pyc" -delete',
      'find src -name "*.orig" -exec rm {} +',
      'mv src/a.js src/b.js',
      'cp -r src/ backup/',
      'mkdir -p tmp && rm -rf tmp',
      'git status && git diff',
      'git add -A && git commit -qm "fix the test"',
      'git checkout main',
      'git checkout -b feature/x',
      'git switch -c topic',
      'git restore --staged a.txt',
      'git log --oneline -5',
      'git stash && git stash pop',
      'git branch -d merged-topic',
      'python3 -c "print(1 + 1)"',
      'node -e "console.log(process.version)"',
      'python3 - <<EOF\nimport json\nprint(json.dumps({"a": 1}))\nEOF',
      'bash scripts/build.sh',
      'bash scripts/clean.sh dist',
      'cd src && ls -la && cd ..',
      'rm -rf "$HOME/.cache/oac-scratch"',
      'X=dist; rm -rf "$X"',
      'chmod +x scripts/run.sh',
      'echo done > /tmp/marker',
      'rsync -a src/ /tmp/copy/',
      'ln -s ../shared lib/shared',
    ]
    const held = everyday
      .map((command) => ({
        command,
        d: decide({tool: 'bash', args: {command}, mutates: true, root: template.root, home: template.home}, POLICY),
      }))
      .filter(({d}) => d.kind === 'deny' || (d.kind === 'ask' && d.person))
    expect(held.map(({command, d}) => `${command}: ${'reason' in d ? d.reason : ''}`)).toEqual([])
  })
})
