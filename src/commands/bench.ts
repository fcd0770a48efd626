import {Flags} from '@oclif/core'
import type {BenchEvent, BenchReport} from '../bench/run-bench.js'
import {abortOnCtrlC} from '../cli/ctrl-c.js'
import {OacCommand} from '../cli/oac-command.js'

export default class Bench extends OacCommand {
  static override summary =
    'Benchmark an OpenAI-compatible endpoint: TTFT, TPOT, ITL, latency and throughput under load.'
  static override description =
    `Figures use vLLM bench serve's definitions and field names (mean/median/std/p90/p99 of ttft, tpot, itl, e2el).
Closed loop with --concurrency, open loop (Poisson, seeded) with --request-rate; a comma list sweeps several points.
Every request is saved to the results store as it completes; Ctrl-C stops, prints and saves what completed (partial).`
  static override examples = [
    '<%= config.bin %> bench --endpoint http://127.0.0.1:8000/v1 --model qwen3-coder --concurrency 1,4,16',
    '<%= config.bin %> bench --engine rtx5090-primary --dataset coding --concurrency 4 --json',
    '<%= config.bin %> bench --endpoint http://127.0.0.1:8000 --model m --request-rate 2,8 --num-prompts 200 --slo ttft=500,tpot=50',
    '<%= config.bin %> bench --endpoint http://127.0.0.1:8080 --model m --mode micro',
    '<%= config.bin %> bench --engine rtx5090-primary --concurrency 1,8 --save-result --result-dir results/ --save-detailed',
  ]
  static override enableJsonFlag = true
  static override flags = {
    endpoint: Flags.string({description: 'OpenAI base URL (with or without /v1)'}),
    engine: Flags.string({description: 'a registered endpoint (name or id) instead of --endpoint'}),
    model: Flags.string({description: 'model id as the server serves it'}),
    concurrency: Flags.string({
      description: 'max requests in flight, comma list for a sweep (default 1 in closed loop)',
    }),
    'request-rate': Flags.string({
      default: 'inf',
      description: 'req/s (Poisson arrivals), comma list; inf = closed loop',
    }),
    'num-prompts': Flags.integer({min: 1, description: 'requests per point (default max(32, 4 × concurrency))'}),
    duration: Flags.integer({min: 1, description: 'seconds per point instead of a request count'}),
    warmup: Flags.integer({
      min: 0,
      description: 'requests per point sent first and left out of the figures (default: one per concurrency slot)',
    }),
    'input-len': Flags.integer({min: 16, default: 1024, description: 'prompt tokens (random dataset)'}),
    'output-len': Flags.integer({min: 1, description: 'max_tokens per request (default 128, or the dataset’s own)'}),
    dataset: Flags.string({default: 'random', description: 'random | coding | sharegpt:FILE | jsonl:FILE'}),
    'ignore-eos': Flags.boolean({default: false, description: 'generate exactly max_tokens (vLLM, llama.cpp)'}),
    slo: Flags.string({description: 'service-level objectives for goodput, e.g. ttft=500,tpot=50 (ms)'}),
    mode: Flags.string({
      options: ['serve', 'micro'],
      default: 'serve',
      description: 'micro: llama-bench style pp512 / tg128',
    }),
    save: Flags.boolean({default: true, allowNo: true, description: 'save the run to the results store'}),
    seed: Flags.integer({default: 0, description: 'seed of the random dataset and the Poisson arrivals'}),
    'save-result': Flags.boolean({
      default: false,
      description: 'also write each sweep point as vLLM `bench serve --save-result` JSON (same file name and fields)',
    }),
    'result-dir': Flags.string({description: 'folder for --save-result files (default: current folder)'}),
    'result-filename': Flags.string({description: 'file name for --save-result (with a sweep, -N is added per point)'}),
    'save-detailed': Flags.boolean({
      default: false,
      description: 'with --save-result: add per-request input_lens, output_lens, ttfts, itls, errors',
    }),
  }

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
    if (report.status === 'partial') process.exitCode = 130
    else if (report.status === 'failed') process.exitCode = 1
    return report
  }
}
