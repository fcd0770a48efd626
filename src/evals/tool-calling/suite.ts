import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {z} from 'zod'
import type {ChatMessage, ToolSpec} from '../../llm/types.js'
import {packageRoot} from '../../paths.js'
import type {BfclCase} from './bfcl/check.js'
import {padContext} from './padding.js'

// The tool-calling suite: one JSONL file per category under evals/tool-calling/, validated at load.

export const CATEGORIES = [
  'simple',
  'multiple',
  'parallel',
  'parallel_multiple',
  'irrelevance',
  'multi_turn',
  'coding_tools',
  'long_context',
  'args_hard',
] as const

const expectedCall = z.object({name: z.string(), arguments: z.record(z.string(), z.array(z.unknown()))})
export const toolCase = z.object({
  id: z.string(),
  category: z.string(),
  messages: z.array(z.record(z.string(), z.unknown())).min(1),
  tools: z.array(
    z.object({
      type: z.literal('function'),
      function: z.object({
        name: z.string(),
        description: z.string().optional(),
        parameters: z.record(z.string(), z.unknown()).optional(),
      }),
    }),
  ),
  /** The calls that must be made (order-free); each argument lists its acceptable values, "" = may be absent. */
  expected: z.array(expectedCall),
  /** Compare strings case- and whitespace-insensitively. */
  normalize: z.boolean().default(false),
  /** Tokens of code context to put before the last user message (long_context). */
  padTokens: z.number().int().positive().optional(),
})
export type ToolCase = Omit<z.infer<typeof toolCase>, 'messages' | 'tools'> & {
  messages: ChatMessage[]
  tools: ToolSpec[]
  /** Imported from BFCL: scored by BFCL's own rules instead of oac's checker. */
  bfcl?: BfclCase
}

export function suiteDir(): string {
  return join(packageRoot, 'evals', 'tool-calling')
}

/** Parses JSONL cases, naming file and line of a bad one; `padTokens` are materialized into the messages. */
export function parseCases(file: string, text = readFileSync(file, 'utf8')): ToolCase[] {
  return text
    .split('\n')
    .map((line, i) => [line, i + 1] as const)
    .filter(([line]) => line.trim())
    .map(([line, n]) => {
      let data: unknown
      try {
        data = JSON.parse(line)
      } catch (error) {
        throw new Error(`${file}:${n}: invalid JSON (${(error as Error).message})`)
      }
      const parsed = toolCase.safeParse(data)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new Error(`${file}:${n}: \`${issue?.path.join('.')}\`: ${issue?.message}`)
      }
      const c = parsed.data as unknown as ToolCase
      return c.padTokens ? {...c, messages: padContext(c.messages, c.padTokens)} : c
    })
}

/** Cases in the whole built-in suite (every category), counted without loading them. */
export function suiteSize(dir = suiteDir()): number {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .reduce(
      (n, f) =>
        n +
        readFileSync(join(dir, f), 'utf8')
          .split('\n')
          .filter((l) => l.trim()).length,
      0,
    )
}

/** Loads the built-in suite, optionally only some categories and the first `limit` cases of each. */
export function loadSuite(options: {dir?: string; categories?: string[]; limit?: number} = {}): ToolCase[] {
  const dir = options.dir ?? suiteDir()
  const known = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.replace(/\.jsonl$/, ''))
  const wanted = options.categories?.length
    ? options.categories
    : known.sort((a, b) => CATEGORIES.indexOf(a as never) - CATEGORIES.indexOf(b as never))
  const cases: ToolCase[] = []
  for (const category of wanted) {
    const file = join(dir, `${category}.jsonl`)
    if (!existsSync(file)) throw new Error(`Unknown category \`${category}\`; known: ${known.join(', ')}`)
    const all = parseCases(file)
    cases.push(...(options.limit ? all.slice(0, options.limit) : all))
  }
  return cases
}
