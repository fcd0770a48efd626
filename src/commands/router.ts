import {OacCommand} from '../cli/oac-command.js'
import {routerFlags} from '../routing/router/flags.js'

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
    '<%= config.bin %> router --config ~/.config/oac/routing.yaml --install-service --dry-run',
  ]
  static override flags = routerFlags

  async run(): Promise<void> {
    const {flags} = await this.parse(Router)
    if (flags['install-service']) {
      const {installRouterService, routerServicePlan} = await import('../routing/router/service.js')
      const {loadRoutingConfig} = await import('../routing/config.js')
      loadRoutingConfig(flags.config)
      const plan = routerServicePlan({configFile: flags.config, host: flags.host, port: flags.port})
      for (const f of plan.files) this.log(flags['dry-run'] ? `--- ${f.path}\n${f.content}` : `wrote ${f.path}`)
      for (const c of plan.commands) this.log(`${flags['dry-run'] ? 'would run' : 'run'}: ${c.join(' ')}`)
      await installRouterService(plan, flags['dry-run'])
      return
    }
    const {runRouter} = await import('../routing/router/run-router.js')
    const {printable} = await import('../util/terminal-text.js')
    const router = await runRouter({
      file: flags.config,
      host: flags.host,
      port: flags.port,
      log: flags.quiet ? undefined : (line) => process.stderr.write(`${printable(line)}\n`),
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
