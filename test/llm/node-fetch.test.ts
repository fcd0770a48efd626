import http from 'node:http'
import net from 'node:net'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {nodeFetch, type WireTiming} from '../../src/llm/node-fetch.js'

// TTFT and E2E count from WireTiming.sentAt. If that stamp is taken after the request's bytes are written (as the
// socket's 'finish' event was), a busy client loop makes TTFT read shorter than the server took: CI once measured
// 3.1 ms against a sim whose TTFT is 5 ms. The stamp must come before the first write, on a fresh socket and a
// kept-alive one.

let server: http.Server
let url: string
beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => res.end('ok'))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v1/x`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

it('stamps sentAt before the request is written to the socket', async () => {
  const write = net.Socket.prototype.write
  const writes: number[] = []
  net.Socket.prototype.write = function (this: net.Socket, ...args: Parameters<typeof write>) {
    writes.push(performance.now())
    return write.apply(this, args)
  } as typeof write
  try {
    for (let i = 0; i < 3; i++) {
      writes.length = 0
      const wire: WireTiming = {}
      const res = await nodeFetch(url, {method: 'POST', body: '{"a":1}', oacWire: wire})
      expect(await res.text()).toBe('ok')
      expect(writes.length).toBeGreaterThan(0)
      expect(wire.sentAt).toBeDefined()
      expect(wire.sentAt as number).toBeLessThanOrEqual(writes[0] as number)
    }
  } finally {
    net.Socket.prototype.write = write
  }
})
