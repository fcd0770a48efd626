import {describe, expect, it} from 'vitest'
import type {AgentEvent} from '../../src/agent/events.js'
import {RENDERERS} from '../../src/agent/render/index.js'

const result: AgentEvent = {
  type: 'result',
  status: 'success',
  text: 'Done.',
  sessionId: 'abc',
  turns: 2,
  usage: {promptTokens: 100, completionTokens: 20},
  durationMs: 1500,
}
const call: AgentEvent = {type: 'tool_call', turn: 1, id: 'c', name: 'read', arguments: '{"path": "a.ts"}'}

describe('renderers', () => {
  it('text: progress on stderr, the answer alone on stdout', () => {
    expect(RENDERERS.text(call)).toEqual({stderr: '→ read {"path": "a.ts"}'})
    expect(RENDERERS.text({type: 'assistant', turn: 2, text: 'Done.', final: true})).toEqual({})
    expect(RENDERERS.text(result)).toEqual({
      stdout: 'Done.',
      stderr: '[success: 2 turns, 100+20 tokens, 1.5s; resume with --resume abc]',
    })
  })

  it('json: only the result; stream-json: every event on its own line', () => {
    expect(RENDERERS.json(call)).toEqual({})
    expect(JSON.parse(RENDERERS.json(result).stdout ?? '')).toEqual(result)
    expect(RENDERERS['stream-json'](call)).toEqual({stdout: JSON.stringify(call)})
  })
})
