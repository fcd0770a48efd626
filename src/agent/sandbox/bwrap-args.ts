import {inside} from './sandbox-policy.js'
import type {SandboxPolicy} from './sandbox-settings.js'

// The bubblewrap command line for a policy (https://github.com/containers/bubblewrap). Later mounts win, so the
// order is the design: the whole filesystem read-only; private tmpfs over the temp folders and /run; the scratch home
// over the real one; toolchains read-only; the project (writable or not) and the user's writable roots; `.git`'s
// view; oac's project config read-only; then, last, every credential place and every host socket a command could
// still see, covered (a tmpfs over a folder, /dev/null over a file or socket). New user, pid, ipc and uts
// namespaces, no capabilities, and no network unless the policy allows it.

export interface HostFacts {
  /** lstat of a path: folder, other, or absent. */
  kind(path: string): 'dir' | 'other' | undefined
  /** The real path of an existing path (symlinks resolved). */
  real(path: string): string
  /** Paths of the sockets the host listens on (host-sockets.ts). */
  sockets: string[]
  /** Arguments for `.git` (git-view.ts), after the root's bind. */
  gitView?: string[]
}

/** Whether a command would see `path` of the host: not under a private folder or the home, unless bound back. */
function seen(policy: SandboxPolicy, path: string): boolean {
  const bound = [policy.root, ...policy.writable, ...policy.readable]
  if (bound.some((b) => inside(b, path))) return true
  return !policy.private.some((p) => inside(p, path)) && !inside(policy.home, path)
}

export function bwrapArgs(policy: SandboxPolicy, cwd: string, host: HostFacts): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc']
  for (const dir of policy.private) args.push('--tmpfs', dir)
  if (host.kind(policy.home) === 'dir') {
    if (policy.scratch) args.push('--bind', policy.scratch, policy.home)
    else args.push('--tmpfs', policy.home)
  }
  for (const path of policy.readable) args.push('--ro-bind', host.real(path), path)
  args.push(policy.mode === 'workspace-write' ? '--bind' : '--ro-bind', policy.root, policy.root)
  if (policy.mode === 'workspace-write') {
    for (const dir of policy.writable.filter((d) => host.kind(d) === 'dir')) args.push('--bind', dir, dir)
    args.push(...(host.gitView ?? []))
  }
  for (const path of policy.protected.filter((p) => host.kind(p))) args.push('--ro-bind', path, path)
  for (const path of policy.hidden.filter((p) => seen(policy, p))) {
    const kind = host.kind(path)
    if (kind === 'dir') args.push('--tmpfs', path)
    else if (kind) args.push('--ro-bind', '/dev/null', path)
  }
  for (const socket of host.sockets.filter((s) => seen(policy, s) && host.kind(s)))
    args.push('--ro-bind', '/dev/null', socket)
  args.push('--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts')
  if (!policy.network) args.push('--unshare-net')
  args.push('--cap-drop', 'ALL', '--die-with-parent', '--new-session', '--chdir', cwd)
  return args
}
