import {mkdir} from 'node:fs/promises'
import {dirname} from 'node:path'
import {displayPath, writablePath} from './project-path.js'
import {defineTool} from './tool.js'
import {writeProjectFile} from './write-project-file.js'

export const writeTool = defineTool<{path: string; content: string}>({
  name: 'write',
  description: 'Create or overwrite a file with the given content.',
  parameters: {
    type: 'object',
    properties: {path: {type: 'string'}, content: {type: 'string'}},
    required: ['path', 'content'],
    additionalProperties: false,
  },
  mutates: true,
  async run({path, content}, ctx) {
    const {root} = ctx
    const full = writablePath(root, path)
    await mkdir(dirname(full), {recursive: true})
    await writeProjectFile(ctx, full, content)
    const lines = content === '' ? 0 : content.split('\n').length - (content.endsWith('\n') ? 1 : 0)
    return `Wrote ${lines} lines to ${displayPath(root, full)}.`
  },
})
