import {Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'
import {SIM_DEFAULTS} from '../engines/sim/options.js'
import {UsageError} from '../errors.js'

export default class Sim extends OacCommand {
  static override summary = 'Run an engine simulator: OpenAI + Anthropic APIs with exact timing and scripted replies.'
  static override description =
    `Stands in for vLLM, llama.cpp server and Ollama where no GPU is available (CI, tests, demos).
Timing: TTFT = ttft-ms + prompt tokens / prefill-tok-s (+ queueing beyond max-seqs); then one token every itl-ms (± jitter),
slowed by (1 + batch-slowdown × (running − 1)). Routes: /v1/models, /v1/chat/completions, /v1/completions, /v1/embeddings,
/v1/messages (+ count_tokens), /v1/responses, /health, /metrics (vLLM names), /props (llama.cpp), /api/show (Ollama).`
  static override examples = [
    '<%= config.bin %> sim --port 8000',
    '<%= config.bin %> sim --port 8000 --model qwen3-coder --ttft-ms 150 --itl-ms 12 --max-seqs 8',
    '<%= config.bin %> sim --port 0 --script fixtures/sim/tool-call.yaml',
  ]
  static override flags = {
    host: Flags.string({default: SIM_DEFAULTS.host}),
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

  async run(): Promise<void> {
    const {flags} = await this.parse(Sim)
    const number = (name: string, value: string) => {
      const n = Number(value)
      if (!Number.isFinite(n) || n < 0)
        throw new UsageError(`Expected --${name} to be a non-negative number, got \`${value}\``)
      return n
    }
    const {startSim} = await import('../engines/sim.js')
    const sim = await startSim({
      host: flags.host,
      port: flags.port,
      models: flags.model?.length ? flags.model : SIM_DEFAULTS.models,
      ttftMs: flags['ttft-ms'],
      prefillTokS: flags['prefill-tok-s'],
      itlMs: number('itl-ms', flags['itl-ms']),
      jitterMs: number('jitter-ms', flags['jitter-ms']),
      tokensPerChunk: flags['tokens-per-chunk'],
      maxSeqs: flags['max-seqs'],
      batchSlowdown: number('batch-slowdown', flags['batch-slowdown']),
      context: flags.context,
      truncate: flags.truncate,
      defaultMaxTokens: flags['default-max-tokens'],
      seed: flags.seed,
      flavor: flags.flavor as 'vllm' | 'llamacpp' | 'ollama',
      ...(flags.script ? {script: flags.script} : {}),
      ...(flags.log ? {log: flags.log} : {}),
    })
    this.log(
      `oac sim listening on ${sim.url} (OpenAI base URL ${sim.baseUrl}; models: ${sim.engine.options.models.join(', ')})`,
    )
    await new Promise<void>((resolve) => {
      const stop = () => void sim.close().then(resolve)
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
  }
}
