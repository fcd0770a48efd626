import {readFileSync} from 'node:fs'
import {countPromptTokens} from '../../llm/prompt-tokens.js'
import {countTokens} from '../../llm/tokenizer.js'
import type {ChatMessage} from '../../llm/types.js'
import type {BenchPrompt} from '../types.js'

// Prompts from the user's files: ShareGPT JSON (as vLLM's benchmark reads it) and JSONL.

const prompt = (messages: ChatMessage[], maxTokens: number): BenchPrompt => ({
  messages,
  maxTokens,
  promptTokens: countPromptTokens(messages),
})

type Turn = {from: string; value: string}

/** An entry's turns when it has ShareGPT's shape, else undefined (a file of another shape is bad input). */
function conversation(entry: unknown): Turn[] | undefined {
  const turns = (entry as {conversations?: unknown} | null)?.conversations
  if (!Array.isArray(turns)) return undefined
  const ok = turns.every((t) => typeof t?.from === 'string' && typeof t?.value === 'string')
  return ok ? (turns as Turn[]) : undefined
}

/**
 * ShareGPT: [{conversations: [{from: 'human', value}, {from: 'gpt', value}, ...]}]. The first human turn is the
 * prompt and the reply's length the output length; like vLLM, pairs under 4 tokens on either side are skipped.
 */
export function sharegptPrompts(file: string, outputLen?: number): BenchPrompt[] {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`${file}: not a ShareGPT JSON file (${(error as Error).message})`)
  }
  if (!Array.isArray(data)) throw new Error(`${file}: expected a JSON array of {conversations: [...]}`)
  const out: BenchPrompt[] = []
  for (const [i, entry] of data.entries()) {
    const turns = conversation(entry)
    if (!turns)
      throw new Error(
        `${file}: entry ${i + 1}: expected {"conversations": [{"from": "human", "value": "..."}, ...]}, got ${JSON.stringify(entry)?.slice(0, 80)}`,
      )
    const human = turns.find((t) => t.from === 'human')
    const reply = turns[turns.indexOf(human as Turn) + 1]
    if (!human || reply?.from !== 'gpt') continue
    const replyTokens = countTokens(reply.value)
    if (countTokens(human.value) < 4 || replyTokens < 4) continue
    out.push(prompt([{role: 'user', content: human.value}], outputLen ?? replyTokens))
  }
  if (!out.length) throw new Error(`${file}: no usable human→gpt pairs`)
  return out
}

/** JSONL: one {prompt: string} or {messages: [...]} per line, with max_tokens (or output_len) optional. */
export function jsonlPrompts(file: string, outputLen = 256): BenchPrompt[] {
  const prompts = readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => [line, i] as const)
    .filter(([line]) => line.trim())
    .map(([line, i]) => {
      let row: {prompt?: unknown; messages?: unknown; max_tokens?: unknown; output_len?: unknown}
      try {
        row = JSON.parse(line)
      } catch (error) {
        throw new Error(`${file}:${i + 1}: invalid JSON (${(error as Error).message})`)
      }
      const messages = Array.isArray(row.messages)
        ? (row.messages as ChatMessage[])
        : typeof row.prompt === 'string'
          ? [{role: 'user' as const, content: row.prompt}]
          : undefined
      if (!messages) throw new Error(`${file}:${i + 1}: expected {"prompt": "..."} or {"messages": [...]}`)
      const max = Number(row.max_tokens ?? row.output_len ?? outputLen)
      return prompt(messages, Number.isInteger(max) && max > 0 ? max : outputLen)
    })
  if (!prompts.length) throw new Error(`${file}: no prompts (the file has no non-empty lines)`)
  return prompts
}
