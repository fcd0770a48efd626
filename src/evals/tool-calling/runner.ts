import type {LlmClient} from '../../llm/client.js'
import {LlmError} from '../../llm/errors.js'
import type {ChatResult} from '../../llm/types.js'
import {type CheckResult, checkCase} from './checker.js'
import {buildRequest, callsOf, type EvalMode, retryMessages} from './modes.js'
import type {ToolCase} from './suite.js'

// Runs each case (× repeat) against the endpoint and checks it; with --retry-on-error, a call that failed on
// something fixable (unparseable, unknown tool, schema) gets the error fed back, up to N times.

export interface Attempt extends CheckResult {
  id: string
  category: string
  /** 0-based repetition of the case. */
  repeat: number
  /** Feedback rounds used (0 = first answer). */
  retries: number
  /** Failed first, passed after feedback. `passed` and every other figure describe the first answer. */
  recovered: boolean
  /** The first answer was cut at max_tokens (finish_reason `length`). */
  cut: boolean
  latencyMs: number
  promptTokens: number
  completionTokens: number
  /** Some round's token counts were estimated (the server sent no usage). */
  tokensEstimated: boolean
  /** The calls as the model made them (raw arguments), for the record. */
  calls: {name: string; arguments: string}[]
  /** A reply that could not be read as calls, kept for the record. */
  reply?: string
  /** The request itself failed (HTTP, connection...): not a model answer. */
  error?: string
  /** The right answer is at least one call (false on irrelevance cases). */
  expectsCall: boolean
}

export interface RunOptions {
  model: string
  mode: EvalMode
  repeat: number
  concurrency: number
  retryOnError: number
  signal: AbortSignal
  onAttempt?: (a: Attempt) => void
}

async function attempt(client: LlmClient, c: ToolCase, o: RunOptions, repeat: number): Promise<Attempt> {
  let messages = c.messages
  let latency = 0
  let promptTokens = 0
  let completionTokens = 0
  let tokensEstimated = false
  let first: (CheckResult & Pick<Attempt, 'cut' | 'calls' | 'reply'>) | undefined
  for (let round = 0; ; round++) {
    let result: ChatResult
    try {
      result = await client.chat({...buildRequest(c, o.mode, o.model, messages), signal: o.signal})
    } catch (error) {
      if (error instanceof LlmError && error.kind === 'aborted') throw error
      // A feedback round that failed to send leaves the first answer as it was: not recovered.
      if (first)
        return {
          ...first,
          ...{id: c.id, category: c.category, repeat, retries: round, recovered: false, latencyMs: latency},
          ...{promptTokens, completionTokens, tokensEstimated, expectsCall: c.expected.length > 0},
        }
      const message = error instanceof Error ? error.message : String(error)
      const failed: CheckResult = {
        passed: false,
        passedAfterRepair: false,
        reason: `request failed: ${message}`,
        parseable: false,
        repaired: false,
        schemaValid: false,
        rightFunction: false,
        retryable: false,
      }
      return {
        ...failed,
        id: c.id,
        category: c.category,
        repeat,
        retries: round,
        recovered: false,
        cut: false,
        latencyMs: latency,
        promptTokens,
        completionTokens,
        tokensEstimated,
        calls: [],
        error: message,
        expectsCall: c.expected.length > 0,
      }
    }
    latency += result.timing.end - result.timing.start
    promptTokens += result.usage.promptTokens
    completionTokens += result.usage.completionTokens
    tokensEstimated ||= result.usage.estimated
    const {calls, unparseable} = callsOf(result, o.mode, c)
    const check = checkCase(c, calls, {unparseable: unparseable !== undefined, cut: result.finishReason === 'length'})
    first ??= {
      ...check,
      cut: result.finishReason === 'length',
      calls: calls.map((k) => ({name: k.name, arguments: k.arguments})),
      ...(unparseable !== undefined ? {reply: unparseable} : {}),
    }
    if (check.passed || !check.retryable || round >= o.retryOnError) {
      // Every figure describes the first answer (the headline is first-try accuracy); `recovered` says whether
      // feedback fixed it, and the reason is the first answer's.
      return {
        ...first,
        id: c.id,
        category: c.category,
        repeat,
        retries: round,
        recovered: round > 0 && check.passed,
        latencyMs: latency,
        promptTokens,
        completionTokens,
        tokensEstimated,
        expectsCall: c.expected.length > 0,
      }
    }
    messages = retryMessages(o.mode, messages, result, calls, check.reason ?? 'invalid call')
  }
}

/** Every case × repeat, `concurrency` at a time; stops issuing on abort and returns what finished. */
export async function runCases(client: LlmClient, cases: ToolCase[], o: RunOptions): Promise<Attempt[]> {
  const jobs = cases.flatMap((c) => Array.from({length: o.repeat}, (_, r) => [c, r] as const))
  const attempts: Attempt[] = []
  let next = 0
  const worker = async () => {
    while (next < jobs.length && !o.signal.aborted) {
      const job = jobs[next++]
      if (!job) break
      try {
        const a = await attempt(client, job[0], o, job[1])
        attempts.push(a)
        o.onAttempt?.(a)
      } catch (error) {
        if (!o.signal.aborted) throw error
      }
    }
  }
  await Promise.all(Array.from({length: Math.max(1, o.concurrency)}, worker))
  return attempts
}
