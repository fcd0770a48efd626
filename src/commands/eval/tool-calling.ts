import {abortOnCtrlC, stoppedExit} from '../../cli/ctrl-c.js'
import {OacCommand} from '../../cli/oac-command.js'
import {toolCallingFlags} from '../../evals/tool-calling/flags.js'
import type {EvalEvent, EvalReport} from '../../evals/tool-calling/run-eval.js'

export default class EvalToolCalling extends OacCommand {
  static override summary = 'Measure how reliably a model calls tools: BFCL-style categories plus coding-agent tools.'
  static override description =
    `Runs the suite in evals/tool-calling/ (237 cases in 9 categories) and checks every answer AST-style: right function,
required parameters, no unknown ones, types and acceptable values, order-free parallel calls, no call on irrelevance.
--mode native uses the engine's tool-call parser, text parses calls from the reply with oac's parsers, constrained asks
for JSON-schema constrained output: comparing them tells which engine flags to use.`
  static override examples = [
    '<%= config.bin %> eval tool-calling --endpoint http://127.0.0.1:8000/v1 --model qwen3-coder',
    '<%= config.bin %> eval tool-calling --engine rtx5090-primary --mode text --category coding_tools,args_hard --repeat 3',
    '<%= config.bin %> eval tool-calling --endpoint http://127.0.0.1:8080 --model m --retry-on-error 1 --json',
    '<%= config.bin %> eval tool-calling --endpoint http://127.0.0.1:8000 --model m --import bfcl:BFCL_v3_simple.json',
  ]
  static override enableJsonFlag = true
  static override flags = toolCallingFlags

  async run(): Promise<EvalReport> {
    const {flags} = await this.parse(EvalToolCalling)
    const {resolveTarget} = await import('../../cli/resolve-target.js')
    const {runToolCallingEval} = await import('../../evals/tool-calling/run-eval.js')
    const {renderEval} = await import('../../evals/tool-calling/render.js')
    const {progressBar} = await import('../../cli/progress.js')
    const signal = abortOnCtrlC()
    const target = resolveTarget(flags)
    const progress = progressBar(Boolean(flags.json) || !process.stderr.isTTY, 'Tool-calling eval')
    const onEvent = (e: EvalEvent) => {
      if (e.type === 'start') progress.phase(`Tool-calling eval: ${target.model} (${flags.mode})`, e.total)
      else progress.update(e.done, `${e.passed} passed`)
    }
    const report = await runToolCallingEval(
      {
        endpoint: target.url,
        model: target.model,
        ...(target.endpointId !== undefined ? {endpointId: target.endpointId} : {}),
        ...(target.engine ? {engine: target.engine} : {}),
        mode: flags.mode as 'native' | 'text' | 'constrained',
        ...(flags.category ? {categories: flags.category.split(',').map((c) => c.trim())} : {}),
        ...(flags.limit ? {limit: flags.limit} : {}),
        repeat: flags.repeat,
        concurrency: flags.concurrency,
        retryOnError: flags['retry-on-error'],
        ...(flags.import ? {importSpec: flags.import} : {}),
        save: flags.save,
        signal,
      },
      onEvent,
    ).finally(() => progress.stop())
    if (!flags.json) this.log(renderEval(report))
    if (report.status === 'partial') process.exitCode = stoppedExit(signal)
    return report
  }
}
