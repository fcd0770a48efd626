import type {MicroResult} from './micro.js'
import type {BenchPoint, BenchReport} from './run-bench.js'

const f = (n: number, digits = 2) => n.toFixed(digits)

/** What each latency row means: printed under every point, so nobody reads one figure as another. */
export const LATENCY_DEFINITIONS = [
  'TTFT: request sent → first token of any kind (content, reasoning or tool call), as vLLM counts it',
  'content TTFT: request sent → first answer token (content or tool call), after any reasoning',
  'TPOT: (E2EL − TTFT) / (output tokens − 1), over requests whose decode was observed (≥ 2 chunks over time)',
  'ITL: gap between received chunks that carried tokens: per chunk, not per token',
  'E2EL: request sent → last chunk received',
]

function renderPoint(p: BenchPoint): string {
  const rate = p.request_rate === 'inf' ? 'inf' : `${p.request_rate} req/s`
  const title = `concurrency ${p.max_concurrency ?? 'unlimited'}, request rate ${rate}${p.interrupted ? ' (interrupted)' : ''}`
  const total = p.completed + p.failed
  const estimated = p.output_tokens_source === 'estimated'
  const rows: [string, string][] = [
    ['Successful requests', String(p.completed)],
    ['Failed requests', `${p.failed}${total ? ` (${f((p.failed / total) * 100, 1)}% of ${total})` : ''}`],
    ['Benchmark duration (s)', f(p.duration)],
    [
      'Request rate asked / achieved (req/s)',
      `${rate} / ${p.achieved_request_rate == null ? 'n/a' : f(p.achieved_request_rate)}`,
    ],
    [`Total input tokens${estimated ? ' (estimated)' : ''}`, String(p.total_input_tokens)],
    [`Total output tokens${estimated ? ' (estimated)' : ''}`, String(p.total_output_tokens)],
    ['Request throughput (req/s)', f(p.request_throughput)],
    [`Output token throughput (tok/s)${estimated ? ' (estimated)' : ''}`, f(p.output_throughput)],
    [`Total token throughput (tok/s)${estimated ? ' (estimated)' : ''}`, f(p.total_token_throughput)],
  ]
  if (p.request_goodput !== undefined) rows.push(['Request goodput (req/s)', f(p.request_goodput)])
  const lines = [
    `── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`,
    ...rows.map(([k, v]) => `  ${k.padEnd(44)}${v.padStart(12)}`),
  ]
  lines.push(`  ${''.padEnd(14)}${['mean', 'median', 'std', 'p90', 'p99'].map((h) => h.padStart(10)).join('')}`)
  const metrics = [
    ['ttft', 'TTFT'],
    ['content_ttft', 'content TTFT'],
    ['tpot', 'TPOT'],
    ['itl', 'ITL/chunk'],
    ['e2el', 'E2EL'],
  ] as const
  for (const [m, label] of metrics) {
    const v = (stat: string) => p[`${stat}_${m}_ms` as keyof BenchPoint] as number | null | undefined
    const cells = ['mean', 'median', 'std', 'p90', 'p99'].map((s) => {
      const x = v(s)
      return (x === null || x === undefined ? 'n/a' : f(x)).padStart(10)
    })
    lines.push(`  ${`${label} ms`.padEnd(14)}${cells.join('')}`)
  }
  lines.push(`  TPOT over ${p.decode_measured} of ${p.completed} requests${tpotNote(p)}`)
  if (estimated)
    lines.push(
      `  tokens estimated (no usage from the server): each whole reply counted with ${p.tokenizer ?? 'the client tokenizer'}`,
    )
  if (p.non_streamed)
    lines.push(
      `  note: ${p.non_streamed} replies came as one JSON body, not a stream: their TTFT is the whole reply's time and they have no TPOT or ITL`,
    )
  if (p.prompt_token_mismatches)
    lines.push(
      `  note: ${p.prompt_token_mismatches} requests reported prompt tokens that differ from the dataset's count (another tokenizer, or truncation)`,
    )
  for (const [name, u] of Object.entries(p.upstreams ?? {}))
    lines.push(
      `  upstream ${name}: ${u.completed} requests (${f(u.share * 100, 1)}%), TTFT mean ${f(u.mean_ttft_ms)} ms, E2EL mean ${f(u.mean_e2el_ms)} ms, p99 ${f(u.p99_e2el_ms)} ms`,
    )
  for (const [error, n] of Object.entries(p.errors)) lines.push(`  failed ×${n}: ${error}`)
  return lines.join('\n')
}

function tpotNote(p: BenchPoint): string {
  if (p.decode_measured === p.completed) return ''
  return p.decode_measured === 0
    ? ': n/a, no reply was streamed in two or more chunks over time, so decode speed was not observed'
    : ' (the others came in one chunk or had one token)'
}

function renderMicro(m: MicroResult): string {
  const rate = m.avg_ts === null ? 'n/a'.padStart(12) : `${f(m.avg_ts).padStart(12)} ± ${f(m.stddev_ts ?? 0)}`
  const gen = m.test.startsWith('tg') ? `, n_gen ${m.n_gen}` : ''
  return `  ${m.test.padEnd(8)}${rate} tok/s  (${m.repetitions} runs${gen})${m.note ? `  ${m.note}` : ''}`
}

/** The report as a person reads it: one block per point, or the llama-bench style lines in micro mode. */
export function renderBench(report: BenchReport): string {
  const blocks = report.runs.map((r) => ('test' in r ? renderMicro(r) : renderPoint(r)))
  if (report.runs.some((r) => !('test' in r))) blocks.push(LATENCY_DEFINITIONS.map((d) => `  ${d}`).join('\n'))
  const footer =
    report.runId !== undefined ? `saved as run ${report.runId} (${report.status})` : `not saved (${report.status})`
  return [...blocks, footer].join('\n\n')
}
