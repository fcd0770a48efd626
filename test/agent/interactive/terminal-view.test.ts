import {describe, expect, it} from 'vitest'
import {painter} from '../../../src/agent/interactive/paint.js'
import {TerminalView} from '../../../src/agent/interactive/terminal-view.js'

function view() {
  let text = ''
  const v = new TerminalView((t) => (text += t), painter(false), '/repo')
  return {v, text: () => text}
}

const change = {path: '/repo/math.js', before: 'a\nb - c\n', after: 'a\nb + c\n'}

describe('TerminalView', () => {
  it('streams a reply, hides a tool call printed as text, and does not repeat what was streamed', () => {
    const {v, text} = view()
    for (const chunk of ['Let me ', 'read it.', '<tool_call>{"name": "read"}</tool_call>'])
      v.event({type: 'delta', turn: 1, text: chunk, reasoning: false})
    v.event({type: 'usage', turn: 1, promptTokens: 10, completionTokens: 5, estimated: false})
    v.event({type: 'assistant', turn: 1, text: 'Let me read it.', final: false})
    v.event({type: 'tool_call', turn: 1, id: 'c1', name: 'read', arguments: '{"path": "math.js"}'})
    v.event({type: 'tool_result', turn: 1, id: 'c1', name: 'read', output: '1\ta\n2\tb - c', isError: false})
    v.event({type: 'assistant', turn: 2, text: 'Not streamed.', final: true})
    expect(text()).toBe('Let me read it.\n● read math.js\n  ⎿ ✓ 2 lines\nNot streamed.\n')
  })

  it('shows a diff once: with the approval question, or after the write when nobody was asked', () => {
    const {v, text} = view()
    v.preview(change)
    v.fileChanged(change)
    const diff = '    --- a/math.js\n    +++ b/math.js\n    @@ -1,2 +1,2 @@\n     a\n    -b - c\n    +b + c\n'
    expect(text()).toBe(diff)
    v.fileChanged(change)
    expect(text()).toBe(diff + diff)
  })

  it('summarizes a bash result by its exit status', () => {
    const {v, text} = view()
    v.event({type: 'tool_call', turn: 1, id: 'c1', name: 'bash', arguments: '{"command": "npm test"}'})
    v.event({type: 'tool_result', turn: 1, id: 'c1', name: 'bash', output: 'ok\nok\n[exit code 1]', isError: false})
    expect(text()).toBe('● bash $ npm test\n  ⎿ ✓ exit code 1, 2 lines of output\n')
  })
})
