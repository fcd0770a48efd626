import {relative} from 'node:path'
import {type RewindResult, rewindSession} from './rewind.js'

export function renderRewind(r: RewindResult, cwd: string): string {
  if (!r.restored.length) return `Session ${r.sessionId}: the files are already as they were before it.`
  const lines = r.restored.map(
    (f) => `  ${relative(cwd, f.path)}${f.deleted ? ' (deleted: created by the session)' : ''}`,
  )
  return `Rewound session ${r.sessionId}: ${r.restored.length} file${r.restored.length === 1 ? '' : 's'} restored\n${lines.join('\n')}`
}

/** `oac agent --rewind [SESSION]`: rewinds the session (default: the newest in this project) and says what changed. */
export async function rewindAndRender(cwd: string, session: string | undefined): Promise<string> {
  return renderRewind(await rewindSession({cwd, ...(session ? {session} : {})}), cwd)
}
