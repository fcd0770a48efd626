import {execa} from 'execa'

const root = new URL('../..', import.meta.url).pathname

/** Starts `oac sim ARGS --port 0` in its own process (as a user runs it) and resolves with its URL. */
export async function startSimProcess(
  args: string[],
): Promise<{url: string; baseUrl: string; stop: () => Promise<number | undefined>}> {
  const child = execa(process.execPath, ['--import', 'tsx', `${root}bin/dev.js`, 'sim', '--port', '0', ...args], {
    cwd: root,
    env: {NO_COLOR: '1'},
    reject: false,
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m?.[1]) resolve(m[1])
    })
    child.then((r) => reject(new Error(`oac sim exited ${r.exitCode}: ${r.stderr}`)))
  })
  return {
    url,
    baseUrl: `${url}/v1`,
    stop: async () => {
      child.kill('SIGINT')
      return (await child).exitCode
    },
  }
}
