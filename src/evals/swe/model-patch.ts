import {git} from './git.js'

// The model patch: everything the agent changed in its workspace against base_commit (edited, new and deleted
// files, binary-safe), whether or not it committed. Ignored files (.gitignore) are not part of it.

export async function modelPatch(workspace: string, baseCommit: string): Promise<string> {
  await git(workspace, ['add', '-A'])
  return git(workspace, ['diff', '--cached', '--binary', '--no-color', '--no-ext-diff', '--no-renames', baseCommit])
}

/** The paths a patch touches (both sides of each `diff --git` header). */
export function patchedFiles(patch: string): string[] {
  const files = new Set<string>()
  for (const m of patch.matchAll(/^diff --git a\/(\S+) b\/(\S+)$/gm)) {
    if (m[1]) files.add(m[1])
    if (m[2]) files.add(m[2])
  }
  return [...files]
}

/** Applies a patch in `dir`; throws a GitError with git's message when it does not apply. */
export async function applyPatch(dir: string, patch: string): Promise<void> {
  if (!patch.trim()) return
  await git(dir, ['apply', '--binary', '--whitespace=nowarn', '-'], patch.endsWith('\n') ? patch : `${patch}\n`)
}
