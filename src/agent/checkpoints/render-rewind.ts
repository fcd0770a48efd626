import {relative} from 'node:path'
import {type RewindResult, rewindSession} from './rewind.js'

export function renderRewind(r: RewindResult, cwd: string): string {
  if (!r.restored.length) return `Session ${r.sessionId}: the files are already as they were before it.`
  const files = r.restored.filter((f) => !f.gitDir)
  const git = r.restored.filter((f) => f.gitDir)
  const lines = files.map((f) => `  ${relative(cwd, f.path)}${f.deleted ? ' (deleted: created by the session)' : ''}`)
  if (git.length)
    lines.push(`  .git as it was: ${git.map((f) => relative(cwd, f.path).replace(/^(?:.*\/)?\.git\//, '')).join(', ')}`)
  return `Rewound session ${r.sessionId}: ${files.length} file${files.length === 1 ? '' : 's'} restored\n${lines.join('\n')}`
}

/** `oac agent --rewind [SESSION]`: rewinds the session (default: the newest in this project) and says what changed. */
export async function rewindAndRender(cwd: string, session: string | undefined): Promise<string> {
  return renderRewind(await rewindSession({cwd, ...(session ? {session} : {})}), cwd)
}
