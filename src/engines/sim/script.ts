import {existsSync, readFileSync} from 'node:fs'
import {z} from 'zod'
import {UsageError} from '../../errors.js'
import {TEXT_TOOL_FORMATS} from '../../llm/text-tool-calls/index.js'
import {ConfigError, loadYaml} from '../../profiles/load-yaml.js'

// `oac sim --script FILE`: the replies a test wants, in order or by matching the request.

const toolCall = z.strictObject({
  name: z.string(),
  /** An object is sent as JSON; a string is sent as it is (use it for malformed arguments). */
  arguments: z.union([z.record(z.string(), z.unknown()), z.string()]).default({}),
  /** The call's id, the same on every reply (as some engines send `call_0` every turn); default: a fresh one. */
  id: z.string().min(1).optional(),
})
export type ScriptToolCall = z.infer<typeof toolCall>

export const scriptReply = z.strictObject({
  content: z.string().optional(),
  reasoning: z.string().optional(),
  /** Native tool calls (`tool_calls` in the response). */
  toolCalls: z.array(toolCall).optional(),
  /** Tool calls printed into the content, the way local models often emit them. */
  textToolCalls: z.strictObject({format: z.enum(TEXT_TOOL_FORMATS), calls: z.array(toolCall)}).optional(),
  finishReason: z.enum(['stop', 'length', 'tool_calls']).optional(),
  /** Answer with this HTTP error instead of a completion. */
  error: z
    .strictObject({
      status: z.number().int().min(400).max(599),
      message: z.string(),
      /** Seconds sent as `Retry-After` (engines do so on 429 and while a model loads). */
      retryAfter: z.number().int().min(0).optional(),
    })
    .optional(),
  /** Answer with the engine's context-length 400, whatever the prompt size. */
  contextLengthError: z.boolean().optional(),
  /** Drop the connection after this many completion tokens (a truncated stream). */
  cutAfterTokens: z.number().int().min(0).optional(),
  /** Never answer (for client timeouts). */
  hang: z.boolean().optional(),
  /** false: send no usage, as some engines do. */
  usage: z.boolean().optional(),
})
export type ScriptReply = z.infer<typeof scriptReply>

export const scriptRule = z.strictObject({
  match: z
    .strictObject({
      /** Regular expression the last user message must match. */
      lastUser: z.string().optional(),
      /** Regular expression the last message must match, whatever its role. */
      last: z.string().optional(),
      /** Regular expression the last tool result must match (and the last message must be a tool result). */
      toolResult: z.string().optional(),
      model: z.string().optional(),
      hasTools: z.boolean().optional(),
    })
    .optional(),
  reply: scriptReply,
  /** How many requests this rule answers; default: unlimited in `match` mode, 1 in `ordered` mode. */
  times: z.number().int().positive().optional(),
})
export type ScriptRule = z.infer<typeof scriptRule>

export const scriptFile = z.strictObject({
  mode: z.enum(['ordered', 'match']).default('match'),
  rules: z.array(scriptRule).min(1),
})
export type Script = z.infer<typeof scriptFile>

/** Reads a script: YAML `{mode, rules}`, or JSONL with one rule per line (ordered mode). */
export function loadScript(file: string): Script {
  if (!existsSync(file)) throw new UsageError(`--script: no script file ${file} (YAML {mode, rules} or JSONL rules)`)
  if (!file.endsWith('.jsonl')) return loadYaml(file, scriptFile)
  const rules: ScriptRule[] = []
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return
      let data: unknown
      try {
        data = JSON.parse(line)
      } catch (error) {
        throw new ConfigError(file, i + 1, `invalid JSON: ${(error as Error).message}`)
      }
      const parsed = scriptRule.safeParse(data)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new ConfigError(file, i + 1, `\`${issue?.path.join('.')}\`: ${issue?.message}`)
      }
      rules.push(parsed.data)
    })
  if (!rules.length) throw new ConfigError(file, undefined, 'no rules')
  return {mode: 'ordered', rules}
}

/** What a rule is matched against. */
export interface RequestFacts {
  model: string
  lastUser?: string
  /** The last message's text when it is a tool result. */
  toolResult?: string
  /** The last message's text. */
  last: string
  hasTools: boolean
}

/** Picks the reply for each request; remembers how often each rule was used. */
export class ScriptPlayer {
  private readonly used: number[]

  constructor(private readonly script: Script) {
    this.used = script.rules.map(() => 0)
  }

  next(req: RequestFacts): ScriptReply | undefined {
    for (const [i, rule] of this.script.rules.entries()) {
      const limit = rule.times ?? (this.script.mode === 'ordered' ? 1 : Number.POSITIVE_INFINITY)
      if ((this.used[i] ?? 0) >= limit || !matches(rule, req)) continue
      this.used[i] = (this.used[i] ?? 0) + 1
      return rule.reply
    }
    return undefined
  }
}

const compiled = new Map<string, RegExp>()
function re(pattern: string): RegExp {
  let r = compiled.get(pattern)
  if (!r) {
    r = new RegExp(pattern, 's')
    compiled.set(pattern, r)
  }
  return r
}

function matches(rule: ScriptRule, req: RequestFacts): boolean {
  const m = rule.match
  if (!m) return true
  if (m.model !== undefined && m.model !== req.model) return false
  if (m.hasTools !== undefined && m.hasTools !== req.hasTools) return false
  if (m.lastUser !== undefined && !re(m.lastUser).test(req.lastUser ?? '')) return false
  if (m.last !== undefined && !re(m.last).test(req.last)) return false
  if (m.toolResult !== undefined && (req.toolResult === undefined || !re(m.toolResult).test(req.toolResult)))
    return false
  return true
}
