// Writes oclif.manifest.json after the build, so `oac --help` does not import every command to list them.
import {rmSync, writeFileSync} from 'node:fs'
import {Config} from '@oclif/core'

const root = new URL('..', import.meta.url).pathname
// oclif would list the commands of an existing (stale) manifest: start from none.
rmSync(`${root}oclif.manifest.json`, {force: true})
const config = await Config.load({root, devPlugins: false, userPlugins: false})
const commands = {}
for (const command of config.commands) {
  const cached = await command.load().then(() => command)
  const {load: _load, ...data} = cached
  commands[command.id] = data
}
writeFileSync(`${root}oclif.manifest.json`, `${JSON.stringify({version: config.version, commands}, null, 2)}\n`)
console.log(`oclif.manifest.json: ${Object.keys(commands).length} commands`)
