import type {ChunkListener} from '../llm/client.js'
import {LlmError} from '../llm/errors.js'
import {type RetryPolicy, withRetries} from '../llm/retry.js'
import type {ChatMessage, ChatRequest, ChatResult, ToolCall} from '../llm/types.js'
import {COMPACT_AT, compactedFloor, compactMessages, contextUsed, needsCompaction} from './compact.js'
import type {AgentEvent, AgentEventListener, AgentStatus, TokenTotals} from './events.js'
import {executeCalls} from './execute-calls.js'
import type {SessionSafety} from './permissions/session-safety.js'
import {RepeatedCalls} from './repeated-calls.js'
import {readReply} from './reply/read-reply.js'
import type {AgentTool, ApprovalHook, FileChange, TodoItem} from './tools/tool.js'

// The agent loop, small enough to read at once (after mini-swe-agent): ask the model, run the calls it made,
// feed the results back; stop on an answer without calls, at the turn or token limit, on a loop, or on abort.
// Limits are checked before each request; every outcome, errors included, arrives as an event.

export const EMPTY_REPLY_NOTE = 'Your last reply was empty. Call a tool, or answer if the task is done.'
export const CONTINUE_NOTE =
  'Your reply was cut off at the output token limit. Continue exactly where it stopped, without repeating anything.'
/** Replies in a row that could not be run (cut calls, calls inside prose) before the run fails. */
export const MAX_REDOS = 3
/** Continuations of an answer cut at the output token limit before it is reported as cut. */
export const MAX_CONTINUATIONS = 2

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
  /** Tools not offered to the model whose calls still get an answer (plan mode's refusals). */
  refusedTools?: AgentTool[]
  task: string
  /** Earlier messages of a resumed session, without the system prompt. */
  history?: ChatMessage[]
  root: string
  maxTurns: number
  /** Total tokens (prompt + completion, all requests) before the run stops with status `budget`. */
  maxTokens?: number
  /** The context the engine applies; without it, compaction happens only when the engine says the prompt is too long. */
  contextLength?: number
  approve: ApprovalHook
  /** Permission rules, shell environment and sandbox of the session; without it, every call is judged by OPEN_POLICY. */
  safety?: SessionSafety
  signal: AbortSignal
  sessionId: string
  recorder?: SessionRecorder
  /** Emit `delta` events while a reply streams in (for a live terminal). */
  streaming?: boolean
  /** A person answers approvals (changes the wording of a refusal). */
  personApproves?: boolean
  /** Called after a tool wrote a file. */
  onFileChange?: (change: FileChange) => void
  /** A smaller model on the same endpoint for compaction summaries (settings' smallModel). */
  compactModel?: string
  /** How long to wait out an engine that is loading or busy (503, 429, ...). */
  retry?: RetryPolicy
}

type ResultEvent = Extract<AgentEvent, {type: 'result'}>

export async function runAgent(o: AgentOptions, emit: AgentEventListener): Promise<ResultEvent> {
  const started = performance.now()
  const specs = o.tools.map((t) => t.spec)
  const byName = new Map([...(o.refusedTools ?? []), ...o.tools].map((t) => [t.spec.function.name, t]))
  const ctx = {
    root: o.root,
    signal: o.signal,
    approve: o.approve,
    ...o.safety,
    todos: [] as TodoItem[],
    ...(o.personApproves ? {personApproves: true} : {}),
    ...(o.onFileChange ? {onFileChange: o.onFileChange} : {}),
  }
  const messages: ChatMessage[] = [{role: 'system', content: o.system}, ...(o.history ?? [])]
  const usage: TokenTotals = {promptTokens: 0, completionTokens: 0}
  const repeats = new RepeatedCalls()
  let lastReported = 0
  let emptyRetried = false
  let redos = 0
  let turn = 0
  let lastText = ''
  /** The parts of an answer cut at the token limit, continued turn by turn. */
  let pieces: string[] = []

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
  /** Set once auto-compaction was found unable to get under the limit, so that it is not tried every turn. */
  let compactionFutile = false
  const compact = async (auto: boolean) => {
    const before = contextUsed(messages, specs, lastReported)
    if (auto && o.contextLength) {
      const floor = compactedFloor(messages, specs, o.contextLength)
      if (floor === undefined || floor > o.contextLength * COMPACT_AT) {
        if (!compactionFutile)
          emit({
            type: 'notice',
            message: `Context at ${before} of ${o.contextLength} tokens, but compacting cannot bring it under ${Math.round(o.contextLength * COMPACT_AT)} (the task and the newest turns alone take about ${floor ?? before}); not compacting`,
          })
        compactionFutile = true
        return false
      }
    }
    emit({type: 'compaction', before})
    const next = await compactMessages(messages, o.chat, {
      model: o.compactModel ?? o.model,
      ...(o.contextLength ? {contextLength: o.contextLength} : {}),
      ...(auto ? {} : {keepTokens: 0}),
      signal: o.signal,
    })
    if (!next) return false
    messages.splice(0, messages.length, ...next.messages)
    o.recorder?.replace(next.messages.slice(1))
    lastReported = 0
    emit({type: 'compaction', before, after: contextUsed(messages, specs), summary: next.summary})
    return true
  }
  const onChunk: ChunkListener | undefined = o.streaming
    ? (d) => {
        const text = d.content ?? d.reasoning
        if (text) emit({type: 'delta', turn, text, reasoning: d.content === undefined})
      }
    : undefined
  const request = () =>
    withRetries(() => o.chat({model: o.model, messages, tools: specs, signal: o.signal}, onChunk), {
      ...(o.retry ? {policy: o.retry} : {}),
      signal: o.signal,
      onRetry: ({error, attempt, delayMs, serverAsked}) =>
        emit({
          type: 'notice',
          message: `${error.message}; retrying in ${(delayMs / 1000).toFixed(1)}s${serverAsked ? ' (Retry-After)' : ''}, attempt ${attempt}`,
        }),
    })
  const ask = async (): Promise<ChatResult> => {
    if (!compactionFutile && needsCompaction(contextUsed(messages, specs, lastReported), o.contextLength))
      await compact(true)
    if (o.streaming) emit({type: 'request', turn, promptTokens: contextUsed(messages, specs)})
    try {
      return await request()
    } catch (error) {
      // The engine counts tokens its own way: when it says the prompt is too long, compact and try once more.
      if (!(error instanceof LlmError && error.kind === 'context-length') || !(await compact(false))) throw error
      return request()
    }
  }

  push({role: 'user', content: o.task})
  while (true) {
    if (o.signal.aborted) return finish('aborted', lastText)
    if (turn >= o.maxTurns) return finish('max_turns', lastText || `Stopped after ${turn} turns (--max-turns).`)
    const spent = usage.promptTokens + usage.completionTokens
    if (o.maxTokens !== undefined && spent >= o.maxTokens)
      return finish('budget', `Stopped after ${spent} tokens: the budget is ${o.maxTokens} (--max-tokens).`)
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

    const reading = readReply(reply, specs)
    if (reading.kind !== 'calls' && !reading.text) {
      if (emptyRetried) {
        emit({type: 'error', message: 'The model sent an empty reply twice.'})
        return finish('error', 'The model sent an empty reply twice.')
      }
      emptyRetried = true
      emit({type: 'notice', message: 'Empty reply; asking once more.'})
      push({role: 'user', content: EMPTY_REPLY_NOTE})
      continue
    }
    if (reading.kind === 'redo') {
      push({role: 'assistant', content: reading.text}, {usage: replyUsage})
      if (++redos > MAX_REDOS) {
        const message = `The model sent ${redos} replies in a row that could not be run (last: ${reading.problem.replace(/_/g, ' ')}).`
        emit({type: 'error', message})
        return finish('error', message)
      }
      emit({type: 'notice', message: `Reply not run (${reading.problem.replace(/_/g, ' ')}); told the model why.`})
      push({role: 'user', content: reading.note})
      continue
    }
    redos = 0
    if (reading.kind === 'cut' || reading.kind === 'answer') {
      pieces.push(reading.raw)
      const text = pieces.join('').trim()
      lastText = text
      push({role: 'assistant', content: reading.text}, {usage: replyUsage})
      if (reading.kind === 'answer') {
        emit({type: 'assistant', turn, text, final: true})
        return finish('success', text)
      }
      if (pieces.length > MAX_CONTINUATIONS) {
        emit({type: 'assistant', turn, text, final: true})
        emit({
          type: 'error',
          message: `The answer was still cut at the output token limit after ${MAX_CONTINUATIONS} continuations.`,
        })
        return finish('cut', text)
      }
      emit({type: 'notice', message: 'Reply cut at the output token limit; asking the model to continue.'})
      push({role: 'user', content: CONTINUE_NOTE})
      continue
    }
    pieces = []
    if (reading.text) {
      lastText = reading.text
      emit({type: 'assistant', turn, text: reading.text, final: false})
    }
    // Calls printed as text get ids of our own: parsers number them from 0 in every reply.
    const named: ToolCall[] = reading.calls.map((c, i) => ({
      ...c,
      id: reading.source === 'native' && c.id ? c.id : `call_${turn}_${i}`,
    }))
    const {done, loop} = await executeCalls(named, turn, byName, ctx, repeats, emit, !!o.streaming)
    const toolCalls = done.map(({call}) => ({
      id: call.id,
      type: 'function' as const,
      function: {name: call.name, arguments: call.arguments},
    }))
    push({role: 'assistant', content: reading.text || null, tool_calls: toolCalls}, {usage: replyUsage})
    for (const {call, message, isError} of done) push(message, {toolName: call.name, isError})
    if (loop) {
      emit({type: 'error', message: loop})
      return finish('loop', loop)
    }
  }
}
