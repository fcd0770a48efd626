import {describe, expect, it} from 'vitest'
import {codeIndexAddOns} from '../../src/agent/code-index.js'
import {toolSchemaTokens} from '../../src/agent/prompt-stats.js'
import {searchCodeTool} from '../../src/agent/tools/search-code.js'
import type {Script} from '../../src/engines/sim/script.js'
import {countTokens} from '../../src/llm/tokenizer.js'
import {buildIndex} from '../../src/rag/build-index.js'
import {runInRepo} from '../agent/run-in-repo.js'
import {tempRepo} from '../agent/temp-repo.js'

// The agent and the code index: search_code appears when the project has an index, and a scripted model uses it.

const PROJECT = {
  'src/durations.ts': 'export function parseDuration(text: string): number {\n  return Number.parseInt(text, 10)\n}\n',
  'src/timer.ts':
    "import {parseDuration} from './durations'\n\nexport function startTimer(spec: string) {\n  return parseDuration(spec)\n}\n",
  'src/cli.ts':
    "import {parseDuration} from './durations'\nimport {startTimer} from './timer'\n\nexport function main(argv: string[]) {\n  return startTimer(argv[0] ?? '') + parseDuration('1')\n}\n",
}

describe('search_code in oac agent', () => {
  it('is offered when the project has an index, and a scripted model finds code with it', async () => {
    const repo = await tempRepo(PROJECT)
    await buildIndex({root: repo})
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'search_code', arguments: {query: 'parseDuration', k: 3}}]}},
        {
          // The hits only: how to add embeddings is the user's business, shown to them as a notice.
          match: {toolResult: '^src/durations\\.ts:1-3 function parseDuration\\n'},
          reply: {content: 'parseDuration is in src/durations.ts, lines 1-3.'},
        },
      ],
    }
    const run = await runInRepo(repo, script, {task: 'Where is the duration parser?'})
    expect(run.result).toMatchObject({status: 'success', text: 'parseDuration is in src/durations.ts, lines 1-3.'})
    const tools = run.of('start')[0]?.tools ?? []
    expect(tools).toEqual(['read', 'write', 'edit', 'multi_edit', 'bash', 'grep', 'glob', 'ls', 'todo', 'search_code'])
    expect(run.of('tool_result').map((e) => e.isError)).toEqual([false])
    expect(run.of('tool_result')[0]?.output).not.toMatch(/oac index/)
    expect(run.of('notice').map((e) => e.message)).toContainEqual(expect.stringMatching(/^search_code: lexical only/))
  })

  it('is not offered without an index', async () => {
    const repo = await tempRepo(PROJECT)
    const run = await runInRepo(repo, {mode: 'match', rules: [{reply: {content: 'ok'}}]}, {task: 'hi'})
    expect(run.of('start')[0]?.tools).not.toContain('search_code')
  })

  it('costs at most 80 tokens of schema', () => {
    expect(toolSchemaTokens([searchCodeTool('/nowhere').tool.spec])).toBeLessThanOrEqual(80)
  })

  it('with the repoMap setting, adds a map of the most referenced symbols within 500 tokens, the same every time', async () => {
    const repo = await tempRepo(PROJECT)
    await buildIndex({root: repo})
    const first = await codeIndexAddOns(repo, () => {}, {repoMap: true})
    const second = await codeIndexAddOns(repo, () => {}, {repoMap: true})
    await first.close()
    await second.close()
    expect(first.promptSection).toBe(
      [
        '# Repository map (most referenced symbols; search_code finds more)',
        'src/durations.ts: parseDuration',
        'src/timer.ts: startTimer',
      ].join('\n'),
    )
    expect(second.promptSection).toBe(first.promptSection)
    expect(countTokens(first.promptSection)).toBeLessThanOrEqual(500)
    expect((await codeIndexAddOns(repo, () => {}, {})).promptSection).toBe('')
  })
})
