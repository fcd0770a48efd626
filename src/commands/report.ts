import {Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'
import type {GenerateResult} from '../report/generate.js'

export default class Report extends OacCommand {
  static override summary = 'Write a self-contained HTML report of stored bench and tool-calling runs.'
  static override description =
    `Charts (Chart.js, inlined: the file needs no network) with a table of the exact figures under each:
throughput and TTFT vs concurrency, TTFT/ITL histograms, throughput vs latency, tool-calling accuracy per category and
over time, and an energy and cost estimate (GPU power from the stored hardware, electricity vs a cloud price per
million output tokens, break-even months for the profile's hardwareCostUsd). Default: the newest 20 runs.
--png also writes a screenshot per chart with the system's Chromium (/usr/bin/chromium or $OAC_CHROMIUM).`
  static override examples = [
    '<%= config.bin %> report',
    '<%= config.bin %> report --model qwen3-coder --out reports/qwen3.html --png',
    '<%= config.bin %> report --run 12 --run 15 --electricity-price 0.40 --cloud-price 15 --json',
  ]
  static override enableJsonFlag = true
  static override flags = {
    run: Flags.integer({
      multiple: true,
      min: 1,
      description: 'run id to include (repeatable)',
      exclusive: ['last', 'model'],
    }),
    last: Flags.integer({
      min: 1,
      description: 'the newest N complete bench and tool-calling runs (default 20); partial ones only with --run',
    }),
    model: Flags.string({description: 'only runs of this model'}),
    out: Flags.string({description: 'HTML file to write (default reports/report-<timestamp>.html)'}),
    png: Flags.boolean({default: false, description: 'also write a PNG per chart beside the HTML file'}),
    'electricity-price': Flags.string({default: '0.30', description: 'electricity price, USD per kWh'}),
    'cloud-price': Flags.string({default: '3.0', description: 'cloud API price, USD per million output tokens'}),
    'hours-per-day': Flags.string({default: '8', description: 'hours a day serving, for the break-even months'}),
    'gpu-watts': Flags.string({description: 'GPU power in W (all GPUs), instead of the stored power limit'}),
    'hardware-cost': Flags.string({description: "hardware cost in USD, instead of the profile's hardwareCostUsd"}),
  }

  async run(): Promise<GenerateResult> {
    const {flags} = await this.parse(Report)
    const {generateReport} = await import('../report/generate.js')
    const {parseReportOptions} = await import('../report/parse-flags.js')
    const result = await generateReport({
      ...(flags.run ? {runIds: flags.run} : {}),
      ...(flags.last !== undefined ? {last: flags.last} : {}),
      ...(flags.model !== undefined ? {model: flags.model} : {}),
      ...(flags.out ? {out: flags.out} : {}),
      png: flags.png,
      options: parseReportOptions(flags),
    })
    this.log(`Report: ${result.path} (${result.runs.length} run${result.runs.length === 1 ? '' : 's'})`)
    for (const png of result.pngs ?? []) this.log(`PNG: ${png}`)
    return result
  }
}
