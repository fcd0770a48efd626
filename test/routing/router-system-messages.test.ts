import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {startSim} from '../../src/engines/sim.js'
import {routingConfigSchema} from '../../src/routing/config.js'
import {startRouter} from '../../src/routing/router/server.js'
import {anthropicToChat} from '../../src/routing/router/wire/anthropic-to-chat.js'
import {responsesToChat} from '../../src/routing/router/wire/responses-to-chat.js'

// Claude Code ends some requests with a `role: system` message, and Codex sends developer input items; translated
// as they stand they become a second system message, which strict chat templates refuse (issue 26, item 6).

const claudeCode = {
  model: 'claude-sonnet',
  max_tokens: 100,
  system: [{type: 'text', text: 'You are Claude Code.'}],
  messages: [
    {role: 'user', content: 'fix the test'},
    {role: 'system', content: [{type: 'text', text: 'Reminder: the plan is approved.'}]},
  ],
}

describe('system messages after the first', () => {
  it('fold: appended to the system prompt; user: a user message where it stood; keep: as sent', () => {
    expect(anthropicToChat(claudeCode, 'm', 'fold').messages).toEqual([
      {role: 'system', content: 'You are Claude Code.\n\nReminder: the plan is approved.'},
      {role: 'user', content: 'fix the test'},
    ])
    expect(anthropicToChat(claudeCode, 'm', 'user').messages).toEqual([
      {role: 'system', content: 'You are Claude Code.'},
      {role: 'user', content: 'fix the test'},
      {role: 'user', content: 'Reminder: the plan is approved.'},
    ])
    expect(anthropicToChat(claudeCode, 'm', 'keep').messages).toEqual([
      {role: 'system', content: 'You are Claude Code.'},
      {role: 'user', content: 'fix the test'},
      {role: 'system', content: 'Reminder: the plan is approved.'},
    ])
  })

  it("Codex's developer messages join its instructions", () => {
    const codex = {
      model: 'gpt-5',
      instructions: 'You are Codex.',
      input: [
        {type: 'message', role: 'developer', content: [{type: 'input_text', text: 'Sandbox: workspace-write.'}]},
        {type: 'message', role: 'user', content: [{type: 'input_text', text: 'fix the test'}]},
      ],
    }
    expect(responsesToChat(codex, 'm', 'fold').messages).toEqual([
      {role: 'system', content: 'You are Codex.\n\nSandbox: workspace-write.'},
      {role: 'user', content: 'fix the test'},
    ])
  })

  it('the router folds by default; settings.systemMessages changes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oac-system-'))
    const log = join(dir, 'sim.jsonl')
    const sim = await startSim({port: 0, ttftMs: 1, itlMs: 0, models: ['m'], log})
    const upstreams = [{name: 'sim', url: sim.baseUrl, models: ['m']}]
    const sent = async (settings: Record<string, unknown>) => {
      const router = await startRouter({
        config: routingConfigSchema.parse({upstreams, routes: [{to: 'sim/m'}], settings}),
        host: '127.0.0.1',
        port: 0,
      })
      try {
        const res = await fetch(`${router.url}/v1/messages`, {
          method: 'POST',
          headers: {'content-type': 'application/json'},
          body: JSON.stringify(claudeCode),
        })
        expect(res.status).toBe(200)
        const lines = readFileSync(log, 'utf8').trim().split('\n')
        return (JSON.parse(lines[lines.length - 1] as string) as {messages: {role: string}[]}).messages.map(
          (m) => m.role,
        )
      } finally {
        await router.close()
      }
    }
    try {
      expect(await sent({})).toEqual(['system', 'user'])
      expect(await sent({systemMessages: 'keep'})).toEqual(['system', 'user', 'system'])
    } finally {
      await sim.close()
      rmSync(dir, {recursive: true, force: true})
    }
  })
})
