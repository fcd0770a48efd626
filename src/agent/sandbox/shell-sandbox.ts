import {lstatSync, realpathSync} from 'node:fs'
import {homedir} from 'node:os'
import {execa} from 'execa'
import {bwrapArgs, type HostFacts} from './bwrap-args.js'
import {openGitView} from './git-view.js'
import {hostSocketPaths} from './host-sockets.js'
import {sandboxPolicy} from './sandbox-policy.js'
import type {SandboxMode, SandboxPolicy, SandboxSettings} from './sandbox-settings.js'
import {ensureScratchHome} from './scratch-home.js'
import {seatbeltArgs} from './seatbelt-profile.js'

// Runs the agent's shell commands inside the OS sandbox: bubblewrap on Linux, sandbox-exec on macOS. Whether the
// sandbox works is tried once (a user-namespace-restricted container or a missing bwrap makes it fail), and when
// it does not, the caller is told why, so that commands are asked about instead of run unconfined. Each command gets
// its own mounts: the host's sockets are read at that moment, and `.git` gets a fresh view (git-view.ts).

export interface WrappedCommand {
  file: string
  args: string[]
  /** Variables the command needs on top of its environment (Seatbelt's scratch HOME). */
  env?: Record<string, string>
  /** Called once the command has ended: carries `.git`'s view back; a note for the output when something was dropped. */
  finish?: () => string | undefined
}

export interface ShellSandbox {
  mode: SandboxMode
  /** Commands may reach the network (settings sandbox.network). */
  network?: boolean
  /** What runs the command: a program and its arguments. */
  wrap(argv: string[], cwd: string): WrappedCommand
}

export type SandboxResult = {ok: true; sandbox: ShellSandbox} | {ok: false; mode: SandboxMode; reason: string}

export {sandboxPolicy} from './sandbox-policy.js'

function hostFacts(gitView?: string[]): HostFacts {
  return {
    kind: (path) => {
      try {
        return lstatSync(path).isDirectory() ? 'dir' : 'other'
      } catch {
        return undefined
      }
    },
    real: (path) => realpathSync(path),
    sockets: hostSocketPaths(),
    ...(gitView ? {gitView} : {}),
  }
}

const probes = new Map<string, Promise<string | undefined>>()

/** Runs `true` in the sandbox once per program and policy shape; the error text when that fails. */
function probe(file: string, args: string[]): Promise<string | undefined> {
  const key = [file, ...args].join('\0')
  let result = probes.get(key)
  if (!result) {
    result = execa(file, [...args, 'true'], {reject: false, stdin: 'ignore', timeout: 10_000}).then((r) =>
      r.exitCode === 0
        ? undefined
        : (String(r.stderr || r.shortMessage || 'failed')
            .trim()
            .split('\n')[0] ?? 'failed'),
    )
    probes.set(key, result)
  }
  return result
}

function bwrapSandbox(policy: SandboxPolicy): ShellSandbox {
  return {
    mode: policy.mode,
    network: policy.network,
    wrap: (argv, cwd) => {
      const view = policy.mode === 'workspace-write' ? openGitView(policy.root) : undefined
      const args = bwrapArgs(policy, cwd, hostFacts(view?.args))
      return {file: 'bwrap', args: [...args, ...argv], ...(view ? {finish: view.finish} : {})}
    },
  }
}

/** The sandbox for `mode` on this machine, or why there is none. full-access is no sandbox and always works. */
export async function openSandbox(
  mode: SandboxMode,
  root: string,
  settings: Partial<SandboxSettings> = {},
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<SandboxResult> {
  if (mode === 'full-access') return {ok: true, sandbox: {mode, wrap: ([file, ...args]) => ({file: file!, args})}}
  const policy = sandboxPolicy(mode, root, settings, home, env)
  if (policy.scratch) await ensureScratchHome(policy.scratch)
  if (platform === 'darwin') {
    const prefix = seatbeltArgs(policy)
    const failure = await probe('/usr/bin/sandbox-exec', prefix)
    if (failure) return {ok: false, mode, reason: `sandbox-exec does not work here: ${failure}`}
    const scratchHome = policy.scratch ? {HOME: policy.scratch} : undefined
    return {
      ok: true,
      sandbox: {
        mode,
        network: policy.network,
        wrap: (argv) => ({
          file: '/usr/bin/sandbox-exec',
          args: [...prefix, ...argv],
          ...(scratchHome ? {env: scratchHome} : {}),
        }),
      },
    }
  }
  if (platform !== 'linux') return {ok: false, mode, reason: `no sandbox for ${platform}`}
  const failure = await probe('bwrap', bwrapArgs(policy, root, {...hostFacts(), sockets: []}))
  if (failure)
    return {
      ok: false,
      mode,
      reason: /ENOENT|not found/.test(failure)
        ? 'bubblewrap (bwrap) is not installed (Debian/Ubuntu: apt-get install bubblewrap)'
        : `bubblewrap cannot run here: ${failure}`,
    }
  return {ok: true, sandbox: bwrapSandbox(policy)}
}
