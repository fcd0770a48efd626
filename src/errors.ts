// The one place that says which exit code an error means (DESIGN.md, "Decisions"): 0 done, 1 what was measured or
// attempted failed, 2 bad input or oac cannot decide, 130 interrupted. A command may add codes above 2 (the agent's
// turn limit). Modules throw these typed errors; `OacCommand` (src/cli/oac-command.ts) renders them and exits.

/** Exit codes shared by every command. */
export const EXIT = {ok: 0, failed: 1, badInput: 2, interrupted: 130} as const

/** An error a person can act on: its message is what the user sees, `exit` the process exit code. */
export class OacError extends Error {
  override name = 'OacError'
  constructor(
    message: string,
    readonly exit: number = EXIT.badInput,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** A flag or argument value that is not what was expected (exit 2). */
export class UsageError extends OacError {
  override name = 'UsageError'
}

/**
 * Why a server could not listen, as bad input (exit 2) naming the address: a port another process holds, one that
 * needs privileges, or an address this machine does not have. Anything else is returned as it came.
 */
export function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as {code?: string}).code
  const where = `${host}:${port}`
  if (code === 'EADDRINUSE')
    return new UsageError(
      `port ${port} is in use (${where}): stop what holds it, or choose another --port (0: any free port)`,
    )
  if (code === 'EACCES') return new UsageError(`port ${port} needs privileges (${where}): choose a --port above 1023`)
  if (code === 'EADDRNOTAVAIL') return new UsageError(`this machine has no address ${host}: check --host`)
  return error
}

/** The exit code an error ends the process with: its own for an OacError (or oclif's), else 1. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof OacError) return error.exit
  const oclif = (error as {oclif?: {exit?: unknown}} | undefined)?.oclif
  return typeof oclif?.exit === 'number' ? oclif.exit : EXIT.failed
}
