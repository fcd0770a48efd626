import {Command, Errors} from '@oclif/core'
import {exitCodeOf, OacError} from '../errors.js'

/** What `--json` prints on stdout when a command fails; `exit` is the code the process ends with. */
export interface JsonError {
  error: {name: string; message: string; exit: number}
}

/**
 * The base of every oac command: the one place where an error becomes a message and an exit code. Modules throw
 * typed errors (`OacError` and its kinds, src/errors.ts) and commands let them through. In text mode the message
 * is printed as `Error: MESSAGE` on stderr; with `--json` the object {error: {name, message, exit}} is printed on
 * stdout. Either way the process exits with the error's code (2 bad input, 1 failed; oclif's own flag errors keep
 * theirs). Anything else is a bug and keeps oclif's handling (exit 1).
 */
export abstract class OacCommand extends Command {
  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    const exit = exitCodeOf(error)
    if (error instanceof Errors.ExitError) throw error
    if (this.jsonEnabled()) {
      process.exitCode = exit
      const json: JsonError = {error: {name: error.name, message: error.message, exit}}
      this.logJson(json)
      return undefined
    }
    if (error instanceof OacError) this.error(error.message, {exit})
    return super.catch(error)
  }
}
