import {Flags} from '@oclif/core'
import {abortOnCtrlC} from '../cli/ctrl-c.js'
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
    const {runQuickstart, STAGE_TITLES} = await import('../quickstart/run-quickstart.js')
    const {stageList} = await import('../cli/stage-list.js')
    const signal = abortOnCtrlC()
    const gguf = !flags.endpoint && flags.model ? flags.model : undefined
    const progress = stageList(Object.values(STAGE_TITLES), {
      quiet: Boolean(flags.json),
      tty: Boolean(process.stdout.isTTY),
    })
    const result = await runQuickstart(
      {
        ...(gguf ? {modelPath: gguf} : {}),
        ...(flags.endpoint ? {endpoint: flags.endpoint, model: flags.model ?? ''} : {}),
        cwd: process.cwd(),
        signal,
      },
      (s) => progress.done(`${STAGE_TITLES[s.stage]}: ${s.headline} (${s.seconds.toFixed(1)} s)`),
      (line) => progress.output(line),
    ).catch(async (error: Error) => {
      progress.fail(error)
      await progress.stop()
      throw error
    })
    await progress.stop()
    if (!flags.json) {
      if (result.tinyModel)
        this.log(
          '\nThe built-in tiny model has random weights: these figures measure the pipeline, not model quality.\n' +
            'Measure a real model: oac quickstart --model PATH.gguf, or oac quickstart --endpoint URL --model NAME\n' +
            '(an engine set up with oac setup --profile P).',
        )
      this.log(`\nOpen the report: ${result.reportPath}`)
    }
    return result
  }
}
