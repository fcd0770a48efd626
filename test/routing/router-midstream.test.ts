import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Script} from '../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {routingConfigSchema} from '../../src/routing/config.js'
import {type RunningRouter, startRouter} from '../../src/routing/router/server.js'

// The upstream dies in the middle of a reply (an engine crash or restart): bytes already reached the client, so
// the router must not fall back (the client would get two replies spliced together). Each client API is told in
// its own way that the reply broke — Anthropic and Responses with their `error` stream event, Chat Completions
// by the stream ending without `[DONE]` — never a reply that looks finished.

const REPLY = 'one two three four five six seven eight nine ten'
const cut: Script = {mode: 'match', rules: [{reply: {content: REPLY, cutAfterTokens: 3}}]}
const whole: Script = {mode: 'match', rules: [{reply: {content: 'FALLBACK REPLY'}}]}

const dir = mkdtempSync(join(tmpdir(), 'oac-router-midstream-'))
const fallbackLog = join(dir, 'fallback.jsonl')
let primary: RunningSim
let fallback: RunningSim
let router: RunningRouter
beforeAll(async () => {
  primary = await startSim({port: 0, ttftMs: 2, itlMs: 2, models: ['big'], context: 4096}, cut)
  fallback = await startSim({port: 0, ttftMs: 2, itlMs: 0, models: ['small'], context: 4096, log: fallbackLog}, whole)
  const config = routingConfigSchema.parse({
    upstreams: [
      {name: 'primary', url: primary.baseUrl, models: ['big']},
      {name: 'fallback', url: fallback.baseUrl, models: ['small']},
    ],
    routes: [{match: {model: '*'}, to: 'primary/big', fallback: ['fallback/small']}],
  })
  router = await startRouter({config, host: '127.0.0.1', port: 0})
})
afterAll(async () => {
  await router.close()
  await primary.close()
  await fallback.close()
})

const fallbackRequests = () => {
  try {
    return readFileSync(fallbackLog, 'utf8').trim().split('\n').filter(Boolean).length
  } catch {
    return 0
  }
}

describe('an upstream that dies mid-stream', () => {
  it('ends an Anthropic Messages stream with an error event after the text it had', async () => {
    const anthropic = new Anthropic({baseURL: router.url, apiKey: 'x', maxRetries: 0})
    let text = ''
    const error = await (async () => {
      const stream = anthropic.messages.stream({
        model: 'claude-sonnet-4-5',
        max_tokens: 64,
        messages: [{role: 'user', content: 'count'}],
      })
      stream.on('text', (delta) => {
        text += delta
      })
      await stream.finalMessage()
    })().catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect(String((error as Error).message)).toMatch(/upstream .*before the reply finished/)
    expect(text.length).toBeGreaterThan(0)
    expect(REPLY.startsWith(text)).toBe(true)
    expect(fallbackRequests()).toBe(0)
  })

  it('ends a Responses stream with an error event and no response.completed', async () => {
    const openai = new OpenAI({baseURL: router.baseUrl, apiKey: 'x', maxRetries: 0})
    const events: {type: string; message?: string}[] = []
    const failure = await (async () => {
      const stream = await openai.responses.create({model: 'gpt-5', input: 'count', stream: true})
      for await (const event of stream) events.push(event as {type: string; message?: string})
    })().catch((e: Error) => e)
    const types = events.map((e) => e.type)
    expect(types).toContain('response.output_text.delta')
    expect(types).not.toContain('response.completed')
    // The SDK either yields the error event or raises it; either way the client is told the reply broke.
    const told = events.find((e) => e.type === 'error')?.message ?? (failure as Error | undefined)?.message
    expect(told).toMatch(/upstream .*before the reply finished/)
    expect(fallbackRequests()).toBe(0)
  })

  it('cuts a passed-through Chat Completions stream, so the SDK sees it end without [DONE]', async () => {
    const openai = new OpenAI({baseURL: router.baseUrl, apiKey: 'x', maxRetries: 0})
    let text = ''
    const error = await (async () => {
      const stream = await openai.chat.completions.create({
        model: 'qwen',
        stream: true,
        messages: [{role: 'user', content: 'count'}],
      })
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    })().catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect(REPLY.startsWith(text)).toBe(true)
    expect(text).not.toContain('FALLBACK')
    expect(fallbackRequests()).toBe(0)
  })

  it('still falls back when the primary fails before any byte reached the client', async () => {
    await primary.close()
    const openai = new OpenAI({baseURL: router.baseUrl, apiKey: 'x', maxRetries: 0})
    const reply = await openai.chat.completions.create({model: 'qwen', messages: [{role: 'user', content: 'hi'}]})
    expect(reply.choices[0]?.message.content).toBe('FALLBACK REPLY')
    expect(fallbackRequests()).toBe(1)
  })
})
