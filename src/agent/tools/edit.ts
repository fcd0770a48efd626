import {editFile} from './edit-file.js'
import {defineTool} from './tool.js'

export const EDIT_PROPERTIES = {
  old_string: {type: 'string', description: 'exact text to replace, must occur once'},
  new_string: {type: 'string'},
  replace_all: {type: 'boolean'},
}

export const editTool = defineTool<{path: string; old_string: string; new_string: string; replace_all?: boolean}>({
  name: 'edit',
  description: 'Replace exact text in a file. Read the file first; copy old_string exactly, indentation included.',
  parameters: {
    type: 'object',
    properties: {path: {type: 'string'}, ...EDIT_PROPERTIES},
    required: ['path', 'old_string', 'new_string'],
    additionalProperties: false,
  },
  mutates: true,
  run: ({path, ...edit}, ctx) => editFile(ctx, path, [edit]),
})
