import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {decodeTokens, encodeTokens} from '../../llm/tokenizer.js'
import type {ChatMessage} from '../../llm/types.js'
import {packageRoot} from '../../paths.js'

// long_context cases: N tokens of real code (the bench corpus) before the last user message, as an agent's
// earlier file reads would put there, so the request has to be found past a long context.

let corpus: number[] | undefined

function corpusTokens(): number[] {
  if (corpus) return corpus
  const dir = join(packageRoot, 'evals', 'bench', 'corpus')
  const text = readdirSync(dir)
    .sort()
    .map((f) => `<file path="${f}">\n${readFileSync(join(dir, f), 'utf8')}\n</file>\n`)
    .join('\n')
  corpus = encodeTokens(text)
  return corpus
}

/** The messages with `tokens` tokens of code context prepended to the last user message. */
export function padContext(messages: ChatMessage[], tokens: number): ChatMessage[] {
  const all = corpusTokens()
  const ids: number[] = []
  while (ids.length < tokens) ids.push(...all.slice(0, tokens - ids.length))
  const context = `Context from the repository:\n${decodeTokens(ids)}\n\n`
  const last = messages.map((m) => m.role).lastIndexOf('user')
  return messages.map((m, i) =>
    i === last ? {...m, content: `${context}${typeof m.content === 'string' ? m.content : ''}`} : m,
  ) as ChatMessage[]
}
