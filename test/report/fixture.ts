import {join} from 'node:path'
import type {HardwareReport} from '../../src/hardware/types.js'
import {Store} from '../../src/store/store.js'

// A results store with what `oac bench` and `oac eval tool-calling` save: a bench sweep of three points with its
// per-request samples, and two tool-calling runs, measured on one RTX 5090 (profile rtx5090, hardwareCostUsd 1999).

export const hardware: HardwareReport = {
  os: {platform: 'linux', distro: 'Ubuntu 24.04', release: '6.8.0', arch: 'x64'},
  cpu: {model: 'AMD Ryzen 9 9950X', cores: 32},
  ramGiB: 64,
  gpus: [{vendor: 'nvidia', name: 'NVIDIA GeForce RTX 5090', vramTotalMiB: 32607, powerLimitW: 575, powerDrawW: 31}],
  probes: [],
}

export const benchPoints = [
  {concurrency: 1, throughput: 61.5, ttft: 45.2, p99: 60.1, tpot: 15.9, itl: 16.2, e2e: 2071.3},
  {concurrency: 4, throughput: 204.8, ttft: 88.6, p99: 120.4, tpot: 18.7, itl: 18.9, e2e: 2480.7},
  {concurrency: 8, throughput: 352.4, ttft: 150.3, p99: 210.9, tpot: 21.4, itl: 21.6, e2e: 2870.2},
]

export const toolRuns = [
  {accuracy: 0.75, single: [8, 6], parallel: [4, 3]},
  {accuracy: 0.875, single: [8, 7], parallel: [8, 7]},
]

const point = (p: (typeof benchPoints)[number]) => ({
  model: 'qwen3-coder',
  endpoint: 'http://127.0.0.1:8000/v1',
  max_concurrency: p.concurrency,
  request_rate: 'inf',
  num_prompts: 4,
  seed: 0,
  interrupted: false,
  completed: 4,
  failed: 0,
  duration: 10,
  total_input_tokens: 4096,
  total_output_tokens: 512,
  request_throughput: 0.4,
  output_throughput: p.throughput,
  total_token_throughput: p.throughput * 9,
  mean_ttft_ms: p.ttft,
  median_ttft_ms: p.ttft,
  std_ttft_ms: 1,
  p90_ttft_ms: p.p99,
  p99_ttft_ms: p.p99,
  // No reasoning: the first answer token is the first token.
  median_content_ttft_ms: p.ttft,
  mean_tpot_ms: p.tpot,
  median_tpot_ms: p.tpot,
  std_tpot_ms: 1,
  p90_tpot_ms: p.tpot,
  p99_tpot_ms: p.tpot,
  mean_itl_ms: p.itl,
  median_itl_ms: p.itl,
  std_itl_ms: 1,
  p90_itl_ms: p.itl,
  p99_itl_ms: p.itl,
  mean_e2el_ms: p.e2e,
  median_e2el_ms: p.e2e,
  std_e2el_ms: 1,
  p90_e2el_ms: p.e2e,
  p99_e2el_ms: p.e2e,
  output_tokens_source: 'usage',
  prompt_token_mismatches: 0,
  errors: {},
})

/** Fills the store at `home/oac.db`; returns the run ids. */
export function seedStore(home: string): {bench: number; tools: number[]} {
  const store = Store.open(join(home, 'oac.db'))
  try {
    const bench = store.startRun({
      kind: 'bench',
      model: 'qwen3-coder',
      engine: 'vllm',
      params: {concurrency: [1, 4, 8]},
      hardware,
      hardwareFingerprint: 'f00dfeedcafe0001',
    })
    let idx = 0
    benchPoints.forEach((p, index) => {
      for (let r = 0; r < 4; r++)
        store.addSample(bench, {
          idx: idx++,
          ok: true,
          data: {
            point: index,
            idx: r,
            ok: true,
            sentAt: r * 0.1,
            promptTokens: 1024,
            expectedPromptTokens: 1024,
            outputTokens: 128,
            usageEstimated: false,
            ttftMs: p.ttft + r * 3,
            e2eMs: p.e2e + r,
            itlMs: [p.itl - 1, p.itl, p.itl + 1, p.itl + 2 * r],
            clientQueueMs: 0,
          },
        })
    })
    store.addSample(bench, {idx: idx++, ok: false, error: 'HTTP 500', data: {point: 0, ok: false, ttftMs: 99999}})
    store.finishRun(bench, 'complete', {runs: benchPoints.map(point)})

    const tools = toolRuns.map((t) => {
      const id = store.startRun({
        kind: 'eval-tool-calling',
        model: 'qwen3-coder',
        engine: 'vllm',
        params: {},
        hardware,
        hardwareFingerprint: 'f00dfeedcafe0001',
      })
      const cat = ([total, passed]: number[]) => ({total, passed, accuracy: (passed as number) / (total as number)})
      store.finishRun(id, 'complete', {
        model: 'qwen3-coder',
        mode: 'native',
        overall: {cases: 12, attempts: 12, accuracy: t.accuracy},
        categories: {single: cat(t.single), parallel: cat(t.parallel)},
        failures: [],
      })
      return id
    })
    return {bench, tools}
  } finally {
    store.close()
  }
}
