import {relative} from 'node:path'
import type {RewindResult} from './rewind.js'

export function renderRewind(r: RewindResult, cwd: string): string {
  if (!r.restored.length) return `Session ${r.sessionId}: the files are already as they were before it.`
  const lines = r.restored.map(
    (f) => `  ${relative(cwd, f.path)}${f.deleted ? ' (deleted: created by the session)' : ''}`,
  )
  return `Rewound session ${r.sessionId}: ${r.restored.length} file${r.restored.length === 1 ? '' : 's'} restored\n${lines.join('\n')}`
}
