import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import Anthropic from '@anthropic-ai/sdk'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {routingConfigSchema} from '../../src/routing/config.js'
import {type RunningRouter, startRouter} from '../../src/routing/router/server.js'

// An engine that ignores `stream: true` and answers with one JSON chat completion (some do behind proxies): a client
// that asked for a stream still gets the whole reply as its API's stream events, not an empty message.

let upstream: Server
let router: RunningRouter
beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const body = JSON.stringify({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        model: 'm',
        choices: [{index: 0, message: {role: 'assistant', content: 'whole reply'}, finish_reason: 'stop'}],
        usage: {prompt_tokens: 5, completion_tokens: 2},
      })
      res.writeHead(200, {'content-type': 'application/json', 'content-length': Buffer.byteLength(body)})
      res.end(body)
    })
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  const {port} = upstream.address() as AddressInfo
  const config = routingConfigSchema.parse({
    upstreams: [{name: 'json', url: `http://127.0.0.1:${port}/v1`, models: ['m']}],
  })
  router = await startRouter({config, host: '127.0.0.1', port: 0})
})
afterAll(async () => {
  await router.close()
  await new Promise((resolve) => upstream.close(resolve))
})

describe('an upstream that answers a streamed request with JSON', () => {
  it('streams the whole reply to an Anthropic client', async () => {
    const anthropic = new Anthropic({baseURL: router.url, apiKey: 'x', maxRetries: 0})
    let text = ''
    const stream = anthropic.messages.stream({model: 'm', max_tokens: 16, messages: [{role: 'user', content: 'hi'}]})
    stream.on('text', (t) => {
      text += t
    })
    const message = await stream.finalMessage()
    expect(text).toBe('whole reply')
    expect(message.stop_reason).toBe('end_turn')
    expect(message.usage.output_tokens).toBe(2)
  })
})
