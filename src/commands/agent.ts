import {Args} from '@oclif/core'
import type {AgentEvent} from '../agent/events.js'
import {AGENT_DESCRIPTION, AGENT_EXAMPLES, agentFlags} from '../agent/flags.js'
import {pipedTask} from '../agent/piped-task.js'
import type {OutputFormat} from '../agent/render/index.js'
import {abortOnCtrlC, stoppedExit} from '../cli/ctrl-c.js'
import {OacCommand} from '../cli/oac-command.js'

export default class Agent extends OacCommand {
  static override summary =
    'A coding agent on your own model: give it a task, it reads, edits and runs code in the repo.'
  static override description = AGENT_DESCRIPTION
  static override examples = AGENT_EXAMPLES
  static override args = {
    session: Args.string({
      description: 'with --resume or --rewind: the session (id or prefix; oac agent sessions list shows them)',
    }),
  }
  static override flags = agentFlags

  async run(): Promise<AgentEvent | undefined> {
    const {flags, args} = pipedTask(await this.parse(Agent), this.argv)
    if (flags.rewind || flags['rewind-all'] || flags['undo-rewind']) {
      const {rewindCommand} = await import('../agent/checkpoints/rewind-command.js')
      const rewind = {all: flags['rewind-all'], undo: flags['undo-rewind']}
      this.log(await rewindCommand(process.cwd(), args.session, rewind))
      return undefined
    }
    const {emitTo} = await import('../agent/render/index.js')
    const emit = emitTo(flags['output-format'] as OutputFormat, this)
    const {agentRunOptions, namedTarget, settingsWithFlags} = await import('../agent/agent-run-options.js')
    const {resolveTarget} = await import('../cli/resolve-target.js')
    const {settings, effective} = await settingsWithFlags(flags, process.cwd())
    if (flags['print-prompt-stats']) {
      const {projectPromptStats} = await import('../agent/headless.js')
      const {renderPromptStats} = await import('../agent/prompt-stats.js')
      // The engine's own count where one is named; without one, o200k alone.
      const stats = await projectPromptStats(process.cwd(), emit, settings, namedTarget(effective, resolveTarget))
      this.log(flags['output-format'] === 'text' ? renderPromptStats(stats) : JSON.stringify(stats))
      return undefined
    }
    const options = agentRunOptions(
      {...flags, session: args.session},
      effective,
      resolveTarget(effective),
      settings,
      process.cwd(),
    )
    if (flags.print === undefined) {
      const {runInteractive} = await import('../agent/interactive/repl.js')
      await runInteractive(options)
      return undefined
    }
    const {runHeadless, EXIT_CODES} = await import('../agent/headless.js')
    const signal = abortOnCtrlC()
    const result = await runHeadless({...options, task: flags.print, signal}, emit)
    process.exitCode = result.status === 'aborted' ? stoppedExit(signal) : EXIT_CODES[result.status]
    return result
  }
}
