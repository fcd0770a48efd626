import type {ChunkListener} from '../llm/client.js'
import {LlmError} from '../llm/errors.js'
import type {ChatMessage, ChatRequest, ChatResult, ToolCall} from '../llm/types.js'
import {compactMessages, contextUsed, needsCompaction} from './compact.js'
import type {AgentEvent, AgentEventListener, AgentStatus, TokenTotals} from './events.js'
import {executeCalls} from './execute-calls.js'
import {extractCalls} from './extract-calls.js'
import {RepeatedFailures} from './repeated-failures.js'
import type {AgentTool, ApprovalHook, FileChange, TodoItem} from './tools/tool.js'

// The agent loop, small enough to read at once (after mini-swe-agent): ask the model, run the calls it made,
// feed the results back; stop on an answer without calls, at the turn limit, or on abort. The limit is checked
// before each request; every outcome, errors included, arrives as an event.

export const EMPTY_REPLY_NOTE = 'Your last reply was empty. Call a tool, or answer if the task is done.'

export interface SessionRecorder {
  append(message: ChatMessage, meta?: {usage?: TokenTotals; toolName?: string; isError?: boolean}): void
  /** The history after compaction (without the system prompt). */
  replace(messages: ChatMessage[]): void
}

export interface AgentOptions {
  /** One model request; `onChunk` sees the reply as it streams in. */
  chat: (req: ChatRequest, onChunk?: ChunkListener) => Promise<ChatResult>
  model: string
  system: string
  tools: AgentTool[]
  task: string
  /** Earlier messages of a resumed session, without the system prompt. */
  history?: ChatMessage[]
  root: string
  maxTurns: number
  /** The context the engine applies; without it, compaction happens only when the engine says the prompt is too long. */
  contextLength?: number
  approve: ApprovalHook
  signal: AbortSignal
  sessionId: string
  recorder?: SessionRecorder
  /** Emit `delta` events while a reply streams in (for a live terminal). */
  streaming?: boolean
  /** A person answers approvals (changes the wording of a refusal). */
  personApproves?: boolean
  /** Called after a tool wrote a file. */
  onFileChange?: (change: FileChange) => void
}

type ResultEvent = Extract<AgentEvent, {type: 'result'}>

export async function runAgent(o: AgentOptions, emit: AgentEventListener): Promise<ResultEvent> {
  const started = performance.now()
  const specs = o.tools.map((t) => t.spec)
  const byName = new Map(o.tools.map((t) => [t.spec.function.name, t]))
  const ctx = {
    root: o.root,
    signal: o.signal,
    approve: o.approve,
    todos: [] as TodoItem[],
    ...(o.personApproves ? {personApproves: true} : {}),
    ...(o.onFileChange ? {onFileChange: o.onFileChange} : {}),
  }
  const messages: ChatMessage[] = [{role: 'system', content: o.system}, ...(o.history ?? [])]
  const usage: TokenTotals = {promptTokens: 0, completionTokens: 0}
  const failures = new RepeatedFailures()
  let lastReported = 0
  let emptyRetried = false
  let turn = 0
  let lastText = ''

  const push = (message: ChatMessage, meta?: Parameters<SessionRecorder['append']>[1]) => {
    messages.push(message)
    o.recorder?.append(message, meta)
  }
  const finish = (status: AgentStatus, text: string): ResultEvent => {
    const durationMs = Math.round(performance.now() - started)
    const event: ResultEvent = {type: 'result', status, text, sessionId: o.sessionId, turns: turn, usage, durationMs}
    emit(event)
    return event
  }
  const compact = async () => {
    const before = contextUsed(messages, specs, lastReported)
    const next = await compactMessages(messages, o.chat, {
      model: o.model,
      ...(o.contextLength ? {contextLength: o.contextLength} : {}),
      signal: o.signal,
    })
    if (!next) return false
    messages.splice(0, messages.length, ...next)
    o.recorder?.replace(next.slice(1))
    lastReported = 0
    emit({
      type: 'notice',
      message: `Compacted older turns into a summary (${before} → ${contextUsed(messages, specs)} tokens)`,
    })
    return true
  }
  const onChunk: ChunkListener | undefined = o.streaming
    ? (d) => {
        const text = d.content ?? d.reasoning
        if (text) emit({type: 'delta', turn, text, reasoning: d.content === undefined})
      }
    : undefined
  const ask = async (): Promise<ChatResult> => {
    if (needsCompaction(contextUsed(messages, specs, lastReported), o.contextLength)) await compact()
    try {
      return await o.chat({model: o.model, messages, tools: specs, signal: o.signal}, onChunk)
    } catch (error) {
      // The engine counts tokens its own way: when it says the prompt is too long, compact and try once more.
      if (!(error instanceof LlmError && error.kind === 'context-length') || !(await compact())) throw error
      return o.chat({model: o.model, messages, tools: specs, signal: o.signal}, onChunk)
    }
  }

  push({role: 'user', content: o.task})
  while (true) {
    if (o.signal.aborted) return finish('aborted', lastText)
    if (turn >= o.maxTurns) return finish('max_turns', lastText || `Stopped after ${turn} turns (--max-turns).`)
    turn++
    let reply: ChatResult
    try {
      reply = await ask()
    } catch (error) {
      if (o.signal.aborted) return finish('aborted', lastText)
      emit({type: 'error', message: (error as Error).message})
      return finish('error', (error as Error).message)
    }
    const replyUsage = {promptTokens: reply.usage.promptTokens, completionTokens: reply.usage.completionTokens}
    usage.promptTokens += replyUsage.promptTokens
    usage.completionTokens += replyUsage.completionTokens
    lastReported = replyUsage.promptTokens + replyUsage.completionTokens
    emit({type: 'usage', turn, ...replyUsage, estimated: reply.usage.estimated})

    const {text, calls, source} = extractCalls(reply, specs)
    if (!text && !calls.length) {
      if (emptyRetried) {
        emit({type: 'error', message: 'The model sent an empty reply twice.'})
        return finish('error', 'The model sent an empty reply twice.')
      }
      emptyRetried = true
      emit({type: 'notice', message: 'Empty reply; asking once more.'})
      push({role: 'user', content: EMPTY_REPLY_NOTE})
      continue
    }
    if (text) {
      lastText = text
      emit({type: 'assistant', turn, text, final: !calls.length})
    }
    if (!calls.length) {
      push({role: 'assistant', content: text}, {usage: replyUsage})
      return finish('success', text)
    }

    // Calls printed as text get ids of our own: parsers number them from 0 in every reply.
    const named: ToolCall[] = calls.map((c, i) => ({
      ...c,
      id: source === 'native' && c.id ? c.id : `call_${turn}_${i}`,
    }))
    const done = await executeCalls(named, turn, byName, ctx, failures, emit)
    const toolCalls = done.map(({call}) => ({
      id: call.id,
      type: 'function' as const,
      function: {name: call.name, arguments: call.arguments},
    }))
    push({role: 'assistant', content: text || null, tool_calls: toolCalls}, {usage: replyUsage})
    for (const {call, message, isError} of done) push(message, {toolName: call.name, isError})
  }
}
