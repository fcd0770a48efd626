/** The OpenAI base URL for an endpoint given with or without `/v1` (`http://host:8000` → `http://host:8000/v1`). */
export function openAiBaseUrl(endpoint: string): string {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw new Error(`Expected an endpoint URL like http://127.0.0.1:8000/v1, got \`${endpoint}\``)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`Expected an http(s) endpoint URL, got \`${endpoint}\``)
  const path = url.pathname.replace(/\/+$/, '')
  url.pathname = path.endsWith('/v1') ? path : `${path}/v1`
  return url.toString().replace(/\/+$/, '')
}

/** The server root (no `/v1`), where engine-specific routes live (/health, /metrics, /props, /api/show). */
export function serverRoot(endpoint: string): string {
  return openAiBaseUrl(endpoint).replace(/\/v1$/, '')
}

/** The key sent to an endpoint when the caller names none: OAC_API_KEY, else a placeholder local engines accept. */
export const defaultApiKey = (): string => process.env.OAC_API_KEY ?? 'oac-local'
