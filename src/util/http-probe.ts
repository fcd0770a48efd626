// Small HTTP probes that never throw (health, /v1/models, /metrics, an engine's own info routes): undefined when
// nothing answered in time.

export async function httpGet(
  url: string,
  timeoutMs = 5000,
  init: RequestInit = {},
): Promise<{status: number; text: string} | undefined> {
  try {
    const res = await fetch(url, {...init, signal: AbortSignal.timeout(timeoutMs)})
    return {status: res.status, text: await res.text()}
  } catch {
    return undefined
  }
}

/** The JSON `url` answers with a 2xx status; undefined on any other answer, a body that is not JSON, or none. */
export async function getJson(url: string, init: RequestInit = {}): Promise<Record<string, unknown> | undefined> {
  const res = await httpGet(url, 5000, init)
  if (!res || res.status < 200 || res.status > 299) return undefined
  try {
    return JSON.parse(res.text) as Record<string, unknown>
  } catch {
    return undefined
  }
}
