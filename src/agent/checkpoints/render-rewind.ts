import {relative} from 'node:path'
import {showControls} from '../../util/terminal-text.js'
import type {RestoredFile} from './checkpoints.js'
import type {RewindResult} from './rewind.js'

// What /undo, /redo and `oac agent --rewind` say they put back, and what they kept.

/** A path as it is, control characters shown (`\e[2J.txt`): a file the agent named can hold any of them. */
export const shownPath = (path: string) => showControls(path)

/** One line per restored work file (relative to `root`), then one line for `.git` when it was put back. */
export function restoredLines(restored: RestoredFile[], root: string, createdBy = 'the agent created it'): string[] {
  const files = restored.filter((f) => !f.gitDir)
  const git = restored.filter((f) => f.gitDir)
  const lines = files.map((f) => `${shownPath(relative(root, f.path))}${f.deleted ? ` (deleted: ${createdBy})` : ''}`)
  if (git.length)
    lines.push(
      `.git as it was: ${git.map((f) => shownPath(relative(root, f.path).replace(/^(?:.*\/)?\.git\//, ''))).join(', ')}`,
    )
  return lines
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

const KEPT_WHY = {
  all: '',
  yes: '',
  no: ' (you said no; --rewind-all puts them back too)',
  'not-asked': ' (not asked: no terminal; --rewind-all puts them back too)',
}

export function renderRewind(r: RewindResult, root: string): string {
  const indent = (list: string[]) => list.map((l) => `  ${l}`)
  const paths = (list: string[]) => indent(list.map(shownPath))
  const out: string[] = []
  const files = r.restored.filter((f) => !f.gitDir).length
  if (r.restored.length)
    out.push(
      `Rewound session ${r.sessionId}: ${plural(files, 'file')} the agent changed ${files === 1 ? 'is' : 'are'} back as before it changed ${files === 1 ? 'it' : 'them'}:`,
      ...indent(restoredLines(r.restored, root)),
    )
  else if (r.kept.length)
    out.push(`Nothing rewound in session ${r.sessionId}: every file the agent changed was changed again since.`)
  else out.push(`Session ${r.sessionId}: the files the agent changed are already as they were before it.`)
  if (r.kept.length)
    out.push(`Kept, changed again after the agent changed them${KEPT_WHY[r.answer]}:`, ...paths(r.kept))
  if (r.others.length) out.push('Kept, changed since the session began but not by the agent:', ...paths(r.others))
  if (r.before) out.push('The state before this rewind is saved: oac agent --undo-rewind puts it back.')
  return out.join('\n')
}

export function renderUndoRewind(r: {sessionId: string; restored: RestoredFile[]}, root: string): string {
  if (!r.restored.length) return `Session ${r.sessionId}: the files are already as they were before the rewind.`
  return [
    `Put back ${plural(r.restored.filter((f) => !f.gitDir).length, 'file')} of session ${r.sessionId} as they were before its last --rewind:`,
    ...restoredLines(r.restored, root).map((l) => `  ${l}`),
  ].join('\n')
}
