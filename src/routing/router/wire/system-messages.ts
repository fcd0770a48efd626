// System messages after the first place in a translated chat request. Claude Code ends some requests with a
// `role: system` message and Codex sends `developer` input items; as chat messages they become a second system
// message, which strict chat templates refuse (Qwen's raises "System message must be at the beginning").

type Json = Record<string, unknown>

/** `fold`: into the leading system prompt; `user`: as user messages where they stand; `keep`: as they are. */
export type SystemMessageMode = 'fold' | 'user' | 'keep'

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((p) => (typeof (p as Json)?.text === 'string' ? (p as Json).text : '')).join('\n')
      : ''

/** The messages with every system message but a leading one handled per `mode` (a new array; input untouched). */
export function placeSystemMessages(messages: Json[], mode: SystemMessageMode): Json[] {
  if (mode === 'keep' || !messages.some((m, i) => i > 0 && m.role === 'system')) return messages
  if (mode === 'user')
    return messages.map((m, i) => (i > 0 && m.role === 'system' ? {role: 'user', content: textOf(m.content)} : m))
  const later = messages.filter((m, i) => i > 0 && m.role === 'system').map((m) => textOf(m.content))
  const rest = messages.filter((m, i) => i === 0 || m.role !== 'system')
  const first = rest[0]
  if (first?.role === 'system')
    return [{role: 'system', content: [textOf(first.content), ...later].join('\n\n')}, ...rest.slice(1)]
  return [{role: 'system', content: later.join('\n\n')}, ...rest]
}
