import {request} from 'node:http'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {exposureError} from '../../src/engines/http/request-guard.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'

// A browser page can reach a loopback server through DNS rebinding or a text/plain cross-site POST; oac sim and
// oac serve (one HTTP face) refuse both, and --api-key locks every route but /health.

function send(url: string, o: {method?: string; host?: string; type?: string; key?: string; body?: string}) {
  return new Promise<{status: number; body: string}>((resolve, reject) => {
    const u = new URL(url)
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: o.method ?? 'GET',
        headers: {
          ...(o.host ? {host: o.host} : {}),
          ...(o.type ? {'content-type': o.type} : {}),
          ...(o.key ? {authorization: `Bearer ${o.key}`} : {}),
        },
      },
      (res) => {
        let body = ''
        res.on('data', (d) => (body += d))
        res.on('end', () => resolve({status: res.statusCode ?? 0, body}))
      },
    )
    req.on('error', reject)
    req.end(o.body)
  })
}

const chat = JSON.stringify({model: 'sim-model', messages: [{role: 'user', content: 'hi'}], max_tokens: 2})
let open: RunningSim
let locked: RunningSim
beforeAll(async () => {
  open = await startSim({port: 0, ttftMs: 0, itlMs: 0})
  locked = await startSim({port: 0, ttftMs: 0, itlMs: 0, apiKey: 'k-123'})
})
afterAll(async () => {
  await open.close()
  await locked.close()
})

describe('local server guard', () => {
  it('answers loopback names only (DNS rebinding)', async () => {
    expect((await send(`${open.baseUrl}/models`, {host: 'evil.example:8000'})).status).toBe(403)
    expect((await send(`${open.baseUrl}/models`, {host: 'localhost:8000'})).status).toBe(200)
  })

  it('refuses a POST that is not JSON (cross-site form posts)', async () => {
    const url = `${open.baseUrl}/chat/completions`
    expect(await send(url, {method: 'POST', type: 'text/plain', body: chat})).toMatchObject({status: 415})
    expect((await send(url, {method: 'POST', type: 'application/json', body: chat})).status).toBe(200)
  })

  it('--api-key: every route but /health needs the key', async () => {
    expect((await send(`${locked.url}/health`, {})).status).toBe(200)
    expect((await send(`${locked.baseUrl}/models`, {})).status).toBe(401)
    expect((await send(`${locked.baseUrl}/models`, {key: 'wrong'})).status).toBe(401)
    expect((await send(`${locked.baseUrl}/models`, {key: 'k-123'})).status).toBe(200)
  })

  it('refuses a non-loopback --host without a key', () => {
    expect(exposureError('0.0.0.0', undefined)).toMatch(/--api-key/)
    expect(exposureError('0.0.0.0', 'k')).toBeUndefined()
    expect(exposureError('127.0.0.1', undefined)).toBeUndefined()
  })
})
