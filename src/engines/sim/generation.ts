import {decodeTokens, encodeTokens} from '../../llm/tokenizer.js'
import type {FinishReason, TokenEvent} from '../http/chat-request.js'
import type {ScriptReply} from './script.js'
import {renderTextToolCalls} from './text-tool-calls.js'

// What the simulated model generates for one request, as one event per token. The HTTP renderers (OpenAI,
// Anthropic) turn these into their own stream shapes; the timeline decides when each is sent.

export interface Generation {
  events: TokenEvent[]
  finishReason: FinishReason
  /** Drop the connection after this many events. */
  cutAfter?: number
  sendUsage: boolean
}

/** Splits text into its tokens' texts; a token that ends inside a UTF-8 character joins the next one. */
export function tokenPieces(text: string): string[] {
  const ids = encodeTokens(text)
  const pieces: string[] = []
  let pending: number[] = []
  for (const id of ids) {
    pending.push(id)
    const piece = decodeTokens(pending)
    if (piece.includes('\uFFFD')) continue
    pieces.push(piece)
    pending = []
  }
  if (pending.length) pieces.push(decodeTokens(pending))
  return pieces
}

// Filler for requests no script answers: plain ASCII prose and code, one piece per token.
const FILLER_TEXT =
  'The function reads the configuration file, validates every field against the schema and returns a typed ' +
  'object. When a field is missing it falls back to the default value and logs a warning with the file name ' +
  'and line. export function parseConfig(text: string): Config { const data = JSON.parse(text); ' +
  'if (!data.port) throw new Error("port is required"); return {port: Number(data.port), host: data.host ?? ' +
  '"localhost"} } Tests cover the happy path, a missing port, a port that is not a number and an empty file. '
let fillerPieces: string[] | undefined

function filler(n: number): TokenEvent[] {
  fillerPieces ??= tokenPieces(FILLER_TEXT)
  const pieces = fillerPieces
  return Array.from({length: n}, (_, i) => ({kind: 'content', text: pieces[i % pieces.length] ?? ' '}))
}

/** Cuts content at the earliest stop sequence; returns the kept text and whether a stop was hit. */
function applyStop(text: string, stop: string[]): [string, boolean] {
  let cut = -1
  for (const s of stop) {
    const i = s ? text.indexOf(s) : -1
    if (i >= 0 && (cut < 0 || i < cut)) cut = i
  }
  return cut < 0 ? [text, false] : [text.slice(0, cut), true]
}

export interface GenerationRequest {
  maxTokens: number
  stop: string[]
  ignoreEos: boolean
  /** Id prefix and sequence for tool-call ids. */
  callId: () => string
}

/** Builds the token events of a scripted reply, or `maxTokens` filler tokens when there is none. */
export function buildGeneration(reply: ScriptReply | undefined, req: GenerationRequest): Generation {
  if (!reply) return {events: filler(req.maxTokens), finishReason: 'length', sendUsage: true}
  const events: TokenEvent[] = []
  for (const text of tokenPieces(reply.reasoning ?? '')) events.push({kind: 'reasoning', text})
  let content = reply.content ?? ''
  if (reply.textToolCalls) {
    const calls = renderTextToolCalls(reply.textToolCalls.format, reply.textToolCalls.calls)
    content = content ? `${content}\n${calls}` : calls
  }
  const [kept, stopped] = applyStop(content, req.stop)
  for (const text of tokenPieces(kept)) events.push({kind: 'content', text})
  const native = stopped ? [] : (reply.toolCalls ?? [])
  native.forEach((call, index) => {
    events.push({kind: 'tool-start', index, id: call.id ?? req.callId(), name: call.name})
    const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments)
    for (const text of tokenPieces(args)) events.push({kind: 'tool-args', index, text})
  })
  let finishReason: FinishReason = reply.finishReason ?? (native.length ? 'tool_calls' : 'stop')
  // ignore_eos: keep generating filler up to max_tokens, as vLLM and llama.cpp do.
  if (req.ignoreEos && events.length < req.maxTokens && !native.length) {
    events.push(...filler(req.maxTokens - events.length))
    finishReason = 'length'
  }
  if (events.length > req.maxTokens) {
    events.length = req.maxTokens
    finishReason = 'length'
  }
  const generation: Generation = {events, finishReason, sendUsage: reply.usage !== false}
  if (reply.cutAfterTokens !== undefined) generation.cutAfter = reply.cutAfterTokens
  return generation
}
