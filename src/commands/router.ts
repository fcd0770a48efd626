import {Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'

export default class Router extends OacCommand {
  static override summary = 'One local endpoint for every client API, routed to the right local model.'
  static override description =
    `Serves OpenAI Chat Completions, Anthropic Messages (+ count_tokens), OpenAI Responses, /v1/models,
/v1/embeddings, /health and /metrics (Prometheus) on one port, translating each request for the engine chosen by the
routing file (model globs, prompt length, tools), with fallback before the first byte, health checks, least-outstanding
load balancing and per-upstream concurrency limits. The file is reloaded on change and on SIGHUP; a bad file is
reported and the last good config keeps serving. Binding beyond loopback needs API keys (settings.apiKeys or
OAC_ROUTER_API_KEYS, comma-separated). Claude Code: ANTHROPIC_BASE_URL=http://127.0.0.1:4000.`
  static override examples = [
    '<%= config.bin %> router --config routing.yaml',
    '<%= config.bin %> router --config routing.yaml --port 4000 --host 0.0.0.0',
  ]
  static override flags = {
    config: Flags.string({char: 'c', required: true, description: 'routing YAML (upstreams, routes, settings)'}),
    host: Flags.string({default: '127.0.0.1'}),
    port: Flags.integer({default: 4000, min: 0, max: 65535, description: '0 picks a free port'}),
    quiet: Flags.boolean({default: false, description: 'no line per request on stderr'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Router)
    const {runRouter} = await import('../routing/router/run-router.js')
    const router = await runRouter({
      file: flags.config,
      host: flags.host,
      port: flags.port,
      log: (line) => !flags.quiet && process.stderr.write(`${line}\n`),
    })
    this.log(
      `oac router listening on ${router.url} (OpenAI base URL ${router.baseUrl}; Anthropic base URL ${router.url})`,
    )
    await new Promise<void>((resolve) => {
      const stop = () => void router.close().then(resolve)
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
  }
}
