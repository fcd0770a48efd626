import {Command} from '@oclif/core'
import {exitForConfigErrors} from '../cli/errors.js'

interface ProfileRow {
  id: string
  description: string
  engine: string
  primary: string
  file: string
}

export default class Profiles extends Command {
  static override summary = 'List the known profiles (built-in and from the user config dir).'
  static override examples = ['<%= config.bin %> profiles', '<%= config.bin %> profiles --json']
  static override enableJsonFlag = true

  async run(): Promise<{profiles: ProfileRow[]}> {
    await this.parse(Profiles)
    const {listProfiles} = await import('../profiles/resolve.js')
    let rows: ProfileRow[] = []
    try {
      rows = listProfiles().map((p) => ({
        id: p.id,
        description: p.description,
        engine: p.engine,
        primary: p.models.primary.model,
        file: p.file,
      }))
    } catch (error) {
      exitForConfigErrors(this, error)
    }
    for (const r of rows) this.log(`${r.id.padEnd(12)} ${r.engine.padEnd(9)} ${r.primary.padEnd(22)} ${r.description}`)
    return {profiles: rows}
  }
}
