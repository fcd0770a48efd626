import {Flags} from '@oclif/core'
import {SIM_DEFAULTS} from './options.js'

/** The flags of `oac sim`, with the simulator's defaults. */
export const simFlags = {
  host: Flags.string({default: SIM_DEFAULTS.host, description: 'a non-loopback host needs --api-key'}),
  'api-key': Flags.string({description: 'clients must send it (Authorization: Bearer KEY or x-api-key)'}),
  port: Flags.integer({default: SIM_DEFAULTS.port, min: 0, max: 65535, description: '0 picks a free port'}),
  model: Flags.string({multiple: true, description: 'model id to serve (repeatable; default sim-model)'}),
  'ttft-ms': Flags.integer({default: SIM_DEFAULTS.ttftMs, min: 0}),
  'prefill-tok-s': Flags.integer({default: SIM_DEFAULTS.prefillTokS, min: 0, description: '0: instant prefill'}),
  'itl-ms': Flags.string({
    default: String(SIM_DEFAULTS.itlMs),
    description: 'inter-token latency (ms, may be fractional)',
  }),
  'jitter-ms': Flags.string({default: String(SIM_DEFAULTS.jitterMs)}),
  'tokens-per-chunk': Flags.integer({default: SIM_DEFAULTS.tokensPerChunk, min: 1}),
  'max-seqs': Flags.integer({default: SIM_DEFAULTS.maxSeqs, min: 1}),
  'batch-slowdown': Flags.string({
    default: String(SIM_DEFAULTS.batchSlowdown),
    description: 'ITL growth per extra running sequence',
  }),
  context: Flags.integer({default: SIM_DEFAULTS.context, min: 16}),
  truncate: Flags.boolean({
    default: false,
    description: "over-long prompts are front-truncated silently (Ollama) instead of vLLM's 400",
  }),
  'default-max-tokens': Flags.integer({default: SIM_DEFAULTS.defaultMaxTokens, min: 1}),
  seed: Flags.integer({default: SIM_DEFAULTS.seed}),
  script: Flags.string({description: 'YAML or JSONL file of scripted replies'}),
  log: Flags.string({description: 'append each request, as scripts see it, to this JSONL file'}),
  flavor: Flags.string({
    options: ['vllm', 'llamacpp', 'ollama'],
    default: SIM_DEFAULTS.flavor,
    description: "whose extra routes to imitate: vLLM's max_model_len, llama.cpp's /props, Ollama's /api/show",
  }),
}
