import type {Command} from '@oclif/core'

/** Maps the typed errors of config loading to one clear line and a stable exit code (2: bad input). */
export function exitForConfigErrors(command: Command, error: unknown): never {
  if (error instanceof Error && ['UnknownProfileError', 'ConfigError'].includes(error.name))
    command.error(error.message, {exit: 2})
  throw error
}
