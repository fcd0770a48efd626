import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {execa} from 'execa'
import {afterEach, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {runAgentCli} from './run-agent-cli.js'
import {BUGGY_PROJECT, tempHome, tempRepo} from './temp-repo.js'

// Checkpoints: every task's starting state in a shadow git store, and what the agent changed in it, so that
// `oac agent --rewind [SESSION]` puts back what the agent changed (by any tool, bash included) and nothing the user
// did, without touching the user's own repository.

let sim: RunningSim | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

describe('oac agent --rewind', () => {
  it('restores files a headless run changed with bash and edit, and deletes the ones it created', async () => {
    const repo = await tempRepo({...BUGGY_PROJECT, '.gitignore': 'build/\n'})
    writeFileSync(join(repo, 'notes.txt'), 'uncommitted work\n')
    sim = await startSim(
      {port: 0, ttftMs: 0, itlMs: 0},
      {
        mode: 'ordered',
        rules: [
          {
            reply: {
              toolCalls: [
                {name: 'bash', arguments: {command: 'echo wiped > notes.txt && mkdir -p src && echo new > src/new.js'}},
              ],
            },
          },
          {
            match: {toolResult: 'exit code 0'},
            reply: {
              toolCalls: [{name: 'edit', arguments: {path: 'math.js', old_string: 'a - b', new_string: 'a * b'}}],
            },
          },
          {match: {toolResult: '^Edited'}, reply: {content: 'Done.'}},
        ],
      },
    )
    const env = {OAC_HOME: tempHome()}
    const run = await runAgentCli(
      ['-p', 'change things', '--endpoint', sim.baseUrl, '--model', 'sim-model', '--yes', '--output-format', 'json'],
      {
        cwd: repo,
        env,
      },
    )
    expect(run.exitCode).toBe(0)
    const {sessionId} = JSON.parse(run.stdout) as {sessionId: string}
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe('wiped\n')
    const head = (await execa('git', ['rev-parse', 'HEAD'], {cwd: repo})).stdout
    const status = (await execa('git', ['status', '--porcelain'], {cwd: repo})).stdout

    // The user's own work after the task: a new file, and an edit of a file the agent never touched.
    writeFileSync(join(repo, 'scratch.txt'), 'my scratch\n')
    writeFileSync(join(repo, 'package.json'), '{"type": "module", "private": true}\n')

    const rewind = await runAgentCli(['--rewind', sessionId.slice(0, 8)], {cwd: repo, env})
    expect(rewind.exitCode).toBe(0)
    expect(rewind.stdout).toBe(
      [
        `Rewound session ${sessionId}: 3 files the agent changed are back as before it changed them:`,
        '  math.js',
        '  notes.txt',
        '  src/new.js (deleted: the agent created it)',
        'Kept, changed since the session began but not by the agent:',
        '  package.json',
        '  scratch.txt',
        'The state before this rewind is saved: oac agent --undo-rewind puts it back.',
      ].join('\n'),
    )
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(BUGGY_PROJECT['math.js'])
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe('uncommitted work\n')
    expect(existsSync(join(repo, 'src', 'new.js'))).toBe(false)
    expect(readFileSync(join(repo, 'scratch.txt'), 'utf8')).toBe('my scratch\n')
    expect(readFileSync(join(repo, 'package.json'), 'utf8')).toContain('private')
    // The user's repository is untouched: same HEAD, no new refs or stashes.
    expect((await execa('git', ['rev-parse', 'HEAD'], {cwd: repo})).stdout).toBe(head)
    expect((await execa('git', ['for-each-ref'], {cwd: repo})).stdout).not.toMatch(/oac|sessions/)
    expect(status).toMatch(/notes\.txt/)
  }, 120_000)

  it('says so when there is no session to rewind (exit 2)', async () => {
    const repo = await tempRepo({})
    const r = await runAgentCli(['--rewind'], {cwd: repo, env: {OAC_HOME: tempHome()}})
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/No agent session in .* to rewind/)
  })
})
