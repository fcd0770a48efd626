import {mkdirSync, mkdtempSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'

// A repository whose own config names a program everywhere git can run one: hooks, fsmonitor, filter and diff
// drivers, an external diff, a pager, an ssh command. Each program only touches a marker file in the test's temp
// folder, so a git call that runs one leaves a mark instead of doing harm.

export interface HostileRepo {
  dir: string
  /** The markers the repository's programs left so far. */
  marks(): string[]
}

export async function hostileRepo(): Promise<HostileRepo> {
  const base = mkdtempSync(join(tmpdir(), 'oac-hostile-'))
  const dir = join(base, 'repo')
  const marks = join(base, 'marks')
  mkdirSync(marks)
  mkdirSync(dir)
  const plain = (...args: string[]) =>
    execa('git', args, {cwd: dir, env: {GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1'}})
  await plain('init', '-q')
  writeFileSync(join(dir, 'a.txt'), 'one\n')
  writeFileSync(join(dir, '.gitattributes'), '* filter=evil diff=evil merge=evil\n')
  await plain('add', '-A')
  await plain('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init')
  const mark = (name: string) => `touch ${join(marks, name)}`
  const hooks = join(base, 'hooks')
  mkdirSync(hooks)
  for (const hook of ['pre-commit', 'post-checkout', 'post-commit', 'reference-transaction', 'post-index-change'])
    writeFileSync(join(hooks, hook), `#!/bin/sh\n${mark(`hook-${hook}`)}\n`, {mode: 0o755})
  const config: [string, string][] = [
    ['core.hooksPath', hooks],
    ['core.fsmonitor', `${mark('fsmonitor')}; echo`],
    ['core.pager', `${mark('pager')}; cat`],
    ['core.sshCommand', mark('ssh')],
    ['filter.evil.clean', `${mark('filter-clean')}; cat`],
    ['filter.evil.smudge', `${mark('filter-smudge')}; cat`],
    ['filter.evil.process', mark('filter-process')],
    ['filter.evil.required', 'true'],
    ['diff.evil.textconv', `${mark('textconv')}; cat`],
    ['diff.evil.command', mark('diff-command')],
    ['diff.external', mark('diff-external')],
    ['merge.evil.driver', mark('merge-driver')],
  ]
  for (const [key, value] of config) await plain('config', key, value)
  writeFileSync(join(dir, 'a.txt'), 'two\n')
  return {dir, marks: () => readdirSync(marks).sort()}
}
