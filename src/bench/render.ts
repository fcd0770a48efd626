import type {MicroResult} from './micro.js'
import type {BenchPoint, BenchReport} from './run-bench.js'

const f = (n: number, digits = 2) => n.toFixed(digits)

function renderPoint(p: BenchPoint): string {
  const rate = p.request_rate === 'inf' ? 'inf' : `${p.request_rate} req/s`
  const title = `concurrency ${p.max_concurrency ?? 'unlimited'}, request rate ${rate}${p.interrupted ? ' (interrupted)' : ''}`
  const rows: [string, string][] = [
    ['Successful requests', String(p.completed)],
    ['Failed requests', String(p.failed)],
    ['Benchmark duration (s)', f(p.duration)],
    ['Total input tokens', String(p.total_input_tokens)],
    [
      `Total output tokens${p.output_tokens_source === 'estimated' ? ' (estimated: no usage from server)' : ''}`,
      String(p.total_output_tokens),
    ],
    ['Request throughput (req/s)', f(p.request_throughput)],
    ['Output token throughput (tok/s)', f(p.output_throughput)],
    ['Total token throughput (tok/s)', f(p.total_token_throughput)],
  ]
  if (p.request_goodput !== undefined) rows.push(['Request goodput (req/s)', f(p.request_goodput)])
  const lines = [
    `── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`,
    ...rows.map(([k, v]) => `  ${k.padEnd(44)}${v.padStart(12)}`),
  ]
  lines.push(`  ${''.padEnd(10)}${['mean', 'median', 'std', 'p90', 'p99'].map((h) => h.padStart(10)).join('')}`)
  for (const m of ['ttft', 'tpot', 'itl', 'e2el'] as const) {
    const v = (stat: string) => p[`${stat}_${m}_ms` as keyof BenchPoint] as number
    lines.push(
      `  ${`${m.toUpperCase()} ms`.padEnd(10)}${['mean', 'median', 'std', 'p90', 'p99'].map((s) => f(v(s)).padStart(10)).join('')}`,
    )
  }
  if (p.prompt_token_mismatches)
    lines.push(
      `  note: ${p.prompt_token_mismatches} requests reported prompt tokens that differ from the dataset's count (another tokenizer, or truncation)`,
    )
  for (const [error, n] of Object.entries(p.errors)) lines.push(`  failed ×${n}: ${error}`)
  return lines.join('\n')
}

function renderMicro(m: MicroResult): string {
  return `  ${m.test.padEnd(8)}${f(m.avg_ts).padStart(12)} ± ${f(m.stddev_ts)} tok/s  (${m.repetitions} runs)`
}

/** The report as a person reads it: one block per point, or the llama-bench style lines in micro mode. */
export function renderBench(report: BenchReport): string {
  const blocks = report.runs.map((r) => ('test' in r ? renderMicro(r) : renderPoint(r)))
  const footer =
    report.runId !== undefined ? `saved as run ${report.runId} (${report.status})` : `not saved (${report.status})`
  return [...blocks, footer].join('\n\n')
}
