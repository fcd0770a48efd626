import {LlmClient} from '../../llm/client.js'
import {probeEngine} from '../../llm/probe.js'
import type {ChatMessage} from '../../llm/types.js'
import {oacConfigDir} from '../../paths.js'
import type {Checkpoints, RestoredFile} from '../checkpoints/checkpoints.js'
import {restoredLines} from '../checkpoints/render-rewind.js'
import {compactMessages, contextUsed} from '../compact.js'
import {type CustomCommand, loadCustomCommands} from '../custom-commands.js'
import type {AgentEvent, AgentEventListener} from '../events.js'
import {runAgent} from '../loop.js'
import {planModeRefusals, planModeSystem, planModeTools, refuseInPlanMode} from '../plan-mode.js'
import {
  type AgentRunOptions,
  type AgentSetup,
  checkpointsFor,
  openAgentSetup,
  saveCheckpoint,
  sessionRecorder,
  sharedLoopOptions,
} from '../session-setup.js'
import type {SessionStore} from '../session-store.js'
import type {AgentTool, FileChange} from '../tools/tool.js'
import {ApprovalMemory} from './approval-memory.js'
import {type AskApproval, interactiveApproval} from './interactive-approval.js'
import {interruptedNote, PartialReply} from './partial-reply.js'
import {SessionCost} from './session-cost.js'
import {TaskUndo, type UndoReport} from './task-undo.js'
import {TurnSnapshots} from './turn-snapshots.js'

// The state behind the interactive prompt: one conversation (a saved session) that each typed task continues,
// plus what the slash commands act on: the model, the cost so far, the last task's file snapshots.

export type InteractiveOptions = AgentRunOptions

/** Where the session reports to: events, approval questions, written files. */
export interface SessionIo {
  emit: AgentEventListener
  ask: AskApproval
  fileChanged: (change: FileChange) => void
}

type ResultEvent = Extract<AgentEvent, {type: 'result'}>

export class InteractiveSession {
  readonly cost = new SessionCost()
  readonly memory = new ApprovalMemory()
  /** What the last task changed, for /undo (the tools' own snapshots when no checkpoint could be saved). */
  private readonly undoer: TaskUndo
  private readonly snapshots = new TurnSnapshots()
  private history: ChatMessage[] = []
  private sessionId: string | undefined
  private contextLength: number | undefined
  /** Told to the model with the next task (after /undo). */
  private note: string | undefined

  readonly root: string
  private readonly checkpoints: Checkpoints
  /** Custom slash commands (.oac/commands/*.md and the user's). */
  commands: CustomCommand[] = []
  readonly tools: AgentTool[]
  private readonly store: SessionStore
  /** Plan mode (--permission-mode plan, /plan): reading tools only, the answer is a plan. */
  private plan: boolean
  public model: string

  private constructor(
    private readonly o: InteractiveOptions,
    private readonly io: SessionIo,
    private readonly setup: AgentSetup,
  ) {
    this.root = setup.root
    this.checkpoints = checkpointsFor(setup.root, o)
    this.undoer = new TaskUndo(this.checkpoints, setup.root)
    this.tools = setup.allTools
    this.plan = o.permissionMode === 'plan'
    this.store = setup.store
    this.model = o.model
    this.contextLength = setup.contextLength
  }

  static async open(o: InteractiveOptions, io: SessionIo): Promise<InteractiveSession> {
    const setup = await openAgentSetup(o, io.emit)
    const session = new InteractiveSession(o, io, setup)
    session.commands = await loadCustomCommands(setup.root, o.configDir ?? oacConfigDir(), {
      project: setup.projectTrusted,
    })
    const {resumed} = setup
    if (resumed) {
      session.sessionId = resumed.id
      session.history = setup.history
      // The model the session last used (/model), while the server still serves it.
      if (resumed.model !== o.model && (await session.probe(resumed.model)).includes(resumed.model))
        session.model = resumed.model
      else await session.probe()
    }
    io.emit({
      type: 'start',
      sessionId: resumed?.id ?? '',
      model: session.model,
      root: setup.root,
      tools: session.tools.map((t) => t.spec.function.name),
      resumed: !!resumed,
    })
    return session
  }

  get id(): string | undefined {
    return this.sessionId
  }

  /** The conversation so far (without the system prompt), to show again on resume. */
  get transcript(): ChatMessage[] {
    return this.history
  }

  get planMode(): boolean {
    return this.plan
  }

  /** /plan: plan mode on or off for the next tasks of this conversation. */
  setPlanMode(on: boolean): void {
    this.plan = on
  }

  /** The models the server lists (empty when it does not answer); sets the context length for `model`. */
  private async probe(model = this.model): Promise<string[]> {
    const facts = await probeEngine(this.o.endpoint, model).catch(() => undefined)
    this.contextLength = facts?.contextLength
    return facts?.models ?? []
  }

  /** The context the engine applies for the current model, when it says. */
  get context(): number | undefined {
    return this.contextLength
  }

  /** Runs one task in the conversation; its file changes can be undone until the next task. */
  async run(task: string, signal: AbortSignal): Promise<ResultEvent> {
    const text = this.note ? `${this.note}\n\n${task}` : task
    this.note = undefined
    this.snapshots.begin()
    const sessionId =
      this.sessionId ?? this.store.create({root: this.root, endpoint: this.o.endpoint, model: this.model, task})
    this.sessionId = sessionId
    this.undoer.begin(await saveCheckpoint(this.checkpoints, sessionId, this.io.emit))
    const client = new LlmClient(this.o.endpoint)
    const history = this.history
    const partial = new PartialReply()
    const result = await runAgent(
      {
        ...sharedLoopOptions(
          {...this.o, model: this.model},
          {
            ...this.setup,
            contextLength: this.contextLength,
            system: this.plan ? await planModeSystem(this.setup.baseSystem) : this.setup.baseSystem,
            tools: (this.plan ? planModeTools(this.setup.allTools) : this.setup.allTools).map((t) =>
              this.undoer.watch(t),
            ),
            refusedTools: this.plan ? planModeRefusals(this.setup.allTools) : [],
          },
          sessionId,
        ),
        chat: (req, onChunk) => client.chat(req, onChunk),
        task: text,
        history,
        approve: this.plan
          ? refuseInPlanMode
          : interactiveApproval({yes: this.o.yes, memory: this.memory, ask: this.io.ask}),
        signal,
        streaming: true,
        personApproves: true,
        onFileChange: (change) => {
          this.snapshots.record(change)
          this.undoer.wrote(change.path)
          this.io.fileChanged(change)
        },
        recorder: sessionRecorder(this.store, sessionId, history),
      },
      (e) => {
        partial.see(e)
        this.io.emit(e)
      },
    )
    await this.undoer.finish(sessionId)
    this.store.finish(sessionId, result.status, result.turns, result.usage)
    this.cost.add(result)
    if (result.status === 'aborted') this.note = interruptedNote(partial.text)
    return result
  }

  /** /clear: the next task starts a new session, and the "always" answers of this one are forgotten. */
  clear(): void {
    this.memory.revoke('all')
    this.sessionId = undefined
    this.history = []
    this.note = undefined
    this.snapshots.begin()
    this.undoer.begin(undefined)
    this.cost.reset()
  }

  /** /model NAME: switch (when the server lists models, NAME must be one of them). Returns what to print. */
  async switchModel(name: string): Promise<string> {
    const previous = this.model
    this.model = name
    const served = await this.probe()
    if (served.length && !served.includes(name)) {
      this.model = previous
      await this.probe()
      return `The server does not serve \`${name}\`; it serves: ${served.join(', ')}.`
    }
    if (this.sessionId) this.store.setModel(this.sessionId, name)
    return `Model: ${name}${this.contextLength ? ` (context ${this.contextLength} tokens)` : ''}.`
  }

  /** /model: the current model and the ones the server serves. */
  async describeModels(): Promise<string> {
    const served = await this.probe()
    const context = this.contextLength ? ` (context ${this.contextLength} tokens)` : ''
    const list = served.length
      ? `\nThe server serves: ${served.join(', ')}. /model NAME switches.`
      : '\nThe server lists no models.'
    return `Model: ${this.model}${context}.${list}`
  }

  /** /compact: older turns summarized by the model, progress and summary shown as events. Returns what to print. */
  async compact(signal: AbortSignal): Promise<string> {
    const messages: ChatMessage[] = [{role: 'system', content: this.setup.baseSystem}, ...this.history]
    const specs = this.tools.map((t) => t.spec)
    const before = contextUsed(messages, specs)
    if (!this.sessionId || messages.length < 3) return 'Nothing to compact yet: the conversation is short.'
    const client = new LlmClient(this.o.endpoint)
    this.io.emit({type: 'compaction', before})
    const next = await compactMessages(messages, (req) => client.chat(req), {
      model: this.setup.compactModel ?? this.model,
      ...(this.contextLength ? {contextLength: this.contextLength} : {}),
      keepTokens: 0,
      signal,
    })
    if (!next) return 'Nothing to compact yet: the conversation is short.'
    this.history = next.messages.slice(1)
    this.store.replaceHistory(this.sessionId, this.history)
    const after = contextUsed(next.messages, specs)
    this.io.emit({type: 'compaction', before, after, summary: next.summary})
    return `Compacted older turns into a summary (${before} → ${after} tokens).`
  }

  /**
   * /undo: what the agent changed in the last task put back as it was (see task-undo.ts); with `all`, also the files
   * the user changed again since. The model is told with the next task exactly what was put back.
   */
  async undo(all = false): Promise<UndoReport> {
    const unrecordedCommands = this.undoer.unrecordedCommands
    const report =
      this.sessionId && this.undoer.canUndo
        ? await this.undoer.undo(this.sessionId, all)
        : {
            restored: await this.snapshots.undo(),
            keptConflicts: [],
            keptOthers: [],
            checkpointed: false,
            unrecordedCommands,
          }
    this.snapshots.begin()
    if (report.restored.length) {
      const paths = restoredLines(report.restored, this.root, 'you had created it').join(', ')
      const kept = report.keptConflicts.length
        ? ` The user kept their own later changes to: ${report.keptConflicts.join(', ')}.`
        : ''
      this.note = `[The user undid the file changes of your last task; these files are back as they were before it: ${paths}.${kept} Other files were not touched.]`
    }
    return report
  }

  /** /redo: puts back what the last /undo restored, as it was just before it. */
  async redo(): Promise<RestoredFile[]> {
    const restored = await this.undoer.redo()
    if (restored.length)
      this.note = `[The user took back their undo: your last task's changes are in place again (${restoredLines(restored, this.root).join(', ')}).]`
    return restored
  }

  async close(): Promise<void> {
    await this.setup.close()
  }
}
