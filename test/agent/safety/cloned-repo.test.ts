import {existsSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Script} from '../../../src/engines/sim/script.js'
import {runInRepo} from '../run-in-repo.js'
import {tempRepo} from '../temp-repo.js'

// The review's chain, end to end under --yes with the real sandbox: a model (scripted) tries to plant a program in
// git's config or layout, then calls the glob tool so that oac's own git would run it outside the sandbox.

describe('a session that tries to make git a way out', () => {
  it('plants nothing in .git, and oac’s own git runs nothing', async () => {
    const repo = await tempRepo({'a.txt': 'x\n'})
    const config = readFileSync(join(repo, '.git', 'config'), 'utf8')
    const marker = join(tmpdir(), `oac-escape-${process.pid}-${Date.now()}`)
    const attempts = [
      `git config core.fsmonitor "touch ${marker}"`,
      `printf '[core]\\n\\tfsmonitor = touch ${marker}\\n' >> .git/config`,
      'mkdir -p /tmp/evil && printf "/tmp/evil\\n" > .git/commondir',
      `mv .git .git-old && cp -r .git-old .git && git config core.hooksPath /tmp`,
      'rm -rf .git',
      // What no guard reads: the sandbox keeps .git's config and layout as they are.
      `python3 -c "open('.git/config', 'a').write('[core]\\n\\tfsmonitor = touch ${marker}\\n')"`,
      `python3 -c "open('.git/commondir', 'w').write('/tmp/evil')"`,
    ]
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: attempts.map((command) => ({name: 'bash', arguments: {command}}))}},
        {reply: {toolCalls: [{name: 'glob', arguments: {pattern: '**/*.txt'}}]}},
        {reply: {content: 'done'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'fix the failing test', yes: true})
    expect(run.result.status).toBe('success')
    expect(run.of('tool_result').at(-1)?.output).toContain('a.txt')
    expect(existsSync(marker)).toBe(false)
    expect(readFileSync(join(repo, '.git', 'config'), 'utf8')).toBe(config)
    expect(existsSync(join(repo, '.git', 'commondir'))).toBe(false)
    expect(existsSync(join(repo, '.git-old'))).toBe(false)
    expect(existsSync(join(repo, '.git', 'HEAD'))).toBe(true)
  })
})
