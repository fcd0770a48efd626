import {writeFileSync} from 'node:fs'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {projectPromptStats} from '../../src/agent/headless.js'
import {runAgent} from '../../src/agent/loop.js'
import {PROMPT_BUDGET_TOKENS} from '../../src/agent/prompt-stats.js'
import {buildSystemPrompt} from '../../src/agent/system-prompt.js'
import {BUILTIN_TOOLS} from '../../src/agent/tools/index.js'
import {startSim} from '../../src/engines/sim.js'
import {LlmClient} from '../../src/llm/client.js'
import {countO200k} from '../../src/llm/o200k.js'
import {countPromptTokens} from '../../src/llm/prompt-tokens.js'
import {fixScript, native, TASK} from './fix-script.js'
import {runAgentCli} from './run-agent-cli.js'
import {BUGGY_PROJECT, tempHome, tempRepo} from './temp-repo.js'

describe('the prompt', () => {
  it('--print-prompt-stats: system prompt and tool schemas within the budget', async () => {
    const repo = await tempRepo({})
    const r = await runAgentCli(['--print-prompt-stats', '--output-format', 'json'], {cwd: repo})
    expect(r.exitCode).toBe(0)
    const stats = JSON.parse(r.stdout)
    expect(stats).toMatchObject({tools: 9, mcpTools: 0, projectTokens: 0, budget: 1000, tokenizer: 'o200k_base'})
    expect(stats.total).toBe(stats.systemTokens + stats.toolTokens)
    expect(stats.total).toBeLessThanOrEqual(PROMPT_BUDGET_TOKENS)
    expect(stats.engine).toBeUndefined()
  })

  it('--print-prompt-stats counts exactly the bytes a recording server receives, within 1,000 o200k tokens', async () => {
    const repo = await tempRepo({})
    const bodies: string[] = []
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (d: Buffer) => {
        body += d.toString()
      })
      req.on('end', () => {
        bodies.push(body)
        res.writeHead(200, {'content-type': 'text/event-stream'})
        const chunk = {id: 'r', object: 'chat.completion.chunk', created: 0, model: 'm', choices: []}
        const delta = (d: object, finish: string | null) => ({
          ...chunk,
          choices: [{index: 0, delta: d, finish_reason: finish}],
        })
        res.end(`data: ${JSON.stringify(delta({content: 'ok'}, 'stop'))}\n\ndata: [DONE]\n\n`)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
    try {
      const r = await runAgentCli(['-p', 'hi', '--endpoint', url, '--model', 'm'], {
        cwd: repo,
        env: {OAC_HOME: tempHome()},
      })
      expect(r.stdout).toBe('ok')
    } finally {
      server.close()
    }
    const raw = bodies.find((b) => b.includes('"tools"')) ?? ''
    const sent = JSON.parse(raw) as {messages: {content: string}[]; tools: unknown[]}
    // The same bytes: the tools array and the system message as they were on the wire.
    expect(raw).toContain(`"tools":${JSON.stringify(sent.tools)}`)
    const stats = await projectPromptStats(repo, () => {})
    expect(stats.systemTokens).toBe(countO200k(sent.messages[0]?.content ?? ''))
    expect(stats.toolTokens).toBe(countO200k(JSON.stringify(sent.tools)))
    expect(stats.total).toBeLessThanOrEqual(1000)
  })

  it("--print-prompt-stats adds the engine's own count from /tokenize", async () => {
    const repo = await tempRepo({})
    const sim = await startSim({port: 0, ttftMs: 0, itlMs: 0})
    try {
      const args = [
        '--print-prompt-stats',
        '--endpoint',
        sim.baseUrl,
        '--model',
        'sim-model',
        '--output-format',
        'json',
      ]
      const r = await runAgentCli(args, {cwd: repo})
      const stats = JSON.parse(r.stdout)
      const system = (await buildSystemPrompt(repo)).text
      const tokens = countPromptTokens(
        [{role: 'system', content: system}],
        BUILTIN_TOOLS.map((t) => t.spec),
      )
      expect(stats.engine).toEqual({tokens, form: 'template'})
    } finally {
      await sim.close()
    }
  })

  it('appends AGENTS.md (or CLAUDE.md) from the project root', async () => {
    const repo = await tempRepo({'CLAUDE.md': 'Use tabs.\n'})
    expect((await buildSystemPrompt(repo)).text).toMatch(/\n\n# Project instructions \(CLAUDE\.md\)\n\nUse tabs\.$/)
    writeFileSync(join(repo, 'AGENTS.md'), 'Run npm test.\n')
    const prompt = await buildSystemPrompt(repo)
    expect(prompt).toMatchObject({projectFile: 'AGENTS.md'})
    expect(prompt.text).not.toContain('Use tabs.')
  })

  it('keeps every request a byte-for-byte extension of the one before (prefix caching)', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const sim = await startSim({port: 0, ttftMs: 0, itlMs: 0}, fixScript(native))
    const client = new LlmClient(sim.baseUrl)
    const sent: string[] = []
    try {
      const result = await runAgent(
        {
          chat: (req) => {
            sent.push(JSON.stringify({tools: req.tools, messages: req.messages}))
            return client.chat(req)
          },
          model: 'sim-model',
          system: (await buildSystemPrompt(repo)).text,
          tools: [...BUILTIN_TOOLS],
          task: TASK,
          root: repo,
          maxTurns: 10,
          approve: async () => true,
          signal: new AbortController().signal,
          sessionId: 'test',
        },
        () => {},
      )
      expect(result.status).toBe('success')
    } finally {
      await sim.close()
    }
    expect(sent).toHaveLength(4)
    for (let i = 1; i < sent.length; i++) expect(sent[i]?.startsWith(sent[i - 1]!.slice(0, -2))).toBe(true)
  })
})
