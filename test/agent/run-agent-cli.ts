import {execa} from 'execa'

const root = new URL('../..', import.meta.url).pathname
// Resolved here, not from the cwd: the agent runs inside temp repos that have no node_modules.
const tsx = import.meta.resolve('tsx')

/** Runs `oac agent ARGS` from the sources in `cwd`, as a user would in their project; never throws on exit code. */
export function runAgentCli(args: string[], options: {cwd: string; env?: NodeJS.ProcessEnv; timeout?: number}) {
  return execa(process.execPath, ['--import', tsx, `${root}bin/dev.js`, 'agent', ...args], {
    cwd: options.cwd,
    env: {...process.env, NO_COLOR: '1', ...options.env},
    reject: false,
    stdin: 'ignore',
    timeout: options.timeout ?? 60_000,
  })
}
