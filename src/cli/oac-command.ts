import {format} from 'node:util'
import {Command, Errors, type Interfaces} from '@oclif/core'
import {EXIT, exitCodeOf, OacError, UsageError} from '../errors.js'
import {printable, stripControls} from '../util/terminal-text.js'

// oclif's own constraint on parsed flags and args (not exported by @oclif/core).
// biome-ignore lint/suspicious/noExplicitAny: the override must match Command.parse's signature exactly
type Output = {[name: string]: any}

/** What `--json` prints on stdout when a command fails; `exit` is the code the process ends with. */
export interface JsonError {
  error: {name: string; message: string; exit: number}
}

/**
 * The base of every oac command: the one place where an error becomes a message and an exit code. Modules throw
 * typed errors (`OacError` and its kinds, src/errors.ts) and commands let them through. In text mode the message
 * is printed as `Error: MESSAGE` on stderr; with `--json` the object {error: {name, message, exit}} is printed on
 * stdout. Either way the process exits with the error's code (2 bad input, 1 failed; oclif's own flag errors keep
 * theirs). Anything else is a bug and keeps oclif's handling (exit 1). Everything a command prints, messages
 * included, goes through the terminal sanitiser (util/terminal-text.ts): much of it comes from servers and
 * repositories (a model id, an engine's error, a file name) and must not move the cursor or set the clipboard.
 */
export abstract class OacCommand extends Command {
  // biome-ignore lint/suspicious/noExplicitAny: the override must match Command.log's signature exactly
  override log(message = '', ...args: any[]): void {
    super.log('%s', printable(format(message, ...args)))
  }

  // biome-ignore lint/suspicious/noExplicitAny: the override must match Command.logToStderr's signature exactly
  override logToStderr(message = '', ...args: any[]): void {
    super.logToStderr('%s', printable(format(message, ...args)))
  }

  /**
   * Whether the error goes out as JSON: oclif's --json, or a command's own --json flag (search and index print
   * their answers themselves, a line per update with --watch), which oclif's jsonEnabled() does not see.
   */
  private wantsJson(): boolean {
    if (this.jsonEnabled()) return true
    const ctor = this.constructor as typeof Command
    return !ctor.enableJsonFlag && 'json' in (ctor.flags ?? {}) && this.argv.includes('--json')
  }

  /**
   * oclif's own flag errors carry exit 2; a value a flag's or an argument's parser rejects (`Args.integer` given
   * `last`) arrives as a plain Error and would exit 1. Whatever fails while parsing is bad input.
   */
  protected override async parse<F extends Output, B extends Output, A extends Output>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    try {
      return await super.parse(options, argv)
    } catch (error) {
      if (error instanceof OacError || (error as {oclif?: unknown}).oclif) throw error
      throw new UsageError((error as Error).message, EXIT.badInput, {cause: error})
    }
  }

  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    const exit = exitCodeOf(error)
    if (error instanceof Errors.ExitError) throw error
    if (this.wantsJson()) {
      process.exitCode = exit
      const json: JsonError = {error: {name: error.name, message: error.message, exit}}
      this.logJson(json)
      return undefined
    }
    error.message = stripControls(error.message)
    if (error instanceof OacError) this.error(error.message, {exit})
    return super.catch(error)
  }
}
