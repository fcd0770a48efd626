import {readFile} from 'node:fs/promises'
import {applyEdit, type Edit} from '../tools/apply-edit.js'
import {projectPath} from '../tools/project-path.js'
import type {ApprovalRequest, FileChange} from '../tools/tool.js'

// What a write, edit or multi_edit would do to its file, worked out before asking for approval so that the person
// sees the diff they are saying yes to. Undefined when it cannot be worked out (the tool will report why).

export async function previewChange(root: string, request: ApprovalRequest): Promise<FileChange | undefined> {
  const args = request.args ?? {}
  if (typeof args.path !== 'string') return undefined
  const path = projectPath(root, args.path)
  const before = await readFile(path, 'utf8').catch(() => undefined)
  try {
    if (request.tool === 'write' && typeof args.content === 'string') return {path, before, after: args.content}
    const edits =
      request.tool === 'edit' ? [args as unknown as Edit] : request.tool === 'multi_edit' ? (args.edits as Edit[]) : []
    if (before === undefined || !edits.length) return undefined
    return {path, before, after: edits.reduce((text, edit) => applyEdit(text, edit, args.path as string), before)}
  } catch {
    return undefined
  }
}
