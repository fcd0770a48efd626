import type {LlmClient} from '../llm/client.js'
import {randomPrompts} from './datasets/random.js'
import {distribution} from './stats.js'
import type {RequestSample} from './types.js'

// llama-bench style tests over HTTP, for comparison with published llama.cpp figures: pp512 (prefill tok/s
// from a 512-token prompt and max_tokens 1) and tg128 (decode tok/s over 128 generated tokens), 5 repetitions
// each as llama-bench does by default.

export interface MicroResult {
  test: 'pp512' | 'tg128'
  model: string
  endpoint: string
  repetitions: number
  tokens_per_s: number
  std_tokens_per_s: number
  samples_tokens_per_s: number[]
}

export interface MicroOptions {
  model: string
  seed: number
  signal: AbortSignal
}

type Emit = (
  e:
    | {type: 'point-start'; index: number; points: number; label: string; requests: number}
    | {type: 'sample'; index: number; done: number; failed: number},
) => void

const REPETITIONS = 5

export async function runMicro(
  client: LlmClient,
  o: MicroOptions,
  emit: Emit,
  save: (point: number, s: RequestSample) => void,
): Promise<MicroResult[]> {
  const results: MicroResult[] = []
  const tests = [
    {test: 'pp512' as const, inputLen: 512, outputLen: 1},
    {test: 'tg128' as const, inputLen: 16, outputLen: 128},
  ]
  for (const [index, t] of tests.entries()) {
    emit({type: 'point-start', index, points: tests.length, label: t.test, requests: REPETITIONS})
    const prompts = randomPrompts(REPETITIONS + 1, t.inputLen, t.outputLen, o.seed + index)
    const rates: number[] = []
    for (const [i, p] of prompts.entries()) {
      if (o.signal.aborted) break
      const r = await client.chat({
        model: o.model,
        messages: p.messages,
        maxTokens: t.outputLen,
        ignoreEos: true,
        temperature: 0,
        signal: o.signal,
      })
      if (i === 0) continue // warm-up
      const ttft = (r.timing.firstTokenAt ?? r.timing.end) - r.timing.start
      const decode = r.timing.end - (r.timing.firstTokenAt ?? r.timing.start)
      const rate =
        t.test === 'pp512' ? r.usage.promptTokens / (ttft / 1000) : (r.usage.completionTokens - 1) / (decode / 1000)
      rates.push(rate)
      save(index, {
        idx: i,
        ok: true,
        sentAt: 0,
        promptTokens: r.usage.promptTokens,
        expectedPromptTokens: p.promptTokens,
        outputTokens: r.usage.completionTokens,
        usageEstimated: r.usage.estimated,
        ttftMs: ttft,
        e2eMs: r.timing.end - r.timing.start,
        itlMs: [],
        clientQueueMs: r.timing.clientQueueMs ?? 0,
      })
      emit({type: 'sample', index, done: rates.length, failed: 0})
    }
    const d = distribution(rates)
    results.push({
      test: t.test,
      model: o.model,
      endpoint: client.baseUrl,
      repetitions: rates.length,
      tokens_per_s: d.mean,
      std_tokens_per_s: d.std,
      samples_tokens_per_s: rates,
    })
  }
  return results
}
