import {Args, Flags} from '@oclif/core'
import {OacCommand} from '../../cli/oac-command.js'
import type {ServerStatus} from '../../provision/status.js'

export default class EngineStatus extends OacCommand {
  static override summary =
    'Service state, health, model, context, running/waiting requests and tok/s of the provisioned servers.'
  static override description =
    'Load figures come from the engine’s Prometheus /metrics under vLLM’s names (vllm:num_requests_running, ...); tok/s is the growth of vllm:generation_tokens_total over --interval.'
  static override examples = ['<%= config.bin %> engine status', '<%= config.bin %> engine status dual-4090 --json']
  static override enableJsonFlag = true
  static override args = {
    id: Args.string({description: 'a profile (all its servers) or an endpoint name <profile>-<role>; default: all'}),
  }
  static override flags = {
    interval: Flags.integer({min: 0, default: 1000, description: 'ms between the two /metrics samples (0: no tok/s)'}),
  }

  async run(): Promise<ServerStatus[]> {
    const {args, flags} = await this.parse(EngineStatus)
    const {selectServers} = await import('../../provision/config.js')
    const {createRunner} = await import('../../provision/runner.js')
    const {renderStatus, serverStatus} = await import('../../provision/status.js')
    const selected = selectServers(args.id)
    const rows = await Promise.all(
      selected.map((s) => serverStatus(s, createRunner({pathPrepend: s.config.path}), flags.interval)),
    )
    if (!flags.json) this.log(renderStatus(rows))
    if (rows.some((r) => !r.healthy)) process.exitCode = 1
    return rows
  }
}
