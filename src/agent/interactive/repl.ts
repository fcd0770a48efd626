import {setMaxListeners} from 'node:events'
import {stripControls} from '../../util/terminal-text.js'
import {customCommandTask} from '../custom-commands.js'
import {projectRoot} from '../project-root.js'
import {listSessions} from '../session-list.js'
import {RESUME_PICK} from '../session-setup.js'
import {SessionNotFoundError} from '../session-store.js'
import {type InteractiveOptions, InteractiveSession} from './interactive-session.js'
import {painter, wantsColor} from './paint.js'
import {PlainUi} from './plain-ui.js'
import type {PromptUi, TerminalStreams, UiHandlers} from './prompt-ui.js'
import {replayHistory} from './replay.js'
import {SessionPicker} from './session-picker.js'
import {runSlashAction} from './slash-actions.js'
import {parseSlashCommand, SLASH_COMMANDS} from './slash-command.js'
import {terminalAsk} from './terminal-ask.js'
import {TerminalUi} from './terminal-ui.js'
import {TerminalView} from './terminal-view.js'

// `oac agent` without -p: a prompt, tasks run one at a time in one conversation, approvals asked with one key,
// slash commands. Esc or Ctrl-C stops the running step (the loop's abort signal); at an empty prompt Ctrl-C twice,
// or Ctrl-D, quits.

export async function runInteractive(
  o: InteractiveOptions,
  streams: TerminalStreams = {input: process.stdin, output: process.stdout},
): Promise<void> {
  const paint = painter(wantsColor(streams.output))
  const root = await projectRoot(o.cwd)
  let step: AbortController | undefined
  // The step's answer is in (the task's end is still being saved): Ctrl-C then means the prompt's Ctrl-C.
  let answered = false
  let exitArmed = false
  let session: InteractiveSession | undefined
  const interrupt = () => {
    if (!step || step.signal.aborted || answered) return false
    step.abort()
    ui.cancelQuestion()
    view.notice('Interrupted; stopping…')
    return true
  }
  const handlers: UiHandlers = {
    ctrlC: () => {
      if (interrupt() || ui.clearInput()) return
      if (exitArmed) return ui.end()
      exitArmed = true
      ui.setHint('(Ctrl-C again to quit, or /exit)')
    },
    escape: () => {
      interrupt()
    },
    commands: () => [...Object.keys(SLASH_COMMANDS), ...(session?.commands.map((c) => c.name) ?? [])],
    root,
  }
  const tty = !!(streams.input.isTTY && streams.output.isTTY)
  const ui: PromptUi = tty
    ? new TerminalUi(streams.input as NodeJS.ReadStream, streams.output as NodeJS.WriteStream, paint, handlers)
    : new PlainUi(streams, handlers)
  const view = new TerminalView(ui.view, paint, root, () => session?.context)
  const onSigint = () => handlers.ctrlC()
  process.on('SIGINT', onSigint)
  try {
    const resume = ui instanceof TerminalUi && o.resume === RESUME_PICK ? await pickSession(o, root, ui) : o.resume
    if (resume === RESUME_PICK && ui instanceof TerminalUi) return
    session = await InteractiveSession.open(
      {...o, ...(resume ? {resume} : {})},
      {
        emit: (e) => {
          answered = e.type === 'result'
          view.event(e)
          ui.event(e)
        },
        ask: terminalAsk({root, view, ui, paint}),
        fileChanged: (change) => view.fileChanged(change),
      },
    )
    replayHistory(session.transcript, view, paint)
    view.notice(
      'Type a task; /help lists commands. Enter sends, Shift-Enter or \\ + Enter adds a line, Esc stops a step.',
    )
    for (;;) {
      ui.setPrompt(session.planMode ? `${paint('cyan', 'plan')} > ` : '> ')
      const line = await ui.read()
      exitArmed = false
      ui.setHint('')
      if (line === undefined) break
      if (!line.trim()) continue
      const custom = customCommandTask(line, session.commands)
      const command = custom === undefined ? parseSlashCommand(line) : undefined
      if (command?.ok && command.name === 'exit') break
      step = new AbortController()
      // Every model request of a step listens on its signal (the OpenAI client adds a listener per request).
      setMaxListeners(1000, step.signal)
      ui.busy(true)
      try {
        if (custom !== undefined) await session.run(custom, step.signal)
        else if (!command) await runTask(session, line.trim(), step.signal, ui)
        else if (!command.ok) view.line(stripControls(command.error))
        else if (command.name !== 'exit')
          // What a slash command says holds the server's model names, tool descriptions, file names: text only.
          view.line(
            stripControls(await runSlashAction(command.name, command.arg, {session, signal: step.signal, view})),
          )
      } catch (error) {
        const message = step.signal.aborted ? 'Interrupted.' : `error: ${stripControls((error as Error).message)}`
        view.line(paint(step.signal.aborted ? 'dim' : 'red', message))
      } finally {
        step = undefined
        ui.busy(false)
      }
    }
  } finally {
    process.off('SIGINT', onSigint)
    ui.close()
    await session?.close()
  }
}

/**
 * `--resume` without an id in a terminal: the project's newest sessions to pick from; the id taken, or RESUME_PICK
 * back when the person took none (Esc, Ctrl-C).
 */
async function pickSession(o: InteractiveOptions, root: string, ui: TerminalUi): Promise<string> {
  const {sessions} = await listSessions(o.cwd, {limit: 9, ...(o.dbFile ? {dbFile: o.dbFile} : {})})
  if (!sessions.length) throw new SessionNotFoundError(`No agent session to resume in ${root}.`)
  const index = await ui.pick(new SessionPicker(sessions))
  return index === undefined ? RESUME_PICK : (sessions[index]?.id ?? RESUME_PICK)
}

/** A task; in plan mode, an answered plan is offered to be carried out (plan mode off, the same conversation). */
async function runTask(session: InteractiveSession, task: string, signal: AbortSignal, ui: PromptUi): Promise<void> {
  const result = await session.run(task, signal)
  if (!session.planMode || result.status !== 'success') return
  const key = await ui.choose('Carry out this plan?  [y] yes: leave plan mode and do it  [n] no, keep planning', [
    'y',
    'n',
  ])
  if (key !== 'y') return
  session.setPlanMode(false)
  // The prompt under the work says plan mode is off from here, not only once the plan has been carried out.
  ui.setPrompt('> ')
  await session.run('The user approved your plan. Carry it out now, step by step.', signal)
}
