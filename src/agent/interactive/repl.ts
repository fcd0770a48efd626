import {setMaxListeners} from 'node:events'
import {customCommandTask} from '../custom-commands.js'
import {projectRoot} from '../project-root.js'
import {type InteractiveOptions, InteractiveSession} from './interactive-session.js'
import {CANCELLED} from './line-source.js'
import {painter, wantsColor} from './paint.js'
import {runSlashAction} from './slash-actions.js'
import {parseSlashCommand} from './slash-command.js'
import {terminalAsk} from './terminal-ask.js'
import {TerminalInput, type TerminalStreams} from './terminal-input.js'
import {TerminalView} from './terminal-view.js'

// `oac agent` without -p: a prompt, tasks run one at a time in one conversation, approvals asked at the terminal,
// slash commands. Ctrl-C stops the running step (the loop's abort signal); at an empty prompt, twice, it quits.

const PROMPT = '> '

export async function runInteractive(
  o: InteractiveOptions,
  streams: TerminalStreams = {input: process.stdin, output: process.stdout},
): Promise<void> {
  const paint = painter(wantsColor(streams.output))
  const root = await projectRoot(o.cwd)
  const view = new TerminalView((text) => streams.output.write(text), paint, root)
  const input = new TerminalInput(streams, view)
  let step: AbortController | undefined
  let exitArmed = false

  const interrupt = () => {
    if (step) {
      if (step.signal.aborted) return
      step.abort()
      input.lines.cancel()
      view.notice('Interrupted; stopping…')
      return
    }
    if (input.clearLine()) return
    view.endLine()
    if (exitArmed) return input.lines.end()
    exitArmed = true
    view.notice('(Ctrl-C again to quit, or /exit)')
    input.prompt(PROMPT)
  }
  input.rl.on('line', () => {
    exitArmed = false
  })
  input.rl.on('SIGINT', interrupt)
  process.on('SIGINT', interrupt)

  let session: InteractiveSession | undefined
  try {
    session = await InteractiveSession.open(o, {
      emit: (e) => view.event(e),
      ask: terminalAsk({root, view, input, paint, aborted: () => !!step?.signal.aborted}),
      fileChanged: (change) => view.fileChanged(change),
    })
    view.notice('Type a task, /help for commands. Ctrl-C stops a running step.')
    for (;;) {
      const line = await input.read(PROMPT)
      if (line === undefined) break
      if (line === CANCELLED || !line.trim()) continue
      const custom = customCommandTask(line, session.commands)
      const command = custom === undefined ? parseSlashCommand(line) : undefined
      if (command?.ok && command.name === 'exit') break
      step = new AbortController()
      // Every model request of a step listens on its signal (the OpenAI client adds a listener per request).
      setMaxListeners(1000, step.signal)
      try {
        if (custom !== undefined) await session.run(custom, step.signal)
        else if (!command) await session.run(line.trim(), step.signal)
        else if (!command.ok) view.line(command.error)
        else if (command.name !== 'exit')
          view.line(await runSlashAction(command.name, command.arg, {session, signal: step.signal}))
      } catch (error) {
        const message = step.signal.aborted ? 'Interrupted.' : `error: ${(error as Error).message}`
        view.line(paint(step.signal.aborted ? 'dim' : 'red', message))
      } finally {
        step = undefined
      }
    }
  } finally {
    process.off('SIGINT', interrupt)
    input.close()
    await session?.close()
  }
}
