import {describe, expect, it} from 'vitest'
import {runToolCall} from '../../../src/agent/run-tool-call.js'
import {destructiveReason as deniedReason} from '../../../src/agent/shell/destructive.js'
import {bashTool} from '../../../src/agent/tools/bash.js'
import {tempRepo} from '../temp-repo.js'
import {toolContext} from './context.js'

describe('bash', () => {
  it('runs in the project root with stdin closed and reports the exit code', async () => {
    const repo = await tempRepo({'a.txt': 'hi\n'})
    expect(await bashTool.run({command: 'cat a.txt; cat; exit 3'}, toolContext(repo))).toBe('hi\n[exit code 3]')
    expect(await bashTool.run({command: 'pwd', cwd: '.'}, toolContext(repo))).toMatch(/oac-agent-\w+\n\[exit code 0\]$/)
    await expect(bashTool.run({command: 'pwd', cwd: '..'}, toolContext(repo))).rejects.toThrow(
      'outside the project root',
    )
  })

  it('kills a command at its timeout, child processes included', async () => {
    const repo = await tempRepo({})
    const started = Date.now()
    const out = await bashTool.run(
      {command: 'echo before; sleep 30 & sleep 30; echo after', timeout: 1},
      toolContext(repo),
    )
    expect(out).toBe('before\n[timed out after 1s and was killed; output so far above]')
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('kills a command stopped before it started (Ctrl-C while the sandbox was set up)', async () => {
    const repo = await tempRepo({})
    const stop = new AbortController()
    stop.abort()
    const started = Date.now()
    const out = await bashTool.run({command: 'sleep 20'}, {...toolContext(repo), signal: stop.signal})
    expect(out).toBe('[cancelled]')
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('keeps the head and tail of long output (capped by the runner) and says what was cut', async () => {
    const repo = await tempRepo({})
    const call = {id: 'c', name: 'bash', arguments: JSON.stringify({command: 'seq 1 20000'})}
    const {output: out} = await runToolCall(call, new Map([['bash', bashTool]]), toolContext(repo))
    expect(out).toMatch(/^1\n2\n/)
    expect(out).toMatch(
      /\n\[… \d+ characters cut from the middle of 108907; redirect to a file and grep or read it …\]\n/,
    )
    expect(out).toMatch(/\n20000\n\[exit code 0\]$/)
  })

  it('says when a command failed because the sandbox has no network', async () => {
    const repo = await tempRepo({})
    const unconfined = ([file, ...args]: string[]) => ({file: file as string, args})
    const ctx = {...toolContext(repo), sandbox: {mode: 'workspace-write' as const, network: false, wrap: unconfined}}
    const failing = "echo 'curl: (6) Could not resolve host: registry.npmjs.org' >&2; exit 6"
    expect(await bashTool.run({command: failing}, ctx)).toBe(
      'curl: (6) Could not resolve host: registry.npmjs.org\n[the sandbox has no network access: this failure comes from the sandbox, not the code; do not retry it. Ask the user to run the command, or to allow network (settings sandbox.network, or --sandbox full-access)]\n[exit code 6]',
    )
    const allowed = {...ctx, sandbox: {...ctx.sandbox, network: true}}
    expect(await bashTool.run({command: failing}, allowed)).toBe(
      'curl: (6) Could not resolve host: registry.npmjs.org\n[exit code 6]',
    )
  })

  it('passes on the words of a person who said no', async () => {
    const repo = await tempRepo({})
    const call = {id: 'c', name: 'bash', arguments: JSON.stringify({command: 'npm publish'})}
    const ctx = {...toolContext(repo), personApproves: true, approve: async () => ({denied: 'not yet, run the tests'})}
    const {output} = await runToolCall(call, new Map([['bash', bashTool]]), ctx)
    expect(output).toMatch(/^Denied: the user did not allow this `bash` call.*The user says: not yet, run the tests$/)
  })

  // The refused command must be harmless should the refusal ever break: this test once asked for `rm -rf /` and,
  // when a refactor moved the check, ran it for real as root and wiped most of /etc. A force-push from a repo with no
  // remote fails on its own.
  it('refuses denylisted commands unless approved', async () => {
    const repo = await tempRepo({})
    await expect(bashTool.run({command: 'git push --force origin main'}, toolContext(repo, false))).rejects.toThrow(
      /Refused: this command force-pushes.* and needs a person's approval/,
    )
  })
})

describe('denylist', () => {
  it.each([
    'rm -rf /',
    'sudo rm -rf ~',
    'rm -fr $HOME/',
    'git push --force origin main',
    'git push -f',
    'git push origin +main',
    'mkfs.ext4 /dev/sda1',
    'dd if=/dev/zero of=/dev/sda',
    ':(){ :|:& };:',
    'sudo reboot',
  ])('denies %s', (command) => {
    expect(deniedReason(command)).toBeDefined()
  })

  it.each(['rm -rf ./build', 'rm -rf /tmp/oac-x', 'git push origin feature', 'grep -r shutdown src', 'git status'])(
    'allows %s',
    (command) => {
      expect(deniedReason(command)).toBeUndefined()
    },
  )
})
