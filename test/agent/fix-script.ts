import type {Script, ScriptReply, ScriptToolCall} from '../../src/engines/sim/script.js'

// The scripted model for the buggy project: read math.js, fix it, run its test, answer. Each step matches on
// what the agent fed back, so a wrong tool result fails the test with "no script rule matches".

export type CallStyle = (calls: ScriptToolCall[]) => ScriptReply

export const native: CallStyle = (calls) => ({toolCalls: calls})
export const asText =
  (format: 'qwen3_coder' | 'hermes'): CallStyle =>
  (calls) => ({content: 'Let me do that.', textToolCalls: {format, calls}})

export const FINAL_ANSWER = 'Fixed add in math.js (it subtracted); node math.test.js now prints ok.'

export function fixScript(style: CallStyle, edit: ScriptToolCall['arguments'] = EDIT_ARGS): Script {
  return {
    mode: 'ordered',
    rules: [
      {match: {lastUser: 'Fix add'}, reply: style([{name: 'read', arguments: {path: 'math.js'}}])},
      {match: {toolResult: '^1\\treturn|^1\\texport function add'}, reply: style([{name: 'edit', arguments: edit}])},
      {
        match: {toolResult: '^Edited math.js'},
        reply: style([{name: 'bash', arguments: {command: 'node math.test.js'}}]),
      },
      {match: {toolResult: '^ok\\n\\[exit code 0\\]$'}, reply: {content: FINAL_ANSWER}},
    ],
  }
}

export const EDIT_ARGS = {path: 'math.js', old_string: 'return a - b', new_string: 'return a + b'}
export const TASK = 'Fix add in math.js so that node math.test.js passes.'
