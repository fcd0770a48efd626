// `echo task | oac agent`, before anything runs (pure).

export type Parsed = {
  flags: {print?: string | undefined; resume?: boolean; continue?: boolean; rewind?: boolean; 'rewind-all'?: boolean}
  args: {session?: string}
}

/**
 * `echo task | oac agent`: oclif hands piped stdin over as the first argument; a session id never comes that way,
 * so a text that is not on the command line is the task, run headless as with -p.
 */
export function pipedTask<P extends Parsed>(parsed: P, argv: string[]): P {
  const {flags, args} = parsed
  if (args.session === undefined || argv.includes(args.session) || flags.print !== undefined) return parsed
  if (flags.resume || flags.continue || flags.rewind || flags['rewind-all']) return parsed
  return {...parsed, flags: {...flags, print: args.session.trim()}, args: {...args, session: undefined}}
}
