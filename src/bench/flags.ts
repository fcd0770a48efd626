import {Flags} from '@oclif/core'

/** The flags of `oac bench`; parse-flags.ts turns their values into BenchOptions. */
export const benchFlags = {
  endpoint: Flags.string({description: 'OpenAI base URL (with or without /v1)'}),
  engine: Flags.string({description: 'a registered endpoint (name or id) instead of --endpoint'}),
  model: Flags.string({description: 'model id as the server serves it'}),
  concurrency: Flags.string({
    description: 'max requests in flight, comma list for a sweep (default 1 in closed loop)',
  }),
  'request-rate': Flags.string({
    default: 'inf',
    description: 'req/s (Poisson arrivals), comma list; inf = closed loop',
  }),
  'num-prompts': Flags.integer({min: 1, description: 'requests per point (default max(32, 4 × concurrency))'}),
  duration: Flags.integer({min: 1, description: 'seconds per point instead of a request count'}),
  warmup: Flags.integer({
    min: 0,
    description: 'requests per point sent first and left out of the figures (default: one per concurrency slot)',
  }),
  'input-len': Flags.integer({min: 16, default: 1024, description: 'prompt tokens (random dataset)'}),
  'output-len': Flags.integer({min: 1, description: 'max_tokens per request (default 128, or the dataset’s own)'}),
  dataset: Flags.string({default: 'random', description: 'random | coding | sharegpt:FILE | jsonl:FILE'}),
  'ignore-eos': Flags.boolean({default: false, description: 'generate exactly max_tokens (vLLM, llama.cpp)'}),
  slo: Flags.string({description: 'service-level objectives for goodput, e.g. ttft=500,tpot=50 (ms)'}),
  mode: Flags.string({
    options: ['serve', 'micro'],
    default: 'serve',
    description: 'micro: llama-bench style pp512 / tg128',
  }),
  save: Flags.boolean({default: true, allowNo: true, description: 'save the run to the results store'}),
  seed: Flags.integer({default: 0, description: 'seed of the random dataset and the Poisson arrivals'}),
  'save-result': Flags.boolean({
    default: false,
    description: 'also write each sweep point as vLLM `bench serve --save-result` JSON (same file name and fields)',
  }),
  'result-dir': Flags.string({description: 'folder for --save-result files (default: current folder)'}),
  'result-filename': Flags.string({description: 'file name for --save-result (with a sweep, -N is added per point)'}),
  'save-detailed': Flags.boolean({
    default: false,
    description: 'with --save-result: add per-request input_lens, output_lens, ttfts, itls, errors',
  }),
}
