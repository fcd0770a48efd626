import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {afterAll, describe, expect, it} from 'vitest'
import {openSandbox} from '../../../src/agent/sandbox/shell-sandbox.js'
import {tempHome, tempRepo} from '../temp-repo.js'
import {runSandboxed} from './run-sandboxed.js'

// The sandbox has no doors: no host socket, no host temp file, nothing of the home but toolchains, and a `.git`
// whose config, hooks and layout no command can change. bubblewrap for real; everything a command may touch is a
// temp folder of this test or the checkout's git-ignored .oac-test/.

const scratch = new URL('../../../.oac-test/', import.meta.url).pathname
mkdirSync(scratch, {recursive: true})
const visible = mkdtempSync(join(scratch, 'doors-'))
const fakeHome = mkdtempSync(join(scratch, 'doors-home-'))
const servers: Server[] = []
afterAll(() => {
  for (const s of servers) s.close()
  rmSync(visible, {recursive: true, force: true})
  rmSync(fakeHome, {recursive: true, force: true})
})

async function sandboxed(repo: string, env: NodeJS.ProcessEnv = {}) {
  const full = {...process.env, OAC_HOME: tempHome(), OAC_CONFIG_DIR: tempHome(), ...env}
  const opened = await openSandbox('workspace-write', repo, {}, 'linux', fakeHome, full)
  if (!opened.ok) throw new Error(`bubblewrap sandbox unavailable here: ${opened.reason}`)
  const shellEnv = Object.fromEntries(Object.entries(full).filter((e): e is [string, string] => e[1] !== undefined))
  return (command: string) => runSandboxed(opened.sandbox, repo, command, shellEnv)
}

async function listen(path: string): Promise<void> {
  const server = createServer((s) => s.end('host secret\n'))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(path, resolve))
}

const connect = (path: string) =>
  `node -e "require('net').connect('${path}').on('data', d => process.stdout.write(d)).on('error', e => console.log(e.code))"`

describe('sandbox doors', () => {
  it('reaches no host unix socket, in /tmp or anywhere it can see; a socket bound inside works', async () => {
    const inTmp = join(mkdtempSync(join(tmpdir(), 'oac-sock-')), 'tmux-0')
    const elsewhere = join(visible, 'docker.sock')
    await listen(inTmp)
    await listen(elsewhere)
    // The host can: these are live sockets.
    expect((await execa('bash', ['-c', connect(elsewhere)])).stdout).toBe('host secret')
    const run = await sandboxed(await tempRepo({}))
    expect(await run(connect(inTmp))).toMatch(/^ENOENT\n/)
    // Covered where the sandbox can see it; absent when the checkout (and so `visible`) is under the private /tmp.
    const unreachable = visible.startsWith(tmpdir()) ? /^ENOENT\n/ : /^(?:ECONNREFUSED|ENOTSOCK)\n/
    expect(await run(connect(elsewhere))).toMatch(unreachable)
    const inside =
      "node -e \"const n=require('net');const s=n.createServer(c=>c.end('inside\\\\n')).listen('/tmp/own.sock',()=>n.connect('/tmp/own.sock').on('data',d=>{process.stdout.write(d);s.close()}))\""
    expect(await run(inside)).toBe('inside\n[exit code 0]')
  })

  it('has a private /tmp: host temp files are not there and its files do not reach the host', async () => {
    const hostFile = join(mkdtempSync(join(tmpdir(), 'oac-host-')), 'note')
    writeFileSync(hostFile, 'host')
    const run = await sandboxed(await tempRepo({}))
    expect(await run(`cat ${hostFile}`)).toMatch(/No such file or directory/)
    expect(await run('echo x > /tmp/made-inside && ls /run | wc -l')).toBe('0\n[exit code 0]')
    expect(existsSync('/tmp/made-inside')).toBe(false)
  })

  it('HOME is a scratch folder: no credential of the user, writes stay out of the real home, toolchains run', async () => {
    const decoys = {
      '.config/gh/hosts.yml': 'DECOY-GH',
      '.netrc': 'DECOY-NETRC',
      '.npmrc': 'DECOY-NPMRC',
      '.git-credentials': 'DECOY-GITCRED',
      '.docker/config.json': 'DECOY-DOCKER',
      '.kube/config': 'DECOY-KUBE',
      '.config/gcloud/credentials.db': 'DECOY-GCLOUD',
      '.cargo/credentials.toml': 'DECOY-CARGO',
    }
    for (const [file, text] of Object.entries(decoys)) {
      mkdirSync(join(fakeHome, file, '..'), {recursive: true})
      writeFileSync(join(fakeHome, file), text)
    }
    mkdirSync(join(fakeHome, '.cargo', 'bin'), {recursive: true})
    writeFileSync(join(fakeHome, '.cargo', 'bin', 'hello-tool'), '#!/bin/sh\necho tool ran\n', {mode: 0o755})
    const kube = join(mkdtempSync(join(visible, 'kube-')), 'config')
    writeFileSync(kube, 'DECOY-KUBECONFIG')
    const run = await sandboxed(await tempRepo({}), {
      PATH: `${join(fakeHome, '.cargo', 'bin')}:${process.env.PATH}`,
      KUBECONFIG: kube,
    })
    const out = await run(
      `cat ${Object.keys(decoys)
        .map((f) => join(fakeHome, f))
        .join(' ')} ${kube} 2>&1; true`,
    )
    for (const text of [...Object.values(decoys), 'DECOY-KUBECONFIG']) expect(out).not.toContain(text)
    expect(await run('hello-tool')).toBe('tool ran\n[exit code 0]')
    expect(await run(`echo mine > ${fakeHome}/made && cat ${fakeHome}/made`)).toBe('mine\n[exit code 0]')
    expect(existsSync(join(fakeHome, 'made'))).toBe(false)
    expect(await run(`touch ${fakeHome}/.cargo/bin/planted`)).toMatch(/Read-only file system/)
  })

  it('.git: a commit works; config, hooks, info, commondir and .git itself cannot be changed', async () => {
    const repo = await tempRepo({'a.txt': 'one\n'})
    const config = readFileSync(join(repo, '.git', 'config'), 'utf8')
    const run = await sandboxed(repo)
    expect(await run('echo two > a.txt && git -c user.name=t -c user.email=t@t commit -qam two && echo ok')).toBe(
      'ok\n[exit code 0]',
    )
    expect((await execa('git', ['log', '--format=%s'], {cwd: repo})).stdout).toBe('two\ninit')
    expect((await execa('git', ['status', '--porcelain'], {cwd: repo})).stdout).toBe('')
    expect(await run('git config core.fsmonitor "touch /tmp/x"')).toMatch(/could not (?:lock|write) config file/)
    expect(await run('echo "[core] hooksPath=/x" >> .git/config')).toMatch(/Read-only file system/)
    expect(await run('echo "#!/bin/sh" > .git/hooks/pre-commit')).toMatch(/Read-only file system/)
    expect(await run('echo "* filter=x" > .git/info/attributes')).toMatch(/Read-only file system/)
    expect(await run('mv .git elsewhere')).toMatch(/Device or resource busy|Read-only/)
    expect(await run('echo /tmp/evil > .git/commondir && mkdir .git/worktrees')).toMatch(/not kept[\s\S]*exit code 0/)
    expect(existsSync(join(repo, '.git', 'commondir'))).toBe(false)
    expect(existsSync(join(repo, '.git', 'worktrees'))).toBe(false)
    expect(await run('rm -rf .git; ls -d .git')).toMatch(/^.git\n/m)
    expect(readFileSync(join(repo, '.git', 'config'), 'utf8')).toBe(config)
    expect(readFileSync(join(repo, '.git', 'HEAD'), 'utf8')).toMatch(/^ref: refs\/heads\//)
  })
})
