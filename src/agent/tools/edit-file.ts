import {readFile} from 'node:fs/promises'
import {applyEditNoting, type Edit} from './apply-edit.js'
import {displayPath, writablePath} from './project-path.js'
import {type ToolContext, ToolError} from './tool.js'
import {writeProjectFile} from './write-project-file.js'

/** Reads a file, applies edits in order (all or none), writes it back; returns the confirmation line. */
export async function editFile(ctx: ToolContext, path: string, edits: Edit[]): Promise<string> {
  const {root} = ctx
  const full = writablePath(root, path)
  const before = await readFile(full, 'utf8').catch(() => {
    throw new ToolError(`File not found: \`${path}\`. Use write to create a file.`)
  })
  let text = before
  const notes: string[] = []
  edits.forEach((edit, i) => {
    try {
      const done = applyEditNoting(text, edit, path)
      text = done.text
      if (done.note) notes.push(edits.length > 1 ? `Edit ${i + 1}: ${done.note}` : done.note)
    } catch (error) {
      if (edits.length === 1 || !(error instanceof ToolError)) throw error
      throw new ToolError(`Edit ${i + 1} of ${edits.length} failed, no edit was applied: ${error.message}`)
    }
  })
  await writeProjectFile(ctx, full, text, before)
  const delta = text.split('\n').length - before.split('\n').length
  const line = `Edited ${displayPath(root, full)} (${edits.length} edit${edits.length > 1 ? 's' : ''}, ${delta >= 0 ? '+' : ''}${delta} lines).`
  return [line, ...notes].join('\n')
}
