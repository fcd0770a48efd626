// Commands that destroy what cannot be restored or rewrite shared history. They never run without a person's yes:
// headless runs refuse them, even with --yes.

const RULES: [RegExp, string][] = [
  [
    /\brm\s+(?:-{1,2}[\w-]+\s+)*(?:\/|\/\*|~|~\/|\$HOME|\$\{HOME\}|\/home|\/Users)\/?(?:\s|$|[;&|])/,
    'deletes the filesystem root or a home directory',
  ],
  [
    /\bgit\b[^;&|]*\bpush\b[^;&|]*(?:\s--force\b|\s--force-with-lease\b|\s-[a-zA-Z]*f\b|\s\+\S)/,
    'force-pushes (rewrites published history)',
  ],
  [/\bgit\b[^;&|]*\bpush\b[^;&|]*\s--delete\b[^;&|]*\b(?:main|master)\b/, 'deletes the main branch on the remote'],
  [/(?:^|[;&|(]\s*|sudo\s+)mkfs(?:\.\w+)?\b/m, 'formats a filesystem'],
  [/\bdd\b[^;&|]*\bof=\/dev\//, 'writes to a raw device'],
  [/>\s*\/dev\/(?:sd|nvme|hd|disk)/, 'writes to a raw device'],
  [/:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/, 'is a fork bomb'],
  [/(?:^|[;&|(]\s*|sudo\s+)(?:shutdown|reboot|halt|poweroff)\b/m, 'shuts the machine down'],
  [/\bch(?:mod|own)\s+(?:-\w+\s+)*-R\s+\S+\s+\/(?:\s|$)/, 'changes permissions of the whole filesystem'],
]

/** Why a shell command is on the denylist, or undefined when it is not. */
export function deniedReason(command: string): string | undefined {
  for (const [pattern, reason] of RULES) if (pattern.test(command)) return reason
  return undefined
}
