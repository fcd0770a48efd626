import {z} from 'zod'
import type {LlmClient} from '../llm/client.js'
import {runScope} from '../store/run-scope.js'
import {randomPrompts} from './datasets/random.js'
import {pointScope} from './point-scope.js'
import {distribution} from './stats.js'
import type {RequestSample} from './types.js'

// llama-bench style tests over HTTP, for comparison with published llama.cpp figures: pp512 (prefill tok/s
// from a 512-token prompt and max_tokens 1) and tg128 (decode tok/s over 128 generated tokens), 5 repetitions
// each as llama-bench does by default. Each result carries llama-bench's JSON field names (ggml-org/llama.cpp,
// tools/llama-bench/llama-bench.cpp, `test::get_fields` and the JSON printer): n_prompt, n_gen, n_depth,
// test_time, avg_ns, stddev_ns, avg_ts, stddev_ts, samples_ns, samples_ts; so scripts that read
// `llama-bench -o json` read `oac bench --mode micro --json` runs too.

export const microResult = z.object({
  /** llama-bench's test label (its markdown table's `test` column). */
  test: z.enum(['pp512', 'tg128']),
  model: z.string(),
  endpoint: z.string(),
  repetitions: z.number(),
  n_prompt: z.number(),
  /** Tokens the server really generated per repetition (mean, rounded): tg128 asks 128, a server may stop sooner. */
  n_gen: z.number(),
  n_depth: z.number(),
  /** When the test ran (ISO 8601, UTC), as llama-bench writes it. */
  test_time: z.string(),
  /** Time per repetition (ns) of the measured phase: prefill for pp, decode for tg. */
  avg_ns: z.number(),
  stddev_ns: z.number(),
  /** Tokens per second; null when not measurable (tg: no reply streamed in two or more chunks over time). */
  avg_ts: z.number().nullable(),
  stddev_ts: z.number().nullable(),
  /** Why a figure is n/a, or what differs from the test's name. */
  note: z.string().optional(),
  /** What the test measured: repetitions answered, how tokens were counted. */
  scope: runScope,
  samples_ns: z.array(z.number()),
  samples_ts: z.array(z.number()),
})
export type MicroResult = z.infer<typeof microResult>

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
    {test: 'pp512' as const, inputLen: 512, outputLen: 1, nPrompt: 512, nGen: 0},
    {test: 'tg128' as const, inputLen: 16, outputLen: 128, nPrompt: 0, nGen: 128},
  ]
  for (const [index, t] of tests.entries()) {
    emit({type: 'point-start', index, points: tests.length, label: t.test, requests: REPETITIONS})
    const prompts = randomPrompts(REPETITIONS + 1, t.inputLen, t.outputLen, o.seed + index)
    const testTime = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
    const rates: number[] = []
    const times: number[] = []
    const generated: number[] = []
    const samples: RequestSample[] = []
    let unobserved = 0
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
      generated.push(r.usage.completionTokens)
      // Decode is observed only over a stream of two or more chunks arriving at different times.
      const chunks = r.timing.chunks
      const observed = r.timing.streamed && chunks.length > 1 && (chunks.at(-1)?.t ?? 0) > (chunks[0]?.t ?? 0)
      if (t.test === 'pp512' || observed) {
        rates.push(
          t.test === 'pp512' ? r.usage.promptTokens / (ttft / 1000) : (r.usage.completionTokens - 1) / (decode / 1000),
        )
        times.push(Math.round((t.test === 'pp512' ? ttft : decode) * 1e6))
      } else unobserved++
      const sample: RequestSample = {
        idx: i,
        ok: true,
        sentAt: 0,
        promptTokens: r.usage.promptTokens,
        expectedPromptTokens: p.promptTokens,
        outputTokens: r.usage.completionTokens,
        usageEstimated: r.usage.estimated,
        ...(r.usage.tokenizer ? {tokenizer: r.usage.tokenizer} : {}),
        ttftMs: ttft,
        e2eMs: r.timing.end - r.timing.start,
        itlMs: [],
        streamed: r.timing.streamed,
        clientQueueMs: r.timing.clientQueueMs ?? 0,
      }
      samples.push(sample)
      save(index, sample)
      emit({type: 'sample', index, done: generated.length, failed: 0})
    }
    const d = distribution(rates)
    const ns = distribution(times)
    const nGen = t.test === 'pp512' ? 0 : Math.round(distribution(generated).mean)
    const notes = [
      ...(unobserved
        ? [`${unobserved} of ${generated.length} replies came in one chunk: decode speed not observed`]
        : []),
      ...(t.nGen && generated.length && nGen !== t.nGen
        ? [`asked ${t.nGen} tokens, the server generated ${nGen}`]
        : []),
    ]
    results.push({
      test: t.test,
      model: o.model,
      endpoint: client.baseUrl,
      repetitions: rates.length,
      n_prompt: t.nPrompt,
      n_gen: nGen,
      n_depth: 0,
      test_time: testTime,
      avg_ns: Math.round(ns.mean),
      stddev_ns: Math.round(ns.std),
      avg_ts: rates.length ? d.mean : null,
      stddev_ts: rates.length ? d.std : null,
      samples_ns: times,
      samples_ts: rates,
      ...(notes.length ? {note: notes.join('; ')} : {}),
      scope: pointScope({dataset: `random (${t.test})`, size: null, warmup: 1, samples, interrupted: o.signal.aborted}),
    })
  }
  return results
}
