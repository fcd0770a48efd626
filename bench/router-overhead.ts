// Overhead of oac router: the same streamed requests sent to `oac sim` directly and through the router, at
// concurrency 1 and 64, for each client API (Chat Completions passed through; Anthropic Messages and Responses
// translated to Chat Completions by the router, compared with the sim answering that API natively).
// Prints median time to first token (TTFT: request sent -> first chunk carrying reply text), the added median,
// requests/s and their ratio, the router's peak RSS, and the CPU time each process spent per request. Direct and
// routed runs alternate, every API and concurrency in each of `--rounds` rounds; figures are medians over rounds, with the spread (min–max) of the
// added TTFT and of the ratio, after a warm-up of every API on both paths. Sim and router run as the built CLI, each
// in its own process. `--apis chat,messages` measures only those.
//   --pin  sim + this client on CPU 0, the router on CPU 1 (taskset), in the direct runs too: a box where the router
//          never competes with the load for a core. Default: all three share every core (the headline figures).
// Run: `npm run build && npx tsx bench/router-overhead.ts [requests-per-run-at-c1] [--rounds N] [--pin] [--apis A,B]`.
import {type ChildProcess, execFileSync, spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {Agent, request} from 'node:http'
import {cpus, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'

// A fast GPU engine: 100 tok/s per sequence, 50 ms to the first token.
const SIM = {ttftMs: 50, itlMs: 10}
const MAX_TOKENS = 16
/** Requests at c=64 per API and path before measuring. */
const WARM_UP = 512
const root = new URL('..', import.meta.url).pathname

/** Starts `oac sim` or `oac router` from the built CLI (as users run them) and reads its URL. */
function serve(args: string[], cpu?: number): Promise<{url: string; child: ChildProcess}> {
  const node = [process.execPath, `${root}bin/run.js`, ...args]
  const [cmd, ...argv] = cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node]
  const child = spawn(cmd as string, argv, {stdio: ['ignore', 'pipe', 'inherit']})
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

/** One streamed request: ms to the first chunk with reply text. */
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

/** CPU time (ms) a process has used so far, summed over its threads (ns precision from schedstat). */
function cpuMs(pid: number): number {
  let ns = 0
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0])
    } catch {} // a thread that ended meanwhile
  }
  return ns / 1e6
}

interface Run {
  ttft: number
  rps: number
  /** CPU ms per request: sim, router, client. */
  cpu: {sim: number; router: number; client: number}
}

async function run(
  base: string,
  api: Api,
  concurrency: number,
  total: number,
  pids: {sim: number; router: number},
  onTick?: () => void,
): Promise<Run> {
  const ttfts: number[] = []
  let next = 0
  const before = {sim: cpuMs(pids.sim), router: cpuMs(pids.router), client: process.cpuUsage()}
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
  const client = process.cpuUsage(before.client)
  const cpu = {
    sim: (cpuMs(pids.sim) - before.sim) / total,
    router: (cpuMs(pids.router) - before.router) / total,
    client: (client.user + client.system) / 1000 / total,
  }
  return {ttft: median(ttfts), rps: total / seconds, cpu}
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}
const spread = (xs: number[], digits: number, unit = '') =>
  `${Math.min(...xs).toFixed(digits)}${unit}–${Math.max(...xs).toFixed(digits)}${unit}`

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return line ? Number(line[1]) / 1024 : Number.NaN
}

function options() {
  const args = process.argv.slice(2)
  const flag = (name: string) => args.indexOf(name)
  const rounds = flag('--rounds') >= 0 ? Number(args[flag('--rounds') + 1]) : 5
  const perRun = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--rounds') ?? 200)
  const apis = (flag('--apis') >= 0 ? (args[flag('--apis') + 1] ?? '') : Object.keys(API).join(',')).split(',')
  for (const api of apis) if (!(api in API)) throw new Error(`--apis: unknown API ${api} (chat, messages, responses)`)
  return {perRun, rounds, pin: flag('--pin') >= 0, apis: apis as Api[]}
}

async function main() {
  const {perRun, rounds, pin, apis} = options()
  if (!existsSync(`${root}dist/commands/router.js`)) {
    console.error('dist/ is missing: run `npm run build` first (the bench runs the built `oac sim` and `oac router`).')
    process.exit(2)
  }
  if (pin) {
    const cannot = (why: string) => {
      console.error(`--pin: ${why}`)
      process.exit(2)
    }
    if (cpus().length < 2) cannot(`needs 2 CPUs, this machine has ${cpus().length}`)
    // This process and the sim it starts (which inherits the mask) on CPU 0; the router on CPU 1.
    try {
      execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], {stdio: 'ignore'})
    } catch (error) {
      cannot(`taskset (util-linux) failed: ${(error as Error).message}`)
    }
  }
  const mode = pin
    ? 'pinned: sim + client on CPU 0, router on CPU 1 (taskset), direct runs on CPU 0 alone'
    : `shared: sim, router and client on all ${cpus().length} CPUs`
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  console.error(`mode ${mode}; load average before: ${load}`)
  const dir = mkdtempSync(join(tmpdir(), 'oac-router-bench-'))
  const simArgs = ['--ttft-ms', String(SIM.ttftMs), '--itl-ms', String(SIM.itlMs), '--max-seqs', '256']
  const sim = await serve(['sim', '--port', '0', '--model', 'm', ...simArgs])
  const config = join(dir, 'routing.yaml')
  writeFileSync(config, `upstreams:\n  - {name: sim, url: "${sim.url}/v1", models: [m]}\n`)
  const router = await serve(['router', '--config', config, '--port', '0', '--quiet'], pin ? 1 : undefined)
  const pids = {sim: sim.child.pid ?? 0, router: router.child.pid ?? 0}
  // taskset execs node in place, so the child's pid is the router's.
  const rows: string[] = []
  const cpuRows: string[] = []
  try {
    // Warm-up of every API on both paths (not measured): the router is a long-running service, so its code is
    // measured after V8 has compiled it, as the sim's is.
    for (const api of apis)
      for (const url of [sim.url, router.url]) {
        await run(url, api, 1, 16, pids)
        await run(url, api, 64, WARM_UP, pids)
      }
    // Rounds outermost, APIs inside: every API sees the same stretch of time (a busy neighbour hits all alike).
    const cases = [1, 64].flatMap((c) => apis.map((api) => ({api, c, direct: [] as Run[], via: [] as Run[], peak: 0})))
    for (let r = 0; r < rounds; r++)
      for (const k of cases) {
        const total = k.c === 1 ? perRun : 128
        const sample = () => {
          k.peak = Math.max(k.peak, rssMb(pids.router))
        }
        k.direct.push(await run(sim.url, k.api, k.c, total, pids))
        let n = 0
        k.via.push(await run(router.url, k.api, k.c, total, pids, () => ++n % 16 === 0 && sample()))
        sample()
        console.error(`round ${r + 1}/${rounds} ${k.api} c=${k.c}`)
      }
    for (const {api, c, direct, via, peak} of apis.flatMap((a) => cases.filter((k) => k.api === a))) {
      const added = via.map((v, i) => v.ttft - (direct[i] as Run).ttft)
      const ratio = via.map((v, i) => (100 * v.rps) / (direct[i] as Run).rps)
      const m = (runs: Run[], pick: (r: Run) => number) => median(runs.map(pick))
      const how = api === 'chat' ? 'passthrough' : 'translated to chat'
      rows.push(
        `| ${api} (${how}) | ${c} | ${m(direct, (r) => r.ttft).toFixed(2)} | ${m(via, (r) => r.ttft).toFixed(2)} | ${median(added).toFixed(2)} (${spread(added, 1)}) | ${m(direct, (r) => r.rps).toFixed(0)} | ${m(via, (r) => r.rps).toFixed(0)} | ${median(ratio).toFixed(0)}% (${spread(ratio, 0)}) | ${peak.toFixed(0)} |`,
      )
      const cpu = (runs: Run[], who: keyof Run['cpu']) => m(runs, (r) => r.cpu[who]).toFixed(2)
      cpuRows.push(
        `| ${api} | ${c} | ${cpu(direct, 'sim')} | ${cpu(direct, 'client')} | ${cpu(via, 'sim')} | ${cpu(via, 'client')} | ${cpu(via, 'router')} |`,
      )
    }
  } finally {
    sim.child.kill()
    router.child.kill()
    agent.destroy()
    rmSync(dir, {recursive: true, force: true})
  }
  console.log(`mode: ${mode}; load average before: ${load}, after: ${loadavg()[0]?.toFixed(2)}`)
  console.log(
    `oac sim: ttft ${SIM.ttftMs} ms, itl ${SIM.itlMs} ms (100 tok/s a sequence), ${MAX_TOKENS} tokens per reply; ${perRun} requests a run at c=1, 128 at c=64; warm-up ${WARM_UP} a path and API; ${rounds} rounds, each running every case direct then via the router; medians over rounds (min–max)`,
  )
  console.log(
    '| API | concurrency | TTFT direct (ms, median) | TTFT via router | added (spread) | req/s direct | req/s via router | ratio (spread) | router RSS (MB) |',
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const row of rows) console.log(row)
  console.log('\nCPU ms per request (median over rounds)')
  console.log('| API | concurrency | direct: sim | direct: client | via router: sim | via router: client | router |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const row of cpuRows) console.log(row)
}

await main()
