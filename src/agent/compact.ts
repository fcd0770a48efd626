import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {countPromptTokens, messageText} from '../llm/prompt-tokens.js'
import {countTokens} from '../llm/tokenizer.js'
import type {ChatMessage, ChatRequest, ChatResult, ToolSpec} from '../llm/types.js'
import {packageRoot} from '../paths.js'
import {headTail} from './tools/truncate.js'

// Before the window fills, older turns are replaced by a summary the model writes: the system prompt, the task
// and the last turns stay word for word. Compaction is the one place the prompt prefix changes (once, on purpose).

/** Compact when the next request would use more than this share of the context. */
export const COMPACT_AT = 0.75
/** At least this many of the newest messages are kept as they are. */
export const KEEP_LAST = 6
const PROMPT_FILE = join(packageRoot, 'evals', 'agent', 'compact-prompt.txt')

export type ChatFn = (req: ChatRequest) => Promise<ChatResult>

/** Tokens the next request will hold: our count, or the server's from the last reply when that is larger. */
export function contextUsed(messages: ChatMessage[], tools: ToolSpec[], lastReported = 0): number {
  return Math.max(countPromptTokens(messages, tools), lastReported)
}

export function needsCompaction(used: number, contextLength: number | undefined): boolean {
  return contextLength !== undefined && used > contextLength * COMPACT_AT
}

/** Where the kept tail starts: an assistant message at least KEEP_LAST from the end, so no tool result is orphaned. */
function tailStart(messages: ChatMessage[], first: number): number | undefined {
  for (let i = messages.length - KEEP_LAST; i > first; i--) if (messages[i]?.role === 'assistant') return i
  return undefined
}

function transcript(messages: ChatMessage[]): string {
  return messages.map((m) => `[${m.role}]\n${messageText(m)}`).join('\n\n')
}

/**
 * The messages with older turns summarized: [system, task + summary, ...last turns]; undefined when there is
 * nothing old enough to summarize. `messages[0]` is the system prompt and `messages[1]` the task.
 */
export async function compactMessages(
  messages: ChatMessage[],
  chat: ChatFn,
  options: {model: string; contextLength?: number; signal?: AbortSignal},
): Promise<ChatMessage[] | undefined> {
  const [system, task] = messages
  const start = tailStart(messages, 2)
  if (!system || !task || start === undefined) return undefined
  const old = messages.slice(2, start)
  const budget = Math.floor((options.contextLength ?? 32_768) / 2)
  let text = transcript(old)
  if (countTokens(text) > budget) text = headTail(text, budget * 3, 'older part of the session')
  const reply = await chat({
    model: options.model,
    messages: [
      {role: 'system', content: (await readFile(PROMPT_FILE, 'utf8')).trim()},
      {role: 'user', content: `Session to summarize:\n\n${text}`},
    ],
    ...(options.signal ? {signal: options.signal} : {}),
  })
  const summary = reply.content.trim() || '(the summary came back empty)'
  const merged: ChatMessage = {
    role: 'user',
    content: `${messageText(task)}\n\n[Earlier work in this session, summarized to save context]\n${summary}`,
  }
  return [system, merged, ...messages.slice(start)]
}
