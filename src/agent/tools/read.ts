import {readFile, stat} from 'node:fs/promises'
import {displayPath, projectPath} from './project-path.js'
import {defineTool, ToolError} from './tool.js'

// Files come back with line numbers (as `cat -n`) so that edits and answers can point at lines.

const DEFAULT_LIMIT = 2000
const MAX_LINE = 2000

export const readTool = defineTool<{path: string; offset?: number; limit?: number}>({
  name: 'read',
  description: 'Read a text file with numbered lines. offset: first line (1-based), limit: number of lines.',
  parameters: {
    type: 'object',
    properties: {
      path: {type: 'string'},
      offset: {type: 'integer', minimum: 1},
      limit: {type: 'integer', minimum: 1},
    },
    required: ['path'],
    additionalProperties: false,
  },
  outputCap: {
    keep: 'head',
    hint: (_args, kept) => {
      const last = Number(/(?:^|\n) *(\d+)\t[^\n]*$/.exec(kept)?.[1] ?? 0)
      return last ? `read on with offset=${last + 1} and a smaller limit` : 'read with a smaller limit'
    },
  },
  async run({path, offset = 1, limit = DEFAULT_LIMIT}, {root}) {
    const full = projectPath(root, path)
    const info = await stat(full).catch(() => undefined)
    if (!info) throw new ToolError(`File not found: \`${path}\`. Use ls or glob to find the right path.`)
    if (info.isDirectory()) throw new ToolError(`\`${path}\` is a directory; use ls to list it.`)
    const buffer = await readFile(full)
    if (buffer.subarray(0, 8000).includes(0))
      throw new ToolError(`\`${path}\` is a binary file (${buffer.length} bytes).`)
    const lines = buffer.toString('utf8').split('\n')
    if (lines.at(-1) === '') lines.pop()
    if (lines.length === 0) return `(${displayPath(root, full)} is empty)`
    if (offset > lines.length)
      throw new ToolError(`\`${path}\` has ${lines.length} lines; offset ${offset} is past the end.`)
    const end = Math.min(lines.length, offset - 1 + limit)
    const width = String(end).length
    const shown = lines.slice(offset - 1, end).map((line, i) => {
      const text = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)} [… line cut at ${MAX_LINE} characters]` : line
      return `${String(offset + i).padStart(width)}\t${text}`
    })
    const more =
      end < lines.length ? `\n[showing lines ${offset}-${end} of ${lines.length}; read on with offset=${end + 1}]` : ''
    return shown.join('\n') + more
  },
})
