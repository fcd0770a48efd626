import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {countPromptTokens} from '../llm/prompt-tokens.js'
import {countTokens} from '../llm/tokenizer.js'
import type {ChatMessage, ChatRequest, ChatResult, ToolSpec} from '../llm/types.js'
import {packageRoot} from '../paths.js'
import {
  cutToolOutput,
  KEPT_TOOL_CHARS,
  MAX_TAIL_TOKENS,
  splitTask,
  TAIL_SHARE,
  tailStart,
  transcript,
  withSummary,
} from './compact-parts.js'
import {headTail} from './tools/truncate.js'

// Before the window fills, older turns are replaced by one summary the model writes, merged into the task message:
// the system prompt and the task stay word for word, the newest turns too as far as a quarter of the context holds
// them (their tool outputs cut down), and a second compaction merges the old summary with what happened since
// instead of stacking another. Built for a 32k (or 12k) local model: a 16 KB tool output alone is a third of it.
// Compaction is the one place the prompt prefix changes (once, on purpose).

/** Compact when the next request would use more than this share of the context. */
export const COMPACT_AT = 0.75
/** The summary is cut to this share of the context, should the model write more than asked. */
const SUMMARY_SHARE = 0.1
const PROMPT_FILE = join(packageRoot, 'evals', 'agent', 'compact-prompt.txt')

export type ChatFn = (req: ChatRequest) => Promise<ChatResult>

/** Tokens the next request will hold: our count, or the server's from the last reply when that is larger. */
export function contextUsed(messages: ChatMessage[], tools: ToolSpec[], lastReported = 0): number {
  return Math.max(countPromptTokens(messages, tools), lastReported)
}

export function needsCompaction(used: number, contextLength: number | undefined): boolean {
  return contextLength !== undefined && used > contextLength * COMPACT_AT
}

export interface CompactOptions {
  model: string
  contextLength?: number
  signal?: AbortSignal
  /**
   * Tokens of newest messages kept word for word (default: a quarter of the context, at most MAX_TAIL_TOKENS); 0
   * keeps only the last reply and its results (/compact, or an engine that said the prompt does not fit).
   */
  keepTokens?: number
}

const keepDefault = (contextLength: number) => Math.min(MAX_TAIL_TOKENS, Math.floor(contextLength * TAIL_SHARE))

export interface Compacted {
  messages: ChatMessage[]
  summary: string
}

/** The part of the session that compaction would summarize, or undefined when there is none. */
function plan(messages: ChatMessage[], keepTokens: number) {
  const [system, task] = messages
  const start = tailStart(messages, 2, keepTokens)
  if (!system || !task || start === undefined) return undefined
  return {system, task, start}
}

/**
 * The fewest tokens the prompt could take after compaction (system, task, the kept tail cut down, a full-size
 * summary): when that is still over the limit, compacting would only cost a request. Undefined: nothing to compact.
 */
export function compactedFloor(messages: ChatMessage[], tools: ToolSpec[], contextLength: number): number | undefined {
  const p = plan(messages, keepDefault(contextLength))
  if (!p) return undefined
  const tail = messages.slice(p.start).map((m) => cutToolOutput(m, KEPT_TOOL_CHARS))
  return countPromptTokens([p.system, p.task, ...tail], tools) + Math.floor(contextLength * SUMMARY_SHARE)
}

/**
 * The messages with older turns summarized: [system, task + summary, ...newest turns]; undefined when there is
 * nothing old enough to summarize. `messages[0]` is the system prompt and `messages[1]` the task.
 */
export async function compactMessages(
  messages: ChatMessage[],
  chat: ChatFn,
  options: CompactOptions,
): Promise<Compacted | undefined> {
  const contextLength = options.contextLength ?? 32_768
  const p = plan(messages, options.keepTokens ?? keepDefault(contextLength))
  if (!p) return undefined
  const {task, summary: earlier} = splitTask(p.task)
  // What the summarizer reads must fit its own request: half the context for the session's text.
  const budget = Math.floor(contextLength / 2)
  let text = transcript(messages.slice(2, p.start))
  if (countTokens(text) > budget) text = headTail(text, budget * 3, 'older part of the session')
  const reply = await chat({
    model: options.model,
    messages: [
      {role: 'system', content: (await readFile(PROMPT_FILE, 'utf8')).trim()},
      {
        role: 'user',
        content: earlier
          ? `Summary so far:\n${earlier}\n\nSession since then, to merge into one summary:\n\n${text}`
          : `Session to summarize:\n\n${text}`,
      },
    ],
    ...(options.signal ? {signal: options.signal} : {}),
  })
  let summary = reply.content.trim() || earlier || '(the summary came back empty)'
  const cap = Math.floor(contextLength * SUMMARY_SHARE) * 3
  if (summary.length > cap) summary = `${summary.slice(0, cap)} [summary cut]`
  const tail = messages.slice(p.start).map((m) => cutToolOutput(m, KEPT_TOOL_CHARS))
  return {messages: [p.system, withSummary(task, summary), ...tail], summary}
}
