import {readdir} from 'node:fs/promises'
import {projectPath} from './project-path.js'
import {defineTool, ToolError} from './tool.js'
import {firstLines} from './truncate.js'

const MAX_ENTRIES = 500

export const lsTool = defineTool<{path?: string}>({
  name: 'ls',
  description: 'List a directory (folders end with /).',
  parameters: {
    type: 'object',
    properties: {path: {type: 'string', description: 'default: project root'}},
    additionalProperties: false,
  },
  async run({path = '.'}, {root}) {
    const entries = await readdir(projectPath(root, path), {withFileTypes: true}).catch(() => {
      throw new ToolError(`Cannot list \`${path}\`: not a directory. Use glob to find paths.`)
    })
    const names = entries
      .filter((e) => e.name !== '.git')
      .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
      .sort()
    if (!names.length) return `(${path} is empty)`
    return firstLines(names, MAX_ENTRIES, 'entries', 'use glob to narrow')
  },
})
