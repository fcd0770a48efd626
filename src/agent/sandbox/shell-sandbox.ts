import {existsSync} from 'node:fs'
import {homedir, tmpdir} from 'node:os'
import {join, resolve, sep} from 'node:path'
import {execa} from 'execa'
import {bwrapArgs} from './bwrap-args.js'
import {
  HIDDEN_HOME_PATHS,
  PROTECTED_PATHS,
  type SandboxMode,
  type SandboxPolicy,
  type SandboxSettings,
} from './sandbox-settings.js'
import {seatbeltArgs} from './seatbelt-profile.js'

// Runs the agent's shell commands inside the OS sandbox: bubblewrap on Linux, sandbox-exec on macOS. Whether the
// sandbox works is tried once (a user-namespace-restricted container or a missing bwrap makes it fail), and when
// it does not, the caller is told why, so that commands are asked about instead of run unconfined.

export interface ShellSandbox {
  mode: SandboxMode
  /** Commands may reach the network (settings sandbox.network). */
  network?: boolean
  /** What runs the command: a program and its arguments. */
  wrap(argv: string[], cwd: string): {file: string; args: string[]}
}

export type SandboxResult = {ok: true; sandbox: ShellSandbox} | {ok: false; mode: SandboxMode; reason: string}

export function sandboxPolicy(
  mode: SandboxPolicy['mode'],
  root: string,
  settings: Partial<SandboxSettings>,
  home: string = homedir(),
): SandboxPolicy {
  const temps = [...new Set([tmpdir(), '/tmp', '/var/tmp', process.env.TMPDIR].filter((d): d is string => !!d))]
  return {
    mode,
    root,
    network: settings.network ?? false,
    writable: [...temps, ...(settings.writableRoots ?? []).map((p) => resolve(root, p))],
    protected: PROTECTED_PATHS.map((p) => join(root, p)),
    // Not a folder the project itself lives in: hiding it would hide the project.
    hidden: HIDDEN_HOME_PATHS.map((p) => join(home, p)).filter((p) => root !== p && !root.startsWith(p + sep)),
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

/** The sandbox for `mode` on this machine, or why there is none. full-access is no sandbox and always works. */
export async function openSandbox(
  mode: SandboxMode,
  root: string,
  settings: Partial<SandboxSettings> = {},
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): Promise<SandboxResult> {
  if (mode === 'full-access') return {ok: true, sandbox: {mode, wrap: ([file, ...args]) => ({file: file!, args})}}
  const policy = sandboxPolicy(mode, root, settings, home)
  if (platform === 'darwin') {
    const prefix = seatbeltArgs(policy)
    const failure = await probe('/usr/bin/sandbox-exec', prefix)
    if (failure) return {ok: false, mode, reason: `sandbox-exec does not work here: ${failure}`}
    return {
      ok: true,
      sandbox: {
        mode,
        network: policy.network,
        wrap: (argv) => ({file: '/usr/bin/sandbox-exec', args: [...prefix, ...argv]}),
      },
    }
  }
  if (platform !== 'linux') return {ok: false, mode, reason: `no sandbox for ${platform}`}
  const failure = await probe('bwrap', bwrapArgs(policy, root, existsSync))
  if (failure)
    return {
      ok: false,
      mode,
      reason: /ENOENT|not found/.test(failure)
        ? 'bubblewrap (bwrap) is not installed (Debian/Ubuntu: apt-get install bubblewrap)'
        : `bubblewrap cannot run here: ${failure}`,
    }
  return {
    ok: true,
    sandbox: {
      mode,
      network: policy.network,
      wrap: (argv, cwd) => ({file: 'bwrap', args: [...bwrapArgs(policy, cwd, existsSync), ...argv]}),
    },
  }
}
