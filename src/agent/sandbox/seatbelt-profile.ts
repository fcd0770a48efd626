import type {SandboxPolicy} from './sandbox-settings.js'

// The macOS sandbox profile (sandbox-exec, the Seatbelt language Codex and Chromium use; later rules win), kept to
// the bubblewrap sandbox's boundaries where Seatbelt can express them: writes only under the project, the scratch
// home and the writable roots; the real home unreadable but for the project, the toolchains and the readable roots;
// credential places and oac's data neither read nor written; `.git`'s config, hooks, info, worktrees, modules,
// commondir and packs, the project root and `.git` itself never written, renamed or removed; unix sockets reachable
// only under the project; network denied unless the policy allows it. Commands get HOME set to the scratch folder
// (Seatbelt cannot mount one over the home). Paths are parameters, never spliced into the profile text. Untested on a
// Mac from here.

const GIT_FIXED = ['config', 'config.worktree', 'commondir', 'hooks', 'info', 'worktrees', 'modules', 'objects/pack']

export function seatbeltArgs(policy: SandboxPolicy): string[] {
  const writable =
    policy.mode === 'workspace-write'
      ? [policy.root, ...(policy.scratch ? [policy.scratch] : []), ...policy.writable]
      : []
  const readable = [policy.root, ...policy.readable, ...policy.writable, ...(policy.scratch ? [policy.scratch] : [])]
  const fixed = [policy.root, `${policy.root}/.git`]
  const params = [
    ['HOME', policy.home],
    ['ROOT', policy.root],
    ...writable.map((p, i) => [`W${i}`, p]),
    ...readable.map((p, i) => [`R${i}`, p]),
    ...policy.protected.map((p, i) => [`P${i}`, p]),
    ...GIT_FIXED.map((p, i) => [`G${i}`, `${policy.root}/.git/${p}`]),
    ...fixed.map((p, i) => [`F${i}`, p]),
    ...policy.hidden.map((p, i) => [`H${i}`, p]),
  ].flatMap(([k, v]) => ['-D', `${k}=${v}`])
  const profile = [
    '(version 1)',
    '(allow default)',
    '(deny file-read* (subpath (param "HOME")))',
    ...readable.map((_, i) => `(allow file-read* (subpath (param "R${i}")))`),
    '(deny file-write*)',
    '(allow file-write* (literal "/dev/null") (literal "/dev/tty") (regex #"^/dev/fd/"))',
    ...writable.map((_, i) => `(allow file-write* (subpath (param "W${i}")))`),
    ...policy.protected.map((_, i) => `(deny file-write* (subpath (param "P${i}")))`),
    ...GIT_FIXED.map((_, i) => `(deny file-write* (subpath (param "G${i}")))`),
    ...fixed.map((_, i) => `(deny file-write-unlink file-write-create (literal (param "F${i}")))`),
    ...policy.hidden.map((_, i) => `(deny file-read* file-write* (subpath (param "H${i}")))`),
    '(deny network-outbound (remote unix-socket))',
    '(allow network-outbound (remote unix-socket (subpath (param "ROOT"))))',
    ...(policy.network ? [] : ['(deny network-outbound (remote ip))', '(deny network-inbound (local ip))']),
  ].join('\n')
  return [...params, '-p', profile]
}
