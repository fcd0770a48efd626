import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Script} from '../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {routingConfigSchema} from '../../src/routing/config.js'
import {type RunningRouter, startRouter} from '../../src/routing/router/server.js'

// An engine that numbers tool calls per reply sends `call_0` on every turn (issue 26, item 2): Claude Code then
// dropped the repeated tool_use and its result and looped. Through the router every translated call gets a fresh id
// in the client's shape, the same in the stream and in the assembled reply, and the upstream reads it back from the
// history the client sends.

const SAME_ID: Script = {
  mode: 'match',
  rules: [
    {match: {toolResult: 'second'}, reply: {content: 'Both read.'}},
    {
      match: {toolResult: 'first'},
      reply: {toolCalls: [{id: 'call_0', name: 'read_file', arguments: {path: 'b.txt'}}]},
    },
    {match: {hasTools: true}, reply: {toolCalls: [{id: 'call_0', name: 'read_file', arguments: {path: 'a.txt'}}]}},
  ],
}
const TOOL = {
  name: 'read_file',
  description: 'Read a file',
  parameters: {type: 'object', properties: {path: {type: 'string'}}, required: ['path']},
}

const dir = mkdtempSync(join(tmpdir(), 'oac-tool-ids-'))
const log = join(dir, 'sim.jsonl')
let sim: RunningSim
let router: RunningRouter
beforeAll(async () => {
  sim = await startSim({port: 0, ttftMs: 1, itlMs: 0, models: ['m'], log}, SAME_ID)
  const config = routingConfigSchema.parse({upstreams: [{name: 'sim', url: sim.baseUrl, models: ['m']}]})
  router = await startRouter({config, host: '127.0.0.1', port: 0})
})
afterAll(async () => {
  await router.close()
  await sim.close()
  rmSync(dir, {recursive: true, force: true})
})

/** The tool-call ids the upstream saw in the history of its last request. */
function upstreamHistoryIds(): string[] {
  const lines = readFileSync(log, 'utf8').trim().split('\n')
  const last = JSON.parse(lines[lines.length - 1] as string) as {
    messages: {tool_calls?: {id: string}[]; tool_call_id?: string}[]
  }
  return last.messages.flatMap((m) => [...(m.tool_calls ?? []).map((c) => c.id), m.tool_call_id ?? []].flat())
}

describe('tool-call ids on translated replies', () => {
  it('Anthropic Messages: a fresh toolu_ id per call, the same in the stream and the message, sent back as is', async () => {
    const anthropic = new Anthropic({baseURL: router.url, apiKey: 'x'})
    const tools = [{name: TOOL.name, description: TOOL.description, input_schema: TOOL.parameters}] as Anthropic.Tool[]
    const messages: Anthropic.MessageParam[] = [{role: 'user', content: 'read both files'}]
    const ids: string[] = []
    for (const result of ['first', 'second']) {
      const stream = anthropic.messages.stream({model: 'm', max_tokens: 100, messages, tools})
      const started: string[] = []
      stream.on('streamEvent', (e) => {
        if (e.type === 'content_block_start' && e.content_block.type === 'tool_use') started.push(e.content_block.id)
      })
      const reply = await stream.finalMessage()
      const use = reply.content.find((b) => b.type === 'tool_use')
      expect(use?.id).toMatch(/^toolu_01[A-Za-z0-9]{22}$/)
      expect(started).toEqual([use?.id])
      ids.push(use?.id as string)
      messages.push(
        {role: 'assistant', content: reply.content},
        {role: 'user', content: [{type: 'tool_result', tool_use_id: use?.id as string, content: result}]},
      )
    }
    expect(new Set(ids).size).toBe(2)
    const last = await anthropic.messages.create({model: 'm', max_tokens: 100, messages, tools})
    expect(last.content).toEqual([{type: 'text', text: 'Both read.'}])
    expect(upstreamHistoryIds()).toEqual([ids[0], ids[0], ids[1], ids[1]])
  })

  it('Responses: a fresh call_ id per call, the same in the stream and the response, sent back as is', async () => {
    const openai = new OpenAI({baseURL: router.baseUrl, apiKey: 'x'})
    const tools = [{type: 'function' as const, strict: false, ...TOOL}]
    const input: OpenAI.Responses.ResponseInput = [{role: 'user', content: 'read both files'}]
    const ids: string[] = []
    for (const result of ['first', 'second']) {
      const stream = openai.responses.stream({model: 'm', input, tools})
      const added: string[] = []
      stream.on('response.output_item.added', (e) => {
        if (e.item.type === 'function_call') added.push(e.item.call_id)
      })
      const reply = await stream.finalResponse()
      const call = reply.output.find((o) => o.type === 'function_call')
      expect(call?.call_id).toMatch(/^call_[A-Za-z0-9]{24}$/)
      expect(added).toEqual([call?.call_id])
      ids.push(call?.call_id as string)
      input.push(call as OpenAI.Responses.ResponseFunctionToolCall, {
        type: 'function_call_output',
        call_id: call?.call_id as string,
        output: result,
      })
    }
    expect(new Set(ids).size).toBe(2)
    const last = await openai.responses.create({model: 'm', input, tools})
    expect(last.output_text).toBe('Both read.')
    expect(upstreamHistoryIds()).toEqual([ids[0], ids[0], ids[1], ids[1]])
  })
})
