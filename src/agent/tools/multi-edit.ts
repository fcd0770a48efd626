import type {Edit} from './apply-edit.js'
import {EDIT_PROPERTIES} from './edit.js'
import {editFile} from './edit-file.js'
import {defineTool} from './tool.js'

export const multiEditTool = defineTool<{path: string; edits: Edit[]}>({
  name: 'multi_edit',
  description: 'Several edit replacements in one file, applied in order; all or none.',
  parameters: {
    type: 'object',
    properties: {
      path: {type: 'string'},
      edits: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: EDIT_PROPERTIES,
          required: ['old_string', 'new_string'],
          additionalProperties: false,
        },
      },
    },
    required: ['path', 'edits'],
    additionalProperties: false,
  },
  mutates: true,
  run: ({path, edits}, ctx) => editFile(ctx, path, edits),
})
