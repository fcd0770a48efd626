import {bashTool} from './bash.js'
import {editTool} from './edit.js'
import {globTool} from './glob.js'
import {grepTool} from './grep.js'
import {lsTool} from './ls.js'
import {multiEditTool} from './multi-edit.js'
import {readTool} from './read.js'
import {todoTool} from './todo.js'
import type {AgentTool} from './tool.js'
import {writeTool} from './write.js'

/** The built-in tools, in the order the model sees them (the order is part of the byte-stable prompt prefix). */
export const BUILTIN_TOOLS: readonly AgentTool[] = [
  readTool,
  writeTool,
  editTool,
  multiEditTool,
  bashTool,
  grepTool,
  globTool,
  lsTool,
  todoTool,
]
