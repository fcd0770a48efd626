import {Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'
import {EMBEDDED_DEFAULTS} from '../engines/embedded.js'
import {EXIT, OacError, UsageError} from '../errors.js'

export default class Serve extends OacCommand {
  static override summary = 'Serve a local GGUF model in-process (the embedded engine: node-llama-cpp, CPU).'
  static override description =
    `OpenAI-compatible (chat with streaming and tools, completions, embeddings, response_format json_schema as a
grammar) and Anthropic Messages API, like the other engines. Without --model it generates and serves oac's tiny
random-weight test model: that proves the pipeline, not model quality.`
  static override examples = [
    '<%= config.bin %> serve',
    '<%= config.bin %> serve --model ~/models/qwen2.5-coder-1.5b-instruct-q8_0.gguf --port 8090 --context 8192',
  ]
  static override flags = {
    model: Flags.string({description: 'path to a GGUF file (default: the generated tiny model)'}),
    host: Flags.string({default: EMBEDDED_DEFAULTS.host, description: 'a non-loopback host needs --api-key'}),
    'api-key': Flags.string({description: 'clients must send it (Authorization: Bearer KEY or x-api-key)'}),
    port: Flags.integer({default: EMBEDDED_DEFAULTS.port, min: 0, max: 65535, description: '0 picks a free port'}),
    context: Flags.integer({default: EMBEDDED_DEFAULTS.context, min: 128, description: 'context per sequence'}),
    parallel: Flags.integer({default: EMBEDDED_DEFAULTS.parallel, min: 1, description: 'sequences decoding at once'}),
    threads: Flags.integer({default: EMBEDDED_DEFAULTS.threads, min: 1, description: 'CPU threads'}),
    name: Flags.string({description: 'served model id (default: the file name)'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Serve)
    const {checkGgufFile} = await import('../engines/embedded/gguf-file.js')
    const {oacHome} = await import('../paths.js')
    const {tinyModelPath, writeTinyModel} = await import('../engines/embedded/tiny-model.js')
    const {startEmbedded} = await import('../engines/embedded.js')
    const exposed = (await import('../util/request-guard.js')).exposureError(flags.host, flags['api-key'])
    if (exposed) throw new UsageError(exposed)
    if (flags.model) checkGgufFile(flags.model)
    const modelPath = flags.model ?? writeTinyModel(tinyModelPath(oacHome()))
    const server = await startEmbedded({
      modelPath,
      host: flags.host,
      port: flags.port,
      ...(flags['api-key'] ? {apiKey: flags['api-key']} : {}),
      context: flags.context,
      parallel: flags.parallel,
      threads: flags.threads,
      ...(flags.name ? {name: flags.name} : {}),
    }).catch((error: Error) => {
      if (error instanceof OacError) throw error
      throw new OacError(`Cannot serve ${modelPath}: ${error.message}`, EXIT.failed, {cause: error})
    })
    this.log(
      `oac embedded engine listening on ${server.url} (OpenAI base URL ${server.baseUrl}; model ${server.model})`,
    )
    await new Promise<void>((resolve) => {
      const stop = () => void server.close().then(resolve)
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
  }
}
