import {describe, expect, it} from 'vitest'
import {painter} from '../../../src/agent/interactive/paint.js'
import {TerminalView} from '../../../src/agent/interactive/terminal-view.js'

function view() {
  let text = ''
  const out = {print: (t: string) => (text += t.endsWith('\n') ? t : `${t}\n`), partial: () => {}, width: () => 100}
  const v = new TerminalView(out, painter(false), '/repo')
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

  it('marks a failing command ✗ with its last lines, a cancelled one ⊘, and says when output was cut', () => {
    const {v, text} = view()
    v.event({type: 'tool_call', turn: 1, id: 'c1', name: 'bash', arguments: '{"command": "npm test"}'})
    const failing = 'ok 1\nok 2\nnot ok 3 - adds\n  expected 5, got -1\n[exit code 1]'
    v.event({type: 'tool_result', turn: 1, id: 'c1', name: 'bash', output: failing, isError: false})
    v.event({type: 'tool_result', turn: 1, id: 'c2', name: 'bash', output: 'partial\n[cancelled]', isError: false})
    const cut = 'a\n[… 9000 characters cut from the middle of 25000; redirect to a file …]\nz\n[exit code 0]'
    v.event({type: 'tool_result', turn: 1, id: 'c3', name: 'bash', output: cut, isError: false})
    expect(text()).toBe(
      [
        '● bash $ npm test',
        '  ⎿ ✗ exit code 1, 4 lines of output',
        '      ok 1',
        '      ok 2',
        '      not ok 3 - adds',
        '        expected 5, got -1',
        '  ⎿ ⊘ cancelled, 1 line of output',
        '  ⎿ ✓ exit code 0, 2 lines of output, cut for the model to 16000 of 25000 characters',
        '',
      ].join('\n'),
    )
  })

  it('shows tool calls without raw JSON, and renders markdown word-wrapped', () => {
    const {v, text} = view()
    v.event({type: 'tool_call', turn: 1, id: 'c1', name: 'todo', arguments: '{"todos": [{"content": "a"}]}'})
    v.event({type: 'tool_call', turn: 1, id: 'c2', name: 'mcp__x__lookup', arguments: '{"id": 42, "deep": true}'})
    v.event({
      type: 'assistant',
      turn: 2,
      text: `## Done\n\n- **fixed** \`add\` in math.js\n${'word '.repeat(30)}`,
      final: true,
    })
    expect(text().split('\n')).toEqual([
      '● todo 1 item',
      '● mcp__x__lookup id=42 deep=true',
      'Done',
      '',
      '• fixed add in math.js',
      ...'word '
        .repeat(30)
        .trim()
        .match(/.{1,99}(?= |$)/g)!
        .map((l) => l.trim()),
      '',
    ])
  })
})
