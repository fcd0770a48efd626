import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {countPromptTokens} from '../../llm/prompt-tokens.js'
import {packageRoot} from '../../paths.js'
import type {BenchPrompt} from '../types.js'

// The built-in `coding` set (evals/bench/): what an agent sends — a system prompt, files, and a request.

interface CodingCase {
  id: string
  kind: string
  files: string[]
  instruction: string
  max_tokens: number
}

export function codingDir(): string {
  return join(packageRoot, 'evals', 'bench')
}

export function codingPrompts(dir = codingDir()): BenchPrompt[] {
  const file = join(dir, 'coding.jsonl')
  if (!existsSync(file)) throw new Error(`The coding dataset is missing: ${file}`)
  const system = readFileSync(join(dir, 'system-prompt.txt'), 'utf8').trim()
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const c = JSON.parse(line) as CodingCase
      if (!Array.isArray(c.files) || typeof c.instruction !== 'string')
        throw new Error(`${file}:${i + 1}: expected {id, kind, files: [...], instruction, max_tokens}`)
      const files = c.files.map(
        (f) => `<file path="${f.replace(/^corpus\//, '')}">\n${readFileSync(join(dir, f), 'utf8')}\n</file>`,
      )
      const messages = [
        {role: 'system' as const, content: system},
        {role: 'user' as const, content: `${files.join('\n\n')}\n\n${c.instruction}`},
      ]
      return {messages, maxTokens: c.max_tokens, promptTokens: countPromptTokens(messages)}
    })
}
