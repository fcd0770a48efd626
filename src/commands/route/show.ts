import {Flags} from '@oclif/core'
import {OacCommand} from '../../cli/oac-command.js'
import type {RouteShowResult} from '../../routing/show.js'

export default class RouteShow extends OacCommand {
  static override summary = 'What is routed where, since when, and the history of routing decisions.'
  static override examples = ['<%= config.bin %> route show', '<%= config.bin %> route show --history 50 --json']
  static override enableJsonFlag = true
  static override flags = {
    history: Flags.integer({min: 1, default: 10, description: 'how many past decisions to list'}),
  }

  async run(): Promise<RouteShowResult> {
    const {flags} = await this.parse(RouteShow)
    const {renderShow, routeShow} = await import('../../routing/show.js')
    const result = routeShow(flags.history)
    this.log(renderShow(result))
    return result
  }
}
