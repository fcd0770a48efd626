import {Flags} from '@oclif/core'
import {OacCommand} from '../../cli/oac-command.js'
import type {RouteApplyResult} from '../../routing/apply/route-apply.js'
import {clientIds} from '../../routing/apply/types.js'

export default class RouteApply extends OacCommand {
  static override summary = "Point each coding client at oac's router: write its own config, then check each path."
  static override description =
    'Writes the place and format each client reads, merging into what is there (a backup first): Claude Code ~/.claude/settings.json, Codex ~/.codex/config.toml, OpenCode ~/.config/opencode/opencode.json, Aider ~/.aider.conf.yml, Continue ~/.continue/config.yaml, Qwen Code ~/.qwen/settings.json, oac ~/.config/oac/settings.json. Models come from the latest `oac route pick --write`, or the flags; each gets the limits of the context it is served with (reply budget, compaction point). Key files stay 0600. Then one request per API goes through the router. Exit 1 when a file failed or the router did not answer.'
  static override examples = [
    '<%= config.bin %> route apply --dry-run',
    '<%= config.bin %> route apply --clients claude-code,codex',
    '<%= config.bin %> route apply --model qwen3-coder-30b-a3b --fast-model qwen2.5-coder-7b --router http://127.0.0.1:4000',
  ]
  static override enableJsonFlag = true
  static override flags = {
    clients: Flags.string({description: `comma list of ${clientIds.join(', ')}`, default: clientIds.join(',')}),
    router: Flags.string({description: "the router's URL", default: 'http://127.0.0.1:4000'}),
    'api-key-env': Flags.string({description: "variable holding the router's API key (none: loopback, no key)"}),
    model: Flags.string({description: 'agent model (overrides the stored decision)'}),
    'fast-model': Flags.string({description: 'fast/small model'}),
    'embedding-model': Flags.string({description: 'embedding model'}),
    'dry-run': Flags.boolean({description: 'print each diff, write nothing'}),
    'no-smoke': Flags.boolean({description: 'skip the requests through the router'}),
  }

  async run(): Promise<RouteApplyResult> {
    const {flags} = await this.parse(RouteApply)
    const {applyOptionsFromFlags} = await import('../../routing/apply/parse-flags.js')
    const {routeApply} = await import('../../routing/apply/route-apply.js')
    const {applyExitCode, renderApply} = await import('../../routing/apply/render.js')
    const result = await routeApply(applyOptionsFromFlags(flags, process.env))
    this.log(renderApply(result, flags['dry-run']))
    process.exitCode = applyExitCode(result)
    return result
  }
}
