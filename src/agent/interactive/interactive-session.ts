import {LlmClient} from '../../llm/client.js'
import {probeEngine} from '../../llm/probe.js'
import type {ChatMessage} from '../../llm/types.js'
import {codeIndexAddOns} from '../code-index.js'
import {compactMessages, contextUsed} from '../compact.js'
import type {AgentEvent, AgentEventListener} from '../events.js'
import {runAgent} from '../loop.js'
import type {McpTools} from '../mcp/connect-mcp.js'
import {projectRoot} from '../project-root.js'
import {type AgentRunOptions, findResumed, startMcp} from '../session-setup.js'
import {SessionStore} from '../session-store.js'
import {loadSettings} from '../settings/load-settings.js'
import {buildSystemPrompt} from '../system-prompt.js'
import {BUILTIN_TOOLS} from '../tools/index.js'
import {displayPath} from '../tools/project-path.js'
import type {AgentTool, FileChange} from '../tools/tool.js'
import {ApprovalMemory} from './approval-memory.js'
import {type AskApproval, interactiveApproval} from './interactive-approval.js'
import {SessionCost} from './session-cost.js'
import {type RestoredFile, TurnSnapshots} from './turn-snapshots.js'

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
  private readonly snapshots = new TurnSnapshots()
  private history: ChatMessage[] = []
  private sessionId: string | undefined
  private contextLength: number | undefined
  /** Told to the model with the next task (after /undo). */
  private note: string | undefined

  private constructor(
    private readonly o: InteractiveOptions,
    private readonly io: SessionIo,
    readonly root: string,
    private readonly system: string,
    private readonly store: SessionStore,
    private readonly mcp: McpTools,
    public model: string,
  ) {}

  static async open(o: InteractiveOptions, io: SessionIo): Promise<InteractiveSession> {
    const root = await projectRoot(o.cwd)
    const prompt = await buildSystemPrompt(root)
    const store = SessionStore.open(o.dbFile)
    let mcp: McpTools | undefined
    try {
      const resumed = findResumed(store, root, o.resume)
      mcp = await startMcp(root, io.emit, o)
      // The code index's search_code tool comes after the built-in tools, before the MCP servers' ones.
      const index = await codeIndexAddOns(root, io.emit, {
        repoMap: (o.settings ?? (await loadSettings(root))).settings.repoMap,
      })
      const servers = mcp
      mcp = {...servers, tools: [...index.tools, ...servers.tools], close: () => servers.close().finally(index.close)}
      const system = index.promptSection ? `${prompt.text}\n\n${index.promptSection}` : prompt.text
      const session = new InteractiveSession(o, io, root, system, store, mcp, o.model)
      if (resumed) {
        session.sessionId = resumed.id
        session.history = store.messages(resumed.id)
        store.touch(resumed.id)
      }
      await session.probe()
      io.emit({
        type: 'start',
        sessionId: resumed?.id ?? '',
        model: o.model,
        root,
        tools: session.tools.map((t) => t.spec.function.name),
        resumed: !!resumed,
      })
      return session
    } catch (error) {
      await mcp?.close()
      store.close()
      throw error
    }
  }

  get tools(): AgentTool[] {
    return [...BUILTIN_TOOLS, ...this.mcp.tools]
  }

  get id(): string | undefined {
    return this.sessionId
  }

  /** The models the server lists (empty when it does not answer); sets the context length for the current model. */
  private async probe(): Promise<string[]> {
    const facts = await probeEngine(this.o.endpoint, this.model).catch(() => undefined)
    this.contextLength = facts?.contextLength
    return facts?.models ?? []
  }

  /** Runs one task in the conversation; its file changes can be undone until the next task. */
  async run(task: string, signal: AbortSignal): Promise<ResultEvent> {
    const text = this.note ? `${this.note}\n\n${task}` : task
    this.note = undefined
    this.snapshots.begin()
    const sessionId =
      this.sessionId ?? this.store.create({root: this.root, endpoint: this.o.endpoint, model: this.model, task})
    this.sessionId = sessionId
    const client = new LlmClient(this.o.endpoint)
    const history = this.history
    const result = await runAgent(
      {
        chat: (req, onChunk) => client.chat(req, onChunk),
        model: this.model,
        system: this.system,
        tools: this.tools,
        task: text,
        history,
        root: this.root,
        maxTurns: this.o.maxTurns,
        ...(this.o.maxTokens !== undefined ? {maxTokens: this.o.maxTokens} : {}),
        ...(this.o.retry ? {retry: this.o.retry} : {}),
        ...(this.contextLength ? {contextLength: this.contextLength} : {}),
        approve: interactiveApproval({yes: this.o.yes, memory: this.memory, ask: this.io.ask}),
        signal,
        sessionId,
        streaming: true,
        personApproves: true,
        onFileChange: (change) => {
          this.snapshots.record(change)
          this.io.fileChanged(change)
        },
        recorder: {
          append: (message, meta) => {
            history.push(message)
            this.store.append(sessionId, message, meta)
          },
          replace: (messages) => {
            history.splice(0, history.length, ...messages)
            this.store.replaceHistory(sessionId, messages)
          },
        },
      },
      this.io.emit,
    )
    this.store.finish(sessionId, result.status, result.turns, result.usage)
    this.cost.add(result)
    return result
  }

  /** /clear: the next task starts a new session. */
  clear(): void {
    this.sessionId = undefined
    this.history = []
    this.note = undefined
    this.snapshots.begin()
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
    return `Model: ${name}${this.contextLength ? ` (context ${this.contextLength} tokens)` : ''}.`
  }

  /** /compact: older turns summarized by the model. Returns what to print. */
  async compact(signal: AbortSignal): Promise<string> {
    const messages: ChatMessage[] = [{role: 'system', content: this.system}, ...this.history]
    const specs = this.tools.map((t) => t.spec)
    const before = contextUsed(messages, specs)
    const client = new LlmClient(this.o.endpoint)
    const next = await compactMessages(messages, (req) => client.chat(req), {
      model: this.model,
      ...(this.contextLength ? {contextLength: this.contextLength} : {}),
      signal,
    })
    if (!next || !this.sessionId) return 'Nothing to compact yet: the conversation is short.'
    this.history = next.slice(1)
    this.store.replaceHistory(this.sessionId, this.history)
    return `Compacted older turns into a summary (${before} → ${contextUsed(next, specs)} tokens).`
  }

  /** /undo: the last task's file changes taken back; the model is told with the next task. */
  async undo(): Promise<RestoredFile[]> {
    const restored = await this.snapshots.undo()
    if (restored.length) {
      const paths = restored
        .map((r) => `${displayPath(this.root, r.path)}${r.deleted ? ' (deleted, it was new)' : ''}`)
        .join(', ')
      this.note = `[The user undid the file changes of your last task; these files are back as they were: ${paths}]`
    }
    return restored
  }

  async close(): Promise<void> {
    await this.mcp.close()
    this.store.close()
  }
}
