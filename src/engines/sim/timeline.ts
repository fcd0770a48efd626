import type {SimOptions} from './options.js'

// When each chunk of a reply is sent. Times are absolute (performance.now() ms) and computed from the
// request's admission, never by accumulating sleeps, so timer lateness does not add up over a long reply.

export interface TimelineInput {
  admittedAt: number
  promptTokens: number
  /** How many sequences are decoding now (this one included), for the batch slowdown. */
  running: () => number
  random: () => number
}

/** Time the first token is ready: fixed TTFT plus prefill of the prompt. */
export function firstTokenAt(
  o: Pick<SimOptions, 'ttftMs' | 'prefillTokS'>,
  t: Pick<TimelineInput, 'admittedAt' | 'promptTokens'>,
): number {
  const prefill = o.prefillTokS > 0 ? (t.promptTokens / o.prefillTokS) * 1000 : 0
  return t.admittedAt + o.ttftMs + prefill
}

/** The gap before the next chunk of `tokens` tokens at the current batch size. */
export function nextGap(
  o: Pick<SimOptions, 'itlMs' | 'jitterMs' | 'batchSlowdown'>,
  tokens: number,
  t: Pick<TimelineInput, 'running' | 'random'>,
): number {
  const itl = o.itlMs * (1 + o.batchSlowdown * Math.max(0, t.running() - 1))
  const jitter = o.jitterMs ? (t.random() * 2 - 1) * o.jitterMs : 0
  return Math.max(0, itl * tokens + jitter)
}
