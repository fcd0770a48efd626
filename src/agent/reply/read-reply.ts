import {parseTextToolCalls} from '../../llm/text-tool-calls/index.js'
import type {ChatResult, ToolCall, ToolSpec} from '../../llm/types.js'
import {withoutQuotedCalls} from './quoted-code.js'
import {splitReasoning} from './split-reasoning.js'

// What one reply asks the loop to do. Native `tool_calls` when the engine parsed them; else calls the model printed
// as text (Hermes, Qwen3-Coder XML, Mistral, JSON blocks, GLM), read from the answer only (never from reasoning).
// A printed call counts only as the reply's last element or the whole reply, and never inside an indented code
// block (quoted-code.ts). Whatever cannot be trusted as an
// answer (a cut call, a call followed by prose, leftover call markup, a reply cut at the token limit) is sent back
// with a note, never reported as a finished answer.

export type ReplyReading =
  /** Run these calls. */
  | {kind: 'calls'; text: string; calls: ToolCall[]; source: 'native' | 'text'}
  /** A finished answer (`raw`: untrimmed, to join a continued one). */
  | {kind: 'answer'; text: string; raw: string}
  /** Not runnable as sent: tell the model `note` and ask again. */
  | {kind: 'redo'; text: string; note: string; problem: RedoProblem}
  /** Plain text cut at the output token limit (finish_reason `length`): to be continued. */
  | {kind: 'cut'; text: string; raw: string}

export type RedoProblem = 'cut_call' | 'call_then_prose' | 'markup'

export const CUT_CALL_NOTE =
  'Your tool call was cut off before its end, so nothing was run. Send the whole call again, complete with its closing tag.'
export const LENGTH_NOTE =
  ' Your reply reached the output token limit: keep the call shorter (for a long file, write a part and add the rest with edit).'
export const CALL_THEN_PROSE_NOTE =
  'Nothing was run: a tool call counts only at the end of your reply (or as the whole reply), and yours was followed by more text. To call a tool, end your reply with the call.'
export const MARKUP_NOTE =
  'Your reply contains tool-call markup that could not be read as a call, so nothing was run. Send the call again in the format of your tools, or answer without markup.'

/** Tool-call markers that must never be part of a finished answer. */
const MARKUP = /<tool_call>|<\/tool_call>|<function=[^>]*>|\[TOOL_CALLS\]|<\|tool_call/

export function readReply(
  reply: Pick<ChatResult, 'content' | 'toolCalls' | 'finishReason'>,
  tools: ToolSpec[],
): ReplyReading {
  const raw = splitReasoning(reply.content).answer
  const answer = raw.trim()
  const cutByLimit = reply.finishReason === 'length'
  if (reply.toolCalls.length) return {kind: 'calls', text: answer, calls: reply.toolCalls, source: 'native'}
  // Calls in an indented code block are quoted, not made: they are read neither as calls nor as stray markup.
  const unquoted = withoutQuotedCalls(answer).trim()
  const parsed = parseTextToolCalls(unquoted, 'auto', tools)
  if (parsed.partial)
    return {kind: 'redo', text: answer, note: CUT_CALL_NOTE + (cutByLimit ? LENGTH_NOTE : ''), problem: 'cut_call'}
  if (parsed.toolCalls.length && parsed.trailing)
    return {kind: 'redo', text: answer, note: CALL_THEN_PROSE_NOTE, problem: 'call_then_prose'}
  if (parsed.toolCalls.length) return {kind: 'calls', text: parsed.content, calls: parsed.toolCalls, source: 'text'}
  if (MARKUP.test(unquoted)) return {kind: 'redo', text: answer, note: MARKUP_NOTE, problem: 'markup'}
  if (cutByLimit) return {kind: 'cut', text: answer, raw}
  return {kind: 'answer', text: answer, raw}
}
