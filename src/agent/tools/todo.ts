import {defineTool, type TodoItem} from './tool.js'

const MARK: Record<TodoItem['status'], string> = {pending: '[ ]', in_progress: '[~]', completed: '[x]'}

export const todoTool = defineTool<{todos: TodoItem[]}>({
  name: 'todo',
  description: 'Replace your task list (for work with several steps); returns it.',
  parameters: {
    type: 'object',
    properties: {
      todos: {
        type: 'array',
        items: {
          type: 'object',
          properties: {content: {type: 'string'}, status: {enum: ['pending', 'in_progress', 'completed']}},
          required: ['content', 'status'],
          additionalProperties: false,
        },
      },
    },
    required: ['todos'],
    additionalProperties: false,
  },
  async run({todos}, ctx) {
    ctx.todos.splice(0, ctx.todos.length, ...todos)
    if (!todos.length) return 'Task list cleared.'
    return todos.map((t) => `${MARK[t.status]} ${t.content}`).join('\n')
  },
})
