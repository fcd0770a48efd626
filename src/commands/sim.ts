import {OacCommand} from '../cli/oac-command.js'
import {simFlags} from '../engines/sim/flags.js'
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
    '<%= config.bin %> sim --port 0 --script fixtures/sim/coding-turns.yaml',
  ]
  static override flags = simFlags

  async run(): Promise<void> {
    const {flags} = await this.parse(Sim)
    const number = (name: string, value: string) => {
      const n = Number(value)
      if (!Number.isFinite(n) || n < 0)
        throw new UsageError(`Expected --${name} to be a non-negative number, got \`${value}\``)
      return n
    }
    const exposed = (await import('../util/request-guard.js')).exposureError(flags.host, flags['api-key'])
    if (exposed) throw new UsageError(exposed)
    const {startSim} = await import('../engines/sim.js')
    const sim = await startSim({
      host: flags.host,
      port: flags.port,
      ...(flags['api-key'] ? {apiKey: flags['api-key']} : {}),
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
