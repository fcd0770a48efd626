import {setTimeout as delay} from 'node:timers/promises'
import {httpGet} from '../util/http-probe.js'

// Waiting for a provisioned server to be healthy.

export async function isHealthy(url: string): Promise<boolean> {
  return (await httpGet(url, 3000))?.status === 200
}

/** Polls `url` until it answers 200; throws after `timeoutMs`. */
export async function waitHealthy(
  url: string,
  options: {
    timeoutMs: number
    intervalMs?: number /** Called about every 10 s while waiting. */
    onWait?: (elapsedS: number) => void
  },
): Promise<void> {
  const start = Date.now()
  let reported = start
  for (;;) {
    if (await isHealthy(url)) return
    const elapsed = Date.now() - start
    if (elapsed > options.timeoutMs)
      throw new Error(`${url} did not answer 200 within ${Math.round(options.timeoutMs / 1000)} s`)
    if (Date.now() - reported >= 10_000) {
      reported = Date.now()
      options.onWait?.(Math.round(elapsed / 1000))
    }
    await delay(options.intervalMs ?? 1000)
  }
}
