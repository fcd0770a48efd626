import type {ClientId, ClientWriter} from '../types.js'
import {aiderWriter} from './aider.js'
import {claudeCodeWriter} from './claude-code.js'
import {codexWriter} from './codex.js'
import {continueWriter} from './continue.js'
import {oacAgentWriter} from './oac-agent.js'
import {opencodeWriter} from './opencode.js'
import {qwenCodeWriter} from './qwen-code.js'

// Every client `oac route apply` can configure; a new client is one writer file and one line here.
export const clientWriters: Record<ClientId, ClientWriter> = {
  'claude-code': claudeCodeWriter,
  codex: codexWriter,
  opencode: opencodeWriter,
  aider: aiderWriter,
  continue: continueWriter,
  'qwen-code': qwenCodeWriter,
  oac: oacAgentWriter,
}
