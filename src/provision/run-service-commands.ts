import {EXIT, OacError} from '../errors.js'
import type {SelectedServer, ServerConfig} from './config.js'
import {createRunner, displayCommand} from './runner.js'

/**
 * Runs each selected server's service commands (start or stop) in order and logs `NAME: VERB SERVICE`; the first
 * command that fails ends it with its stderr (exit 1). Used by `oac engine start` and `oac engine stop`.
 */
export async function runServiceCommands(
  selected: SelectedServer[],
  commandsFor: (server: ServerConfig) => string[][],
  verb: string,
  log: (line: string) => void,
): Promise<void> {
  for (const {config, server} of selected) {
    const runner = createRunner({pathPrepend: config.path})
    for (const c of commandsFor(server)) {
      const r = await runner.run(c)
      if (r.exitCode !== 0) throw new OacError(`${displayCommand(c)} failed: ${r.stderr.trim()}`, EXIT.failed)
    }
    log(`${server.name}: ${verb} ${server.service.name}`)
  }
}
