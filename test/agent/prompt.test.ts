import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runAgent} from '../../src/agent/loop.js'
import {PROMPT_BUDGET_TOKENS} from '../../src/agent/prompt-stats.js'
import {buildSystemPrompt} from '../../src/agent/system-prompt.js'
import {BUILTIN_TOOLS} from '../../src/agent/tools/index.js'
import {startSim} from '../../src/engines/sim.js'
import {LlmClient} from '../../src/llm/client.js'
import {fixScript, native, TASK} from './fix-script.js'
import {runAgentCli} from './run-agent-cli.js'
import {BUGGY_PROJECT, tempRepo} from './temp-repo.js'

describe('the prompt', () => {
  it('--print-prompt-stats: system prompt and tool schemas within the budget', async () => {
    const repo = await tempRepo({})
    const r = await runAgentCli(['--print-prompt-stats', '--output-format', 'json'], {cwd: repo})
    expect(r.exitCode).toBe(0)
    const stats = JSON.parse(r.stdout)
    expect(stats).toMatchObject({tools: 9, mcpTools: 0, projectTokens: 0, budget: PROMPT_BUDGET_TOKENS})
    expect(stats.total).toBe(stats.systemTokens + stats.toolTokens)
    expect(stats.total).toBeLessThanOrEqual(2500)
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
