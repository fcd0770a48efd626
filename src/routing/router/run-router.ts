import {gpuSampler} from '../../hardware/gpu-sampler.js'
import {stripControls} from '../../util/terminal-text.js'
import {userAllowsCloud} from '../allow-cloud.js'
import {loadRoutingConfig} from '../config.js'
import {type RouterEvent, type RunningRouter, startRouter} from './server.js'

// `oac router` in the foreground or as a service: load the file, start, and render events as log lines. A line
// holds a client's model name and an upstream's error text, so it reaches the terminal without escape sequences.

export function formatEvent(e: RouterEvent): string {
  return stripControls(eventText(e))
}

function eventText(e: RouterEvent): string {
  if (e.type === 'problem') return e.error
  if (e.type === 'reload')
    return e.ok ? `reloaded ${e.file}` : `reload of ${e.file} failed, keeping the last good config: ${e.error}`
  const via = e.upstream ? ` -> ${e.upstream}/${e.upstreamModel}` : ''
  const fallback = e.fallbacks ? ` after ${e.fallbacks} failed attempt(s)` : ''
  const why = e.why ? ` (${e.why})` : ''
  return `${e.api} ${e.model || '-'}${via} ${e.status} ${e.ms} ms${fallback}${why}${e.error ? `: ${e.error}` : ''}`
}

export async function runRouter(o: {
  file: string
  host: string
  port: number
  /** Where event lines go; without it (--quiet) events are not even formatted. */
  log?: (line: string) => void
}): Promise<RunningRouter> {
  const config = loadRoutingConfig(o.file)
  const apiKeys = (process.env.OAC_ROUTER_API_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
  return startRouter({
    config,
    host: o.host,
    port: o.port,
    configFile: o.file,
    apiKeys,
    allowCloud: () => userAllowsCloud(),
    sampler: gpuSampler(),
    onEvent: o.log ? (e) => o.log?.(formatEvent(e)) : undefined,
  })
}
