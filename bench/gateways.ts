// Gateways compared on one upstream, the way a comparison people can trust is run: oac router, a pass-through
// proxy as the floor (bench/floor-proxy.mjs: what any gateway costs at least), and optionally peers installed from
// npm into a scratch folder (bench/gateway-peers.ts; never oac's dependencies), all in front of the same built
// `oac sim` speaking Chat Completions only, so the router's Messages and Responses translation is measured, not
// the sim's own. Every path runs for a fixed time (default 10 s) at concurrency 1 and 64, in an order rotated each
// round; the direct run to the sim is the baseline of every round. Per path: p50 and p99 time to the first text
// event, and what each adds over direct (medians over rounds, spread min–max); the share of text events that arrived
// under 3 ms after the one before (the sim sends one every 10 ms: a gateway that batches merges them); replies whose
// text was not exactly the sim's; request rate against direct; CPU per request of the gateway; its peak RSS.
// Run: npm run build && npx tsx bench/gateways.ts [--seconds 10] [--rounds 5] [--apis chat,messages,responses]
//      [--peers ccr] [--ledger-dashboard]
// --ledger-dashboard: two routers side by side, one with the cost ledger writing every request to its store and a
// /dashboard page open (its event stream read throughout), one with both off (settings.ledger/dashboard: false).
import {type ChildProcess, spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {percentile} from '../src/bench/stats.js'
import {type Api, closeClient, type RunResult, timedRun} from './gateway-client.js'
import {PEERS, type PeerName, startPeer} from './gateway-peers.js'

const root = new URL('..', import.meta.url).pathname
const SIM = {ttftMs: 50, itlMs: 10}
/** The sim's reply to every request: 16 words, one token each, 10 ms apart. */
const REPLY = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa'
const MERGED_MS = 3

/** Starts a server process and reads its URL from its "listening on URL" line. */
export function serve(
  cmd: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<{url: string; child: ChildProcess}> {
  const child = spawn(cmd, args, {stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env})
  return new Promise((resolve, reject) => {
    let out = ''
    const read = (chunk: Buffer) => {
      out += chunk
      const url = /listening on (http:\/\/[^\s)]+)/i.exec(out)?.[1]
      if (url) resolve({url: url.replace(/\/$/, ''), child})
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.once('exit', (code) => reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${out.slice(-500)}`)))
  })
}

/** CPU time (ms) a process has used, summed over its threads. */
function cpuMs(pid: number): number {
  let ns = 0
  for (const task of readdirSync(`/proc/${pid}/task`))
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0])
    } catch {}
  return ns / 1e6
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024

interface Path {
  name: string
  api: Api
  base: string
  pid: number
}
interface Sample extends RunResult {
  path: string
  round: number
  cpuPerRequest: number
  rss: number
}

function options() {
  const args = process.argv.slice(2)
  const value = (name: string, fallback: string) => {
    const i = args.indexOf(name)
    return i >= 0 ? (args[i + 1] ?? fallback) : fallback
  }
  const apis = value('--apis', 'chat,messages,responses').split(',') as Api[]
  const peers = value('--peers', '').split(',').filter(Boolean) as PeerName[]
  for (const p of peers) if (!(p in PEERS)) throw new Error(`--peers: unknown peer ${p} (${Object.keys(PEERS)})`)
  const ledgerDashboard = args.includes('--ledger-dashboard')
  return {
    seconds: Number(value('--seconds', '10')),
    rounds: Number(value('--rounds', '5')),
    apis,
    peers,
    ledgerDashboard,
  }
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  )
const p = (xs: number[], q: number) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    q,
  )
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`

async function main() {
  const o = options()
  if (!existsSync(`${root}dist/commands/router.js`)) {
    console.error('dist/ is missing: run `npm run build` first (the bench runs the built `oac sim` and `oac router`).')
    process.exit(2)
  }
  const load = loadavg().map((l) => l.toFixed(2))
  const dir = mkdtempSync(join(tmpdir(), 'oac-gateways-'))
  const children: ChildProcess[] = []
  const oac = (args: string[]) => serve(process.execPath, [`${root}bin/run.js`, ...args])
  try {
    writeFileSync(join(dir, 'reply.yaml'), `mode: match\nrules:\n  - reply: {content: "${REPLY}"}\n`)
    const simArgs = ['--ttft-ms', String(SIM.ttftMs), '--itl-ms', String(SIM.itlMs), '--max-seqs', '256']
    const sim = await oac(['sim', '--port', '0', '--model', 'm', '--script', join(dir, 'reply.yaml'), ...simArgs])
    children.push(sim.child)
    const upstreams = `upstreams:\n  - {name: sim, url: "${sim.url}/v1", models: [m]}\n`
    writeFileSync(join(dir, 'routing.yaml'), upstreams)
    writeFileSync(join(dir, 'off.yaml'), `${upstreams}settings: {ledger: false, dashboard: false}\n`)
    // The ledger writes to a scratch store, never the user's.
    const env = {...process.env, OAC_HOME: join(dir, 'home')}
    const routerArgs = (file: string) => [
      `${root}bin/run.js`,
      'router',
      '--config',
      join(dir, file),
      '--port',
      '0',
      '--quiet',
    ]
    const router = await serve(process.execPath, routerArgs('routing.yaml'), env)
    const floor = await serve(process.execPath, [`${root}bench/floor-proxy.mjs`, sim.url])
    children.push(router.child, floor.child)
    const pid = (c: ChildProcess) => c.pid ?? 0
    const paths: Path[] = [
      {name: 'direct', api: 'chat', base: sim.url, pid: pid(sim.child)},
      {name: 'floor proxy', api: 'chat', base: floor.url, pid: pid(floor.child)},
      ...o.apis.map((api) => ({name: `oac router (${api})`, api, base: router.url, pid: pid(router.child)})),
    ]
    if (o.ledgerDashboard) {
      const off = await serve(process.execPath, routerArgs('off.yaml'), env)
      children.push(off.child)
      for (const api of o.apis) {
        const on = paths.find((x) => x.name === `oac router (${api})`) as Path
        on.name = `oac router (${api}, ledger + dashboard on)`
        paths.push({name: `oac router (${api}, both off)`, api, base: off.url, pid: pid(off.child)})
      }
      // A dashboard page open the whole time: its event stream read and dropped.
      const page = await fetch(`${router.url}/dashboard/events`)
      void page.body?.pipeTo(new WritableStream()).catch(() => undefined)
    }
    for (const name of o.peers) {
      const peer = await startPeer(name, sim.url, dir)
      children.push(peer.child)
      paths.push({
        name: `${name} (${peer.api})`,
        api: peer.api,
        base: peer.url,
        pid: pid(peer.child),
      })
    }
    const simPid = pid(sim.child)
    // Warm-up, not measured: gateways are long-running services, measured once V8 has compiled their code.
    for (const path of paths) await timedRun(path.base, path.api, 64, 2, REPLY)
    const samples = new Map<number, Sample[]>([
      [1, []],
      [64, []],
    ])
    for (let round = 0; round < o.rounds; round++)
      for (const c of [1, 64]) {
        const order = paths.map((_, i) => paths[(i + round) % paths.length] as Path)
        for (const path of order) {
          const before = {gateway: cpuMs(path.pid), sim: cpuMs(simPid)}
          const r = await timedRun(path.base, path.api, c, o.seconds, REPLY)
          const own = path.pid === simPid ? 0 : cpuMs(path.pid) - before.gateway
          samples.get(c)?.push({...r, path: path.name, round, cpuPerRequest: own / r.requests, rss: rssMb(path.pid)})
          console.error(`round ${round + 1}/${o.rounds} c=${c} ${path.name}: ${r.requests} requests, ${r.wrong} wrong`)
        }
      }
    report(paths, samples, o, load)
  } finally {
    for (const c of children) c.kill()
    closeClient()
    rmSync(dir, {recursive: true, force: true})
  }
}

function report(paths: Path[], samples: Map<number, Sample[]>, o: ReturnType<typeof options>, load: string[]) {
  console.log(
    `load average before: ${load.join(' ')}, after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  console.log(
    `oac sim (built): ${SIM.ttftMs} ms to the first token, a token every ${SIM.itlMs} ms, 16 tokens; ${o.rounds} rounds of ${o.seconds} s per path and concurrency, order rotated each round; medians over rounds (spread min–max)`,
  )
  const floorAdded: Record<number, number> = {}
  const floorMerged: Record<number, number> = {}
  const verdicts: string[] = []
  for (const [c, all] of samples) {
    console.log(`\nconcurrency ${c}`)
    console.log(
      '| path | TTFT p50 (ms) | TTFT p99 | added p50 (spread) | added p99 | merged < 3 ms | wrong replies | req/s vs direct | CPU ms/req | RSS MB |',
    )
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    const direct = all.filter((s) => s.path === 'direct')
    for (const path of paths) {
      const runs = all.filter((s) => s.path === path.name)
      const base = (round: number) => direct.find((d) => d.round === round) as Sample
      const added50 = runs.map((r) => p(r.ttfts, 50) - p(base(r.round).ttfts, 50))
      const added99 = runs.map((r) => p(r.ttfts, 99) - p(base(r.round).ttfts, 99))
      const merged =
        (100 * runs.reduce((n, r) => n + r.gaps.filter((g) => g < MERGED_MS).length, 0)) /
        Math.max(
          1,
          runs.reduce((n, r) => n + r.gaps.length, 0),
        )
      const wrong = runs.reduce((n, r) => n + r.wrong, 0)
      const total = runs.reduce((n, r) => n + r.requests, 0)
      const ratio = runs.map((r) => (100 * (r.requests / r.seconds)) / (base(r.round).requests / base(r.round).seconds))
      const cpu = path.name === 'direct' ? '—' : median(runs.map((r) => r.cpuPerRequest)).toFixed(2)
      console.log(
        `| ${path.name} | ${median(runs.map((r) => p(r.ttfts, 50))).toFixed(2)} | ${median(runs.map((r) => p(r.ttfts, 99))).toFixed(2)} | ${median(added50).toFixed(2)} (${spread(added50)}) | ${median(added99).toFixed(2)} | ${merged.toFixed(1)}% | ${wrong}/${total} | ${median(ratio).toFixed(0)}% | ${cpu} | ${Math.max(...runs.map((r) => r.rss)).toFixed(0)} |`,
      )
      if (path.name === 'floor proxy') {
        floorAdded[c] = median(added50)
        floorMerged[c] = merged
      } else if (path.name.startsWith('oac router') && floorAdded[c] !== undefined)
        verdicts.push(
          `c=${c} ${path.name}: added p50 ${(median(added50) - (floorAdded[c] ?? 0)).toFixed(2)} ms over the floor's (goal ≤ ${c === 1 ? 1 : 3} ms); merged ${(merged - (floorMerged[c] ?? 0)).toFixed(1)} points over the floor's (goal ≤ 5)`,
        )
    }
  }
  console.log(`\n${verdicts.join('\n')}`)
}

await main()
