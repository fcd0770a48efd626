import {describe, expect, it} from 'vitest'
import {parseTextToolCalls, sniffFormat} from '../../src/llm/text-tool-calls/index.js'
import type {ToolSpec} from '../../src/llm/types.js'

const args = (s: string) => JSON.parse(s)

const EDIT_TOOLS: ToolSpec[] = [
  {
    type: 'function',
    function: {
      name: 'edit',
      parameters: {
        type: 'object',
        properties: {
          path: {type: 'string'},
          old_string: {type: 'string'},
          new_string: {type: 'string'},
          count: {type: 'integer'},
        },
      },
    },
  },
]

describe('Hermes / Qwen2.5 <tool_call> JSON blocks', () => {
  it('takes two calls out of prose', () => {
    const text = `I'll check both cities.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}\n</tool_call>\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Zürich"}}\n</tool_call>`
    const r = parseTextToolCalls(text)
    expect(r.content).toBe("I'll check both cities.")
    expect(r.toolCalls.map((c) => [c.id, c.name, args(c.arguments)])).toEqual([
      ['call_0', 'get_weather', {city: 'Paris', unit: 'celsius'}],
      ['call_1', 'get_weather', {city: 'Zürich'}],
    ])
    expect(r.partial).toBe(false)
  })

  it('repairs single quotes and a trailing comma, and marks the call as repaired (evals do not count it as sent)', () => {
    const r = parseTextToolCalls(
      `<tool_call>{'name': 'bash', 'arguments': {'command': 'ls -la',}}</tool_call>`,
      'hermes',
    )
    expect(r.toolCalls[0]).toEqual({id: 'call_0', name: 'bash', arguments: '{"command":"ls -la"}', repaired: true})
  })

  it('keeps multi-line code with escaped quotes intact', () => {
    const code = 'def greet(name):\n    print(f"hello {name}\\\\n")\n'
    const text = `<tool_call>\n${JSON.stringify({name: 'write', arguments: {path: 'a.py', content: code}})}\n</tool_call>`
    expect(args(parseTextToolCalls(text).toolCalls[0]?.arguments ?? '')).toEqual({path: 'a.py', content: code})
  })

  it('reports a call cut mid-stream as partial and keeps the text before it', () => {
    const r = parseTextToolCalls('Let me look.\n<tool_call>\n{"name": "read", "argum')
    expect(r).toEqual({content: 'Let me look.', toolCalls: [], partial: true, trailing: ''})
  })

  it('keeps the raw arguments of a block that cannot be repaired, for the validator to explain', () => {
    const r = parseTextToolCalls('<tool_call>{"name": "grep", "arguments": {"pattern": }}}</tool_call>', 'hermes')
    expect(r.toolCalls[0]?.name).toBe('grep')
    expect(r.toolCalls[0]?.arguments).toContain('"pattern"')
  })
})

describe('Qwen3-Coder XML calls', () => {
  const text = `I will fix the off-by-one error.

<tool_call>
<function=edit>
<parameter=path>
src/range.ts
</parameter>
<parameter=old_string>
  for (let i = 0; i <= items.length; i++) {
</parameter>
<parameter=new_string>
  for (let i = 0; i < items.length; i++) {
</parameter>
<parameter=count>
1
</parameter>
</function>
</tool_call>`

  it('reads parameters as raw text, stripping only the markup newlines', () => {
    const r = parseTextToolCalls(text, 'auto', EDIT_TOOLS)
    expect(r.content).toBe('I will fix the off-by-one error.')
    expect(args(r.toolCalls[0]?.arguments ?? '')).toEqual({
      path: 'src/range.ts',
      old_string: '  for (let i = 0; i <= items.length; i++) {',
      new_string: '  for (let i = 0; i < items.length; i++) {',
      count: 1,
    })
  })

  it('keeps a numeric-looking string where the schema says string', () => {
    const r = parseTextToolCalls(
      '<tool_call>\n<function=edit>\n<parameter=path>\n2024\n</parameter>\n</function>\n</tool_call>',
      'qwen3_coder',
      EDIT_TOOLS,
    )
    expect(args(r.toolCalls[0]?.arguments ?? '')).toEqual({path: '2024'})
  })

  it('takes JSON values without a schema and text otherwise', () => {
    const r = parseTextToolCalls(
      '<tool_call>\n<function=search>\n<parameter=query>\nfoo bar\n</parameter>\n<parameter=limit>\n5\n</parameter>\n<parameter=filters>\n{"lang": "ts"}\n</parameter>\n</function>\n</tool_call>',
    )
    expect(args(r.toolCalls[0]?.arguments ?? '')).toEqual({query: 'foo bar', limit: 5, filters: {lang: 'ts'}})
  })

  it('is partial while the closing tag has not arrived', () => {
    const r = parseTextToolCalls(text.slice(0, text.indexOf('</function>')))
    expect(r.partial).toBe(true)
    expect(r.toolCalls).toEqual([])
  })

  it('reads a last call whose </function> came but whose </tool_call> never did', () => {
    const r = parseTextToolCalls(`Searching.\n${text.slice(0, text.indexOf('</tool_call>'))}`)
    expect(r).toMatchObject({partial: false, content: expect.stringMatching(/^Searching\./), trailing: ''})
    expect(args(r.toolCalls[0]?.arguments ?? '')).toMatchObject({path: 'src/range.ts', count: 1})
  })

  it('says what follows the last call', () => {
    expect(parseTextToolCalls(`${text}\nI will not run this.`).trailing).toBe('I will not run this.')
  })
})

describe('Mistral [TOOL_CALLS]', () => {
  it('reads the JSON array form with several calls', () => {
    const r = parseTextToolCalls(
      '[TOOL_CALLS][{"name": "read", "arguments": {"path": "a.ts"}}, {"name": "read", "arguments": {"path": "b.ts"}}]',
    )
    expect(r.toolCalls.map((c) => args(c.arguments).path)).toEqual(['a.ts', 'b.ts'])
    expect(r.content).toBe('')
  })

  it('reads the v11 name[ARGS]{...} form, repeated', () => {
    const r = parseTextToolCalls(
      '[TOOL_CALLS]get_time[ARGS]{"tz": "Europe/Paris"}[TOOL_CALLS]get_time[ARGS]{"tz": "Asia/Tokyo"}',
      'mistral',
    )
    expect(r.toolCalls.map((c) => [c.name, args(c.arguments).tz])).toEqual([
      ['get_time', 'Europe/Paris'],
      ['get_time', 'Asia/Tokyo'],
    ])
  })

  it('handles brackets inside strings and a cut array', () => {
    const r = parseTextToolCalls(
      '[TOOL_CALLS][{"name": "bash", "arguments": {"command": "echo \\"[x]\\" | grep -c ]"}}]',
    )
    expect(args(r.toolCalls[0]?.arguments ?? '').command).toBe('echo "[x]" | grep -c ]')
    expect(parseTextToolCalls('[TOOL_CALLS][{"name": "bash", "arguments": {"comm').partial).toBe(true)
  })
})

describe('JSON objects in fences or as the whole reply', () => {
  it('reads a ```json fence and leaves the prose', () => {
    const r = parseTextToolCalls(
      'Running the tests now:\n```json\n{"name": "bash", "arguments": {"command": "npm test"}}\n```\nThen I will report back.',
    )
    expect(r.toolCalls[0]).toMatchObject({name: 'bash', arguments: '{"command":"npm test"}'})
    expect(r.content).toBe('Running the tests now:\n\nThen I will report back.')
  })

  it('accepts {tool, args} and {name, parameters} shapes and arrays', () => {
    const r = parseTextToolCalls(
      '[{"tool": "glob", "args": {"pattern": "**/*.ts"}}, {"name": "ls", "parameters": {"path": "."}}]',
      'json',
    )
    expect(r.toolCalls.map((c) => [c.name, args(c.arguments)])).toEqual([
      ['glob', {pattern: '**/*.ts'}],
      ['ls', {path: '.'}],
    ])
  })

  it('leaves JSON that is not a call in the content', () => {
    const text = 'The config is:\n```json\n{"port": 8080}\n```'
    expect(parseTextToolCalls(text)).toEqual({content: text, toolCalls: [], partial: false, trailing: ''})
  })
})

describe('GLM-4.5 arg_key/arg_value calls', () => {
  it('reads keys and values, JSON where it is JSON', () => {
    const text =
      '<tool_call>search_files\n<arg_key>pattern</arg_key>\n<arg_value>TODO(.*)</arg_value>\n<arg_key>max_results</arg_key>\n<arg_value>20</arg_value>\n</tool_call>'
    const r = parseTextToolCalls(text)
    expect(r.toolCalls).toEqual([
      {id: 'call_0', name: 'search_files', arguments: '{"pattern":"TODO(.*)","max_results":20}'},
    ])
  })

  it('is partial when cut before </tool_call>', () => {
    expect(parseTextToolCalls('<tool_call>search_files\n<arg_key>pattern</arg_key>\n<arg_va', 'glm45').partial).toBe(
      true,
    )
  })
})

describe('format sniffing', () => {
  it.each([
    ['[TOOL_CALLS][]', 'mistral'],
    ['<tool_call>\n<function=x>', 'qwen3_coder'],
    ['<tool_call>{"name": "x"}', 'hermes'],
    ['<tool_call>x\n<arg_key>a</arg_key>', 'glm45'],
    ['```json\n{"name": "x"}\n```', 'json'],
    ['Just prose, no calls.', undefined],
  ])('%j → %s', (text, format) => {
    expect(sniffFormat(text)).toBe(format)
  })

  it('returns plain text unchanged', () => {
    expect(parseTextToolCalls('  The answer is 42.  ')).toEqual({
      content: 'The answer is 42.',
      toolCalls: [],
      partial: false,
      trailing: '',
    })
  })
})
