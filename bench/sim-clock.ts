// The sim's clock: how late each chunk leaves, and the CPU the sim spends waiting, with the worker-thread waker
// (default) and the setImmediate poll it replaced (OAC_SIM_CLOCK=timer). Each run is a child process playing
// SEQUENCES sequences at random phases, one token every ITL ms, for SECONDS seconds.
//   npx tsx bench/sim-clock.ts [sequences=64] [seconds=3]
import {execFileSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {percentile} from '../src/bench/stats.js'

const [sequences = 64, seconds = 3] = process.argv.slice(2, 4).map(Number)
const ITL = 10

async function child(): Promise<void> {
  const {sleepUntil} = await import('../src/engines/sim/clock.js')
  const late: number[] = []
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const end = t0 + seconds * 1000
  await Promise.all(
    Array.from({length: sequences}, async () => {
      for (let at = t0 + Math.random() * ITL; at < end; at += ITL) {
        await sleepUntil(at)
        late.push(performance.now() - at)
      }
    }),
  )
  const cpu = process.cpuUsage(cpu0)
  late.sort((a, b) => a - b)
  const q = (p: number) => percentile(late, p).toFixed(3)
  const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - t0)
  console.log(
    JSON.stringify({
      chunks: late.length,
      median: q(50),
      p99: q(99),
      max: q(100),
      cpu: `${(cpuShare * 100).toFixed(1)}%`,
    }),
  )
}

if (process.env.SIM_CLOCK_CHILD) await child()
else {
  console.log(
    `${sequences} sequences, a chunk every ${ITL} ms each, ${seconds} s; lateness in ms; CPU as a share of one core`,
  )
  console.log(
    '| waker | chunks | late median | late p99 | late max | CPU |\n| --- | ---: | ---: | ---: | ---: | ---: |',
  )
  for (const clock of ['thread', 'timer', 'thread', 'timer']) {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), String(sequences), String(seconds)],
      {
        env: {...process.env, SIM_CLOCK_CHILD: '1', OAC_SIM_CLOCK: clock},
        encoding: 'utf8',
      },
    )
    const r = JSON.parse(out)
    console.log(`| ${clock} | ${r.chunks} | ${r.median} | ${r.p99} | ${r.max} | ${r.cpu} |`)
  }
}
