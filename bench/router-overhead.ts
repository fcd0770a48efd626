// Overhead of oac router: the same streamed requests sent to `oac sim` directly and through the router, at
// concurrency 1 and 64, for each client API (Chat Completions passed through; Anthropic Messages and Responses
// translated to Chat Completions by the router, compared with the sim answering that API natively).
// Prints median time to first token (TTFT: request sent -> first chunk carrying reply text), the added median,
// requests/s and their ratio, and the router's peak RSS. Sim and router run as the built CLI, each in its own
// process. Run: `npm run build && npx tsx bench/router-overhead.ts [requests-per-run-at-c1]`.
import {type ChildProcess, spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {Agent, request} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

// A fast GPU engine: 100 tok/s per sequence, 50 ms to the first token.
const SIM = {ttftMs: 50, itlMs: 10}
const MAX_TOKENS = 16
const root = new URL('..', import.meta.url).pathname

/** Starts `oac sim` or `oac router` from the built CLI (as users run them) and reads its URL. */
function serve(args: string[]): Promise<{url: string; child: ChildProcess}> {
  const child = spawn(process.execPath, [`${root}bin/run.js`, ...args], {stdio: ['ignore', 'pipe', 'inherit']})
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk
      const url = /listening on (http:\/\/[^\s]+)/.exec(out)?.[1]
      if (url) resolve({url, child})
    })
    child.once('exit', (code) => reject(new Error(`oac ${args[0]} exited ${code}: ${out}`)))
  })
}

const API = {
  chat: {
    path: '/v1/chat/completions',
    body: {model: 'm', stream: true, max_tokens: MAX_TOKENS, messages: [{role: 'user', content: 'Write a function.'}]},
    firstToken: /"content":"[^"]/,
  },
  messages: {
    path: '/v1/messages',
    body: {model: 'm', stream: true, max_tokens: MAX_TOKENS, messages: [{role: 'user', content: 'Write a function.'}]},
    firstToken: /content_block_delta/,
  },
  responses: {
    path: '/v1/responses',
    body: {model: 'm', stream: true, max_output_tokens: MAX_TOKENS, input: 'Write a function.'},
    firstToken: /response\.output_text\.delta/,
  },
} as const
type Api = keyof typeof API

const agent = new Agent({keepAlive: true, maxSockets: 256})

/** One streamed request: ms to the first chunk with reply text, and to the end. */
function one(base: string, api: Api): Promise<number> {
  const {path, body, firstToken} = API[api]
  const payload = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const start = performance.now()
    let ttft = -1
    const req = request(
      `${base}${path}`,
      {
        method: 'POST',
        agent,
        headers: {'content-type': 'application/json', 'content-length': Buffer.byteLength(payload)},
      },
      (res) => {
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          if (ttft < 0 && firstToken.test(chunk)) ttft = performance.now() - start
        })
        res.on('end', () =>
          res.statusCode === 200 && ttft >= 0 ? resolve(ttft) : reject(new Error(`${path}: HTTP ${res.statusCode}`)),
        )
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

async function run(base: string, api: Api, concurrency: number, total: number, onTick?: () => void) {
  const ttfts: number[] = []
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({length: concurrency}, async () => {
      while (next < total) {
        next++
        ttfts.push(await one(base, api))
        onTick?.()
      }
    }),
  )
  const seconds = (performance.now() - start) / 1000
  ttfts.sort((a, b) => a - b)
  return {ttft: ttfts[Math.floor(ttfts.length / 2)] ?? Number.NaN, rps: total / seconds}
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return line ? Number(line[1]) / 1024 : Number.NaN
}

async function main() {
  const perRun = Number(process.argv[2] ?? 200)
  if (!existsSync(`${root}dist/commands/router.js`)) {
    console.error('dist/ is missing: run `npm run build` first (the bench runs the built `oac sim` and `oac router`).')
    process.exit(2)
  }
  const dir = mkdtempSync(join(tmpdir(), 'oac-router-bench-'))
  const sim = await serve([
    'sim',
    '--port',
    '0',
    '--model',
    'm',
    '--ttft-ms',
    String(SIM.ttftMs),
    '--itl-ms',
    String(SIM.itlMs),
    '--max-seqs',
    '256',
  ])
  const config = join(dir, 'routing.yaml')
  writeFileSync(config, `upstreams:\n  - {name: sim, url: "${sim.url}/v1", models: [m]}\n`)
  const router = await serve(['router', '--config', config, '--port', '0', '--quiet'])
  const rows: string[] = []
  try {
    for (const api of Object.keys(API) as Api[]) {
      for (const c of [1, 64]) {
        const total = c === 1 ? perRun : 128
        await run(sim.url, api, c, Math.min(total, 16))
        await run(router.url, api, c, Math.min(total, 16))
        let peak = 0
        const sample = () => {
          peak = Math.max(peak, rssMb(router.child.pid ?? 0))
        }
        const direct = await run(sim.url, api, c, total)
        let n = 0
        const via = await run(router.url, api, c, total, () => ++n % 16 === 0 && sample())
        sample()
        const how = api === 'chat' ? 'passthrough' : 'translated to chat'
        rows.push(
          `| ${api} (${how}) | ${c} | ${direct.ttft.toFixed(2)} | ${via.ttft.toFixed(2)} | ${(via.ttft - direct.ttft).toFixed(2)} | ${direct.rps.toFixed(0)} | ${via.rps.toFixed(0)} | ${((100 * via.rps) / direct.rps).toFixed(0)}% | ${peak.toFixed(0)} |`,
        )
        console.error(rows.at(-1))
      }
    }
  } finally {
    sim.child.kill()
    router.child.kill()
    agent.destroy()
    rmSync(dir, {recursive: true, force: true})
  }
  console.log(
    `oac sim: ttft ${SIM.ttftMs} ms, itl ${SIM.itlMs} ms (100 tok/s a sequence), ${MAX_TOKENS} tokens per reply; ${perRun} requests at c=1, 128 at c=64`,
  )
  console.log(
    '| API | concurrency | TTFT direct (ms, median) | TTFT via router | added | req/s direct | req/s via router | ratio | router RSS (MB) |',
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const row of rows) console.log(row)
}

await main()
