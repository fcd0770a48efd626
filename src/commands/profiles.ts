import {OacCommand} from '../cli/oac-command.js'

interface ProfileRow {
  id: string
  description: string
  engine: string
  primary: string
  file: string
}

export default class Profiles extends OacCommand {
  static override summary = 'List the known profiles (built-in and from the user config dir).'
  static override examples = ['<%= config.bin %> profiles', '<%= config.bin %> profiles --json']
  static override enableJsonFlag = true

  async run(): Promise<{profiles: ProfileRow[]}> {
    await this.parse(Profiles)
    const {listProfiles} = await import('../profiles/resolve.js')
    const rows: ProfileRow[] = listProfiles().map((p) => ({
      id: p.id,
      description: p.description,
      engine: p.engine,
      primary: p.models.primary.model,
      file: p.file,
    }))
    for (const r of rows) this.log(`${r.id.padEnd(12)} ${r.engine.padEnd(9)} ${r.primary.padEnd(22)} ${r.description}`)
    return {profiles: rows}
  }
}
