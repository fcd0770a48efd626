import {Flags} from '@oclif/core'

/** The flags of `oac router`. */
export const routerFlags = {
  config: Flags.string({char: 'c', required: true, description: 'routing YAML (upstreams, routes, settings)'}),
  host: Flags.string({default: '127.0.0.1'}),
  port: Flags.integer({default: 4000, min: 0, max: 65535, description: '0 picks a free port'}),
  quiet: Flags.boolean({default: false, description: 'no line per request on stderr'}),
  'install-service': Flags.boolean({
    default: false,
    description: 'run it as a user service instead (systemd on Linux, launchd on macOS), restarted on failure',
  }),
  'dry-run': Flags.boolean({
    default: false,
    description: 'with --install-service: print the files and commands only',
  }),
}
