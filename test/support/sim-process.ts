import {execa} from 'execa'

// tsx by absolute URL, so the CLI can run with any working directory.
const tsxLoader = import.meta.resolve('tsx')
const root = new URL('../..', import.meta.url).pathname

export interface CliServer {
  url: string
  baseUrl: string
  /** Sends `signal` (Ctrl-C by default) and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | undefined>
}

/** Starts an `oac` server command (sim, serve) in its own process, as a user runs it, and resolves with its URL. */
export async function startCliServer(args: string[], env: Record<string, string> = {}): Promise<CliServer> {
  const child = execa(process.execPath, ['--import', tsxLoader, `${root}bin/dev.js`, ...args], {
    cwd: root,
    env: {NO_COLOR: '1', ...env},
    reject: false,
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m?.[1]) resolve(m[1])
    })
    child.then((r) => reject(new Error(`oac ${args[0]} exited ${r.exitCode}: ${r.stderr}`)))
  })
  return {
    url,
    baseUrl: `${url}/v1`,
    stop: async (signal = 'SIGINT') => {
      child.kill(signal)
      return (await child).exitCode
    },
  }
}

/** `oac sim ARGS --port 0` in its own process. */
export function startSimProcess(args: string[]): Promise<CliServer> {
  return startCliServer(['sim', '--port', '0', ...args])
}
