import {stat} from 'node:fs/promises'
import {globToRegExp} from './glob-pattern.js'
import {listFiles} from './list-files.js'
import {projectPath} from './project-path.js'
import {defineTool, ToolError} from './tool.js'
import {firstLines} from './truncate.js'

const MAX_FILES = 200

export const globTool = defineTool<{pattern: string; path?: string}>({
  name: 'glob',
  description: 'Find files by glob pattern (src/**/*.ts, *.json); paths relative to path (default: project root).',
  parameters: {
    type: 'object',
    properties: {pattern: {type: 'string'}, path: {type: 'string'}},
    required: ['pattern'],
    additionalProperties: false,
  },
  async run({pattern, path = '.'}, {root}) {
    const dir = projectPath(root, path)
    if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new ToolError(`\`${path}\` is not a directory.`)
    const re = globToRegExp(pattern)
    const files = (await listFiles(dir)).filter((f) => re.test(f))
    if (!files.length) return `No files match \`${pattern}\` under ${path}.`
    return firstLines(files, MAX_FILES, 'files', 'use a narrower pattern')
  },
})
