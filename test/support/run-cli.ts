import {execa} from 'execa'

// tsx by absolute URL, so the CLI can run with any working directory.
const tsxLoader = import.meta.resolve('tsx')
const root = new URL('../..', import.meta.url).pathname

/** Runs `oac ARGS` from the sources (bin/dev.js through tsx), as a user would from a shell; never throws on exit code. */
export function runCli(
  args: string[],
  options: {env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeout?: number} = {},
) {
  return execa(process.execPath, ['--import', tsxLoader, `${root}bin/dev.js`, ...args], {
    cwd: options.cwd ?? root,
    env: {...process.env, NO_COLOR: '1', ...options.env},
    input: options.input,
    reject: false,
    timeout: options.timeout ?? 60_000,
  })
}
