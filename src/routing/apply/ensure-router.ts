import {spawn} from 'node:child_process'
import {mkdirSync, openSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {oacHome} from '../../paths.js'

// `oac route apply` leaves a router answering at the URL the clients were given: one already running picks up the
// new routing file by itself (it reloads on change); one that is not running is started in the background on the
// file of the latest decision, its log and pid under $OAC_HOME.

export interface RouterState {
  state: 'running' | 'started' | 'down'
  pid?: number
  log?: string
  error?: string
}

async function healthy(routerUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${routerUrl}/health`, {signal: AbortSignal.timeout(2_000)})
    await response.arrayBuffer()
    return response.ok
  } catch {
    return false
  }
}

/** The file the background router's pid is written to, so `kill $(cat …)` (or a test) can stop it. */
export const routerPidFile = (home = oacHome()) => join(home, 'router.pid')

export async function ensureRouter(
  routerUrl: string,
  configPath: string | undefined,
  waitMs = 20_000,
): Promise<RouterState> {
  if (await healthy(routerUrl)) return {state: 'running'}
  const url = new URL(routerUrl)
  if (!configPath) return {state: 'down', error: `nothing answers at ${routerUrl} and no routing file is recorded`}
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    return {
      state: 'down',
      error: `nothing answers at ${routerUrl}; oac starts a router on this machine's loopback only`,
    }
  const home = oacHome()
  mkdirSync(home, {recursive: true, mode: 0o700})
  const log = join(home, 'router.log')
  const out = openSync(log, 'a', 0o600)
  // The same oac that runs now (its script and loader flags), so a source checkout starts its own router.
  const child = spawn(
    process.execPath,
    [...process.execArgv, process.argv[1] as string, 'router', '--config', configPath].concat([
      '--host',
      url.hostname.replace(/^\[|\]$/g, ''),
      '--port',
      url.port || '80',
    ]),
    {detached: true, stdio: ['ignore', out, out]},
  )
  child.unref()
  if (child.pid) writeFileSync(routerPidFile(home), `${child.pid}\n`)
  const deadline = Date.now() + waitMs
  while (Date.now() < deadline) {
    if (await healthy(routerUrl)) return {state: 'started', ...(child.pid ? {pid: child.pid} : {}), log}
    if (child.exitCode !== null) break
    await sleep(200)
  }
  return {state: 'down', log, error: `the router started on ${configPath} did not answer at ${routerUrl}; see ${log}`}
}
