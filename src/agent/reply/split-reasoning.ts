// Reasoning models served without a reasoning parser (Qwen3, DeepSeek-R1, GLM) write their thinking inline:
// `<think>…</think>answer`, or `…</think>answer` when the chat template opened `<think>` in the prompt itself.
// The reasoning is never parsed for tool calls and never sent back: those templates drop earlier turns' reasoning.

export interface SplitReply {
  reasoning: string
  /** The answer, untrimmed: a reply cut at the token limit is continued exactly where it stopped. */
  answer: string
}

const OPEN = '<think>'
const CLOSE = '</think>'

export function splitReasoning(content: string): SplitReply {
  const reasoning: string[] = []
  let rest = content
  // `…</think>` with no opening tag before it: the template opened it.
  const close = rest.indexOf(CLOSE)
  const open = rest.indexOf(OPEN)
  if (close >= 0 && (open < 0 || open > close)) {
    reasoning.push(rest.slice(0, close))
    rest = rest.slice(close + CLOSE.length)
  }
  for (;;) {
    const start = rest.indexOf(OPEN)
    if (start < 0) break
    const end = rest.indexOf(CLOSE, start)
    // An unclosed block runs to the end of the reply (it was cut while thinking).
    reasoning.push(rest.slice(start + OPEN.length, end < 0 ? undefined : end))
    rest = rest.slice(0, start) + (end < 0 ? '' : rest.slice(end + CLOSE.length))
  }
  return {
    reasoning: reasoning.map((r) => r.trim()).join('\n\n'),
    answer: close >= 0 || content.includes(OPEN) ? rest.trimStart() : rest,
  }
}
