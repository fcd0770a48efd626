import {Args} from '@oclif/core'
import type {AgentEvent} from '../agent/events.js'
import {agentFlags} from '../agent/flags.js'
import type {OutputFormat} from '../agent/render/index.js'
import {abortOnCtrlC} from '../cli/ctrl-c.js'
import {OacCommand} from '../cli/oac-command.js'

export default class Agent extends OacCommand {
  static override summary =
    'A coding agent on your own model: give it a task, it reads, edits and runs code in the repo.'
  static override description =
    `Works in the git root of the current directory with the tools read, write, edit, multi_edit, bash, grep,
glob, ls and todo, plus the tools of MCP servers (settings, .mcp.json, .oac/mcp.json); a project's servers start only once you approved
them (oac agent mcp approve; a changed entry waits for a new approval). Defaults come from settings files:
~/.config/oac/settings.json (user) and .oac/settings.json (project); flags win over the project, the project over
the user. Tool calls are taken natively or as text
(Hermes, Qwen3-Coder XML, ...). Without -p it runs interactively: type tasks at the prompt, see the reply stream in
and a diff of every change, answer y/a/n before changes and commands (--yes skips the question, except for what only a
person may allow: destructive commands, writes to .oac/ and git hooks/config, reads of credentials); /help lists the slash commands (/model, /clear, /compact, /undo, /tools, /cost, /exit), Ctrl-C stops a
step. With -p, changes and commands need --yes, and what only a person may allow is refused. Commands run in a
sandbox (--sandbox; bubblewrap on Linux, sandbox-exec on macOS) with credentials (*KEY*, *TOKEN*, ...) left out of
their environment; rules in settings (permissions.allow/ask/deny, e.g. "bash(npm test:*)") decide the rest.
Sessions are saved: --continue resumes the newest one in this project, --resume ID a given one.
Exit 0: answered; 1: failed or answer cut; 2: bad input; 3: turn limit reached; 4: stopped in a loop of
repeated calls; 5: --max-tokens budget spent; 130: interrupted.`
  static override examples = [
    '<%= config.bin %> agent --endpoint http://127.0.0.1:8000/v1 --model qwen3-coder',
    '<%= config.bin %> agent -p "make the failing test in test/math.test.ts pass" --endpoint http://127.0.0.1:8000/v1 --model qwen3-coder --yes',
    '<%= config.bin %> agent -p "explain src/cli.ts" --engine rtx5090-primary --output-format stream-json',
    '<%= config.bin %> agent -p "now add a test for it" --continue --engine rtx5090-primary --yes',
    '<%= config.bin %> agent -p "how would you add caching to src/api.ts?" --permission-mode plan --engine rtx5090-primary',
    '<%= config.bin %> agent --rewind',
    '<%= config.bin %> agent --print-prompt-stats',
  ]
  static override args = {
    session: Args.string({
      description: 'with --rewind: the session to rewind (id or prefix; default: the newest here)',
    }),
  }
  static override flags = agentFlags

  async run(): Promise<AgentEvent | undefined> {
    const {flags, args} = await this.parse(Agent)
    if (flags.rewind) {
      const {rewindSession} = await import('../agent/checkpoints/rewind.js')
      const {renderRewind} = await import('../agent/checkpoints/render-rewind.js')
      const rewound = await rewindSession({cwd: process.cwd(), ...(args.session ? {session: args.session} : {})})
      this.log(renderRewind(rewound, process.cwd()))
      return undefined
    }
    const {emitTo} = await import('../agent/render/index.js')
    const emit = emitTo(flags['output-format'] as OutputFormat, this)
    const {agentRunOptions, namedTarget, settingsWithFlags} = await import('../agent/agent-run-options.js')
    const {resolveTarget} = await import('../llm/resolve-target.js')
    const {settings, effective} = await settingsWithFlags(flags, process.cwd())
    if (flags['print-prompt-stats']) {
      const {projectPromptStats} = await import('../agent/headless.js')
      const {renderPromptStats} = await import('../agent/prompt-stats.js')
      // The engine's own count where one is named; without one, o200k alone.
      const stats = await projectPromptStats(process.cwd(), emit, settings, namedTarget(effective, resolveTarget))
      this.log(flags['output-format'] === 'text' ? renderPromptStats(stats) : JSON.stringify(stats))
      return undefined
    }
    const options = agentRunOptions(flags, effective, resolveTarget(effective), settings, process.cwd())
    if (flags.print === undefined) {
      const {runInteractive} = await import('../agent/interactive/repl.js')
      await runInteractive(options)
      return undefined
    }
    const {runHeadless, EXIT_CODES} = await import('../agent/headless.js')
    const result = await runHeadless({...options, task: flags.print, signal: abortOnCtrlC()}, emit)
    process.exitCode = EXIT_CODES[result.status]
    return result
  }
}
