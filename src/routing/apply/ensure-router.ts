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
  /** What the router's /health says of its upstreams: ok, degraded (some down) or down (none can serve). */
  health?: string
  /** The upstreams that are not up, and why. */
  notUp?: string[]
  pid?: number
  log?: string
  error?: string
}

/** The router's /health, when a router answers at `routerUrl` (a 503 "down" is a router too). */
async function health(routerUrl: string): Promise<Pick<RouterState, 'health' | 'notUp'> | undefined> {
  try {
    const response = await fetch(`${routerUrl}/health`, {signal: AbortSignal.timeout(2_000)})
    const body = (await response.json()) as {
      status?: unknown
      upstreams?: {name: string; up: boolean; error: string | null}[]
    }
    if (typeof body.status !== 'string' || !Array.isArray(body.upstreams)) return undefined
    const notUp = body.upstreams.filter((u) => !u.up).map((u) => `${u.name} (${u.error ?? 'down'})`)
    return {health: body.status, ...(notUp.length ? {notUp} : {})}
  } catch {
    return undefined
  }
}

/** The file the background router's pid is written to, so `kill $(cat …)` (or a test) can stop it. */
export const routerPidFile = (home = oacHome()) => join(home, 'router.pid')

export async function ensureRouter(
  routerUrl: string,
  configPath: string | undefined,
  waitMs = 20_000,
): Promise<RouterState> {
  const running = await health(routerUrl)
  if (running) return {state: 'running', ...running}
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
    const started = await health(routerUrl)
    if (started) return {state: 'started', ...started, ...(child.pid ? {pid: child.pid} : {}), log}
    if (child.exitCode !== null) break
    await sleep(200)
  }
  return {state: 'down', log, error: `the router started on ${configPath} did not answer at ${routerUrl}; see ${log}`}
}
