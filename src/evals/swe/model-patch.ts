import {git} from './git.js'

// The model patch: everything the agent changed in its workspace against base_commit (edited, new and deleted
// files, binary-safe), whether or not it committed. Ignored files (.gitignore) are not part of it, nor is anything
// setup_cmd left behind (a node_modules symlink that `node_modules/` does not match, a stamp file, a rewritten
// lockfile): the harness lists those right after setup and leaves them out.

/** The paths git sees as changed or untracked in `workspace` (untracked folders as one entry). */
export async function changedPaths(workspace: string): Promise<string[]> {
  const out = await git(workspace, ['status', '--porcelain=v1', '-z', '--untracked-files=normal'])
  return out
    .split('\0')
    .filter((entry) => entry.length > 3)
    .map((entry) => entry.slice(3))
}

/** The diff of the workspace against `baseCommit`, leaving out `exclude` (paths setup created or changed). */
export async function modelPatch(workspace: string, baseCommit: string, exclude: string[] = []): Promise<string> {
  await git(workspace, ['add', '-A'])
  if (exclude.length)
    await git(
      workspace,
      ['reset', '-q', baseCommit, '--pathspec-from-file=-', '--pathspec-file-nul'],
      exclude.map((p) => `:(literal)${p}`).join('\0'),
    )
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
