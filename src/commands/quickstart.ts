import {Flags} from '@oclif/core'
import {abortOnCtrlC, stoppedExit} from '../cli/ctrl-c.js'
import {OacCommand} from '../cli/oac-command.js'
import type {QuickstartResult} from '../quickstart/run-quickstart.js'

export default class Quickstart extends OacCommand {
  static override summary = 'Run the whole loop here: detect, plan, engine, bench, tool-calling eval, HTML report.'
  static override description =
    `With no GPU and no download: the embedded engine serves oac's generated tiny model (random weights), so the
figures measure the pipeline, not model quality. Point it at a real model with --model PATH.gguf, or at a running
engine with --endpoint URL --model NAME.`
  static override examples = [
    '<%= config.bin %> quickstart',
    '<%= config.bin %> quickstart --model ~/models/qwen2.5-coder-1.5b-instruct-q8_0.gguf',
    '<%= config.bin %> quickstart --endpoint http://127.0.0.1:8000/v1 --model qwen3-coder',
  ]
  static override enableJsonFlag = true
  static override flags = {
    model: Flags.string({description: 'a GGUF file for the embedded engine, or the model name with --endpoint'}),
    endpoint: Flags.string({description: 'use a running OpenAI-compatible engine instead of the embedded one'}),
  }

  async run(): Promise<QuickstartResult> {
    const {flags} = await this.parse(Quickstart)
    const {runQuickstart, checkQuickstartInput, STAGE_TITLES} = await import('../quickstart/run-quickstart.js')
    const {stageList} = await import('../cli/stage-list.js')
    const {renderQuickstartEnd} = await import('../quickstart/render-end.js')
    const signal = abortOnCtrlC()
    const gguf = !flags.endpoint && flags.model ? flags.model : undefined
    const input = {
      ...(gguf ? {modelPath: gguf} : {}),
      ...(flags.endpoint ? {endpoint: flags.endpoint, model: flags.model ?? ''} : {}),
    }
    checkQuickstartInput(input)
    const progress = stageList(Object.values(STAGE_TITLES), {
      quiet: Boolean(flags.json),
      tty: Boolean(process.stdout.isTTY),
    })
    const result = await runQuickstart(
      {...input, cwd: process.cwd(), signal},
      (s) => progress.done(`${STAGE_TITLES[s.stage]}: ${s.headline} (${s.seconds.toFixed(1)} s)`),
      (line) => progress.output(line),
    ).catch(async (error: Error) => {
      progress.fail(error)
      await progress.stop()
      throw error
    })
    if (result.interrupted) progress.interrupt('interrupted')
    await progress.stop()
    if (!flags.json) this.log(renderQuickstartEnd(result))
    if (result.interrupted) process.exitCode = stoppedExit(signal)
    return result
  }
}
