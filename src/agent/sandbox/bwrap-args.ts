import type {SandboxPolicy} from './sandbox-settings.js'

// The bubblewrap command line for a policy (https://github.com/containers/bubblewrap): the whole filesystem bound
// read-only, then the writable places bound read-write over it, then the protected paths read-only again (later
// binds win), and last an empty tmpfs over each credential folder (~/.ssh, ~/.aws, ~/.gnupg), so that nothing a
// command runs can read the keys. New user, pid, ipc and uts namespaces, no capabilities, and no network unless the policy allows it.

export function bwrapArgs(policy: SandboxPolicy, cwd: string, existing: (path: string) => boolean): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc']
  if (policy.mode === 'read-only') args.push('--tmpfs', '/tmp')
  else for (const dir of policy.writable.filter(existing)) args.push('--bind', dir, dir)
  if (policy.mode === 'workspace-write') args.push('--bind', policy.root, policy.root)
  else args.push('--ro-bind', policy.root, policy.root)
  for (const path of policy.protected.filter(existing)) args.push('--ro-bind', path, path)
  for (const path of policy.hidden.filter(existing)) args.push('--tmpfs', path)
  args.push('--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts')
  if (!policy.network) args.push('--unshare-net')
  args.push('--cap-drop', 'ALL', '--die-with-parent', '--new-session', '--chdir', cwd)
  return args
}
