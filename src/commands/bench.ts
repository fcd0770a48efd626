import {benchFlags} from '../bench/flags.js'
import type {BenchEvent, BenchReport} from '../bench/run-bench.js'
import {abortOnCtrlC, stoppedExit} from '../cli/ctrl-c.js'
import {OacCommand} from '../cli/oac-command.js'

export default class Bench extends OacCommand {
  static override summary =
    'Benchmark an OpenAI-compatible endpoint: TTFT, TPOT, ITL, latency and throughput under load.'
  static override description =
    `Figures use vLLM bench serve's definitions and field names (mean/median/std/p90/p99 of ttft, tpot, itl, e2el).
Closed loop with --concurrency, open loop (Poisson, seeded) with --request-rate; a comma list sweeps several points.
Every request is saved to the results store as it completes; Ctrl-C or SIGTERM stops, prints and saves what completed (partial; exit 130 or 143).`
  static override examples = [
    '<%= config.bin %> bench --endpoint http://127.0.0.1:8000/v1 --model qwen3-coder --concurrency 1,4,16',
    '<%= config.bin %> bench --engine rtx5090-primary --dataset coding --concurrency 4 --json',
    '<%= config.bin %> bench --endpoint http://127.0.0.1:8000 --model m --request-rate 2,8 --num-prompts 200 --slo ttft=500,tpot=50',
    '<%= config.bin %> bench --endpoint http://127.0.0.1:8080 --model m --mode micro',
    '<%= config.bin %> bench --engine rtx5090-primary --concurrency 1,8 --save-result --result-dir results/ --save-detailed',
  ]
  static override enableJsonFlag = true
  static override flags = benchFlags

  async run(): Promise<BenchReport> {
    const {flags} = await this.parse(Bench)
    const {benchOptionsFromFlags} = await import('../bench/parse-flags.js')
    const {runBench} = await import('../bench/run-bench.js')
    const {renderBench} = await import('../bench/render.js')
    const {progressBar} = await import('../cli/progress.js')
    const options = benchOptionsFromFlags(flags, abortOnCtrlC())
    const progress = progressBar(Boolean(flags.json) || !process.stderr.isTTY, 'Benchmark')
    const onEvent = (e: BenchEvent) => {
      if (e.type === 'point-start') progress.phase(`Point ${e.index + 1}/${e.points}: ${e.label}`, e.requests)
      else if (e.type === 'sample') progress.update(e.done, e.failed ? `(${e.failed} failed)` : undefined)
    }
    const report = await runBench(options, onEvent).finally(() => progress.stop())
    if (!flags.json) this.log(renderBench(report))
    if (!flags.json && report.resultFiles) this.log(`vLLM result files: ${report.resultFiles.join(', ')}`)
    if (report.status === 'partial') process.exitCode = stoppedExit(options.signal)
    else if (report.status === 'failed') process.exitCode = 1
    return report
  }
}
