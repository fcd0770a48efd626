import type {SandboxPolicy} from './sandbox-settings.js'

// The macOS sandbox profile (sandbox-exec, the Seatbelt language Codex and Chromium use): everything allowed but
// writes, which are allowed only under the writable paths and never under the protected ones; no reads of the
// credential folders (untested on a Mac from here); network denied unless the policy allows it. Paths are passed as parameters, not spliced into the profile text.

export function seatbeltArgs(policy: SandboxPolicy): string[] {
  const writable = policy.mode === 'workspace-write' ? [policy.root, ...policy.writable] : []
  const params = writable.flatMap((p, i) => ['-D', `W${i}=${p}`])
  const protectedParams = policy.protected.flatMap((p, i) => ['-D', `P${i}=${p}`])
  const hiddenParams = policy.hidden.flatMap((p, i) => ['-D', `H${i}=${p}`])
  const profile = [
    '(version 1)',
    '(allow default)',
    '(deny file-write*)',
    '(allow file-write* (literal "/dev/null") (literal "/dev/tty") (regex #"^/dev/fd/"))',
    ...writable.map((_, i) => `(allow file-write* (subpath (param "W${i}")))`),
    ...policy.protected.map((_, i) => `(deny file-write* (subpath (param "P${i}")))`),
    ...policy.hidden.map((_, i) => `(deny file-read* file-write* (subpath (param "H${i}")))`),
    ...(policy.network ? [] : ['(deny network*)', '(allow network* (remote unix-socket))']),
  ].join('\n')
  return [...params, ...protectedParams, ...hiddenParams, '-p', profile]
}
