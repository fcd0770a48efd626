import {messageText} from '../llm/prompt-tokens.js'
import {countTokens} from '../llm/tokenizer.js'
import type {ChatMessage} from '../llm/types.js'
import {headTail} from './tools/truncate.js'

// The pure parts of compaction: which newest messages stay, how tool outputs are cut down, and where the one
// summary lives in the task message (so that a second compaction merges into it instead of stacking another).

/** The line that starts the summary inside the task message. */
export const SUMMARY_MARK = '[Earlier work in this session, summarized to save context]'
/** A kept tool output longer than this (characters) is cut to its head and tail: 16 KB outputs fill a 12k window. */
export const KEPT_TOOL_CHARS = 2_000
/** An old tool output is cut to this before it goes to the summarizer. */
export const OLD_TOOL_CHARS = 600
/** The newest messages kept word for word take at most this share of the context, and at most MAX_TAIL_TOKENS. */
export const TAIL_SHARE = 0.25
export const MAX_TAIL_TOKENS = 6_000

/** The task message's own text and the summary merged into it by an earlier compaction. */
export function splitTask(task: ChatMessage): {task: string; summary: string | undefined} {
  const text = messageText(task)
  const at = text.indexOf(`\n\n${SUMMARY_MARK}\n`)
  if (at < 0) return {task: text, summary: undefined}
  return {task: text.slice(0, at), summary: text.slice(at + SUMMARY_MARK.length + 3)}
}

/** The task message with `summary` as its one summary. */
export function withSummary(task: string, summary: string): ChatMessage {
  return {role: 'user', content: `${task}\n\n${SUMMARY_MARK}\n${summary}`}
}

/** A tool message with its output cut to `max` characters (head and tail, saying so); others as they are. */
export function cutToolOutput(message: ChatMessage, max: number): ChatMessage {
  if (message.role !== 'tool' || typeof message.content !== 'string' || message.content.length <= max) return message
  return {...message, content: headTail(message.content, max, 'cut at compaction; run the tool again for all of it')}
}

const tokensOf = (m: ChatMessage) => countTokens(messageText(m)) + 4

/**
 * Where the kept tail starts: as many of the newest messages as fit in `budget` tokens (tool outputs cut to
 * KEPT_TOOL_CHARS), starting at a user or assistant message so that no tool result loses its call. At least the
 * last reply and its results stay. Undefined when nothing lies between `first` and the tail.
 */
export function tailStart(messages: ChatMessage[], first: number, budget: number): number | undefined {
  let used = 0
  let start: number | undefined
  for (let i = messages.length - 1; i >= first; i--) {
    const m = messages[i] as ChatMessage
    used += tokensOf(cutToolOutput(m, KEPT_TOOL_CHARS))
    if (used > budget && start !== undefined) break
    if (m.role !== 'tool') start = i
  }
  return start !== undefined && start > first ? start : undefined
}

/** The old part of a session as text for the summarizer, each tool output cut to OLD_TOOL_CHARS. */
export function transcript(messages: ChatMessage[]): string {
  return messages.map((m) => `[${m.role}]\n${messageText(cutToolOutput(m, OLD_TOOL_CHARS))}`).join('\n\n')
}
