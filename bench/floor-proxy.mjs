// The floor of the gateway benchmark: the least a gateway can do, a pass-through HTTP proxy in a dozen lines of
// plain Node (keep-alive to the upstream, bytes piped both ways, nothing parsed). What a gateway adds beyond this is
// its own cost. Run: node bench/floor-proxy.mjs UPSTREAM_ORIGIN (prints "listening on URL").
import {Agent, createServer, request} from 'node:http'

const upstream = new URL(process.argv[2])
const agent = new Agent({keepAlive: true, maxSockets: Number.POSITIVE_INFINITY})
const server = createServer((req, res) => {
  const headers = {...req.headers, host: upstream.host}
  const out = request({
    hostname: upstream.hostname,
    port: upstream.port,
    path: req.url,
    method: req.method,
    headers,
    agent,
  })
  out.on('response', (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers)
    up.pipe(res)
  })
  out.on('error', () => res.destroy())
  res.on('close', () => res.writableFinished || out.destroy())
  req.pipe(out)
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`))
