import {OacError} from '../errors.js'
import {Store} from '../store/store.js'

/** Where a command sends requests: from --endpoint URL, or a registered endpoint named by --engine. */
export interface Target {
  url: string
  model: string
  endpointId?: number
  engine?: string
}

export class TargetError extends OacError {
  override name = 'TargetError'
}

/**
 * The --endpoint value as a URL: http(s) with a host, else a TargetError naming what arrived, before any work starts
 * (`--endpoint notaurl` used to fail later as a connection error, exit 1).
 */
export function checkEndpointUrl(value: string, flag = '--endpoint'): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol) || !url.hostname)
    throw new TargetError(`Expected ${flag} to be an http(s) URL such as http://127.0.0.1:8000/v1, got \`${value}\``)
  return value
}

/** Resolves --endpoint / --engine / --model; the registered endpoint supplies the model when --model is absent. */
export function resolveTarget(
  flags: {endpoint?: string; engine?: string; model?: string},
  store: () => Store = () => Store.open(),
): Target {
  if (flags.endpoint && flags.engine) throw new TargetError('Give --endpoint or --engine, not both')
  if (flags.endpoint) {
    if (!flags.model) throw new TargetError('--model is required with --endpoint (the model id the server serves)')
    return {url: checkEndpointUrl(flags.endpoint), model: flags.model}
  }
  if (!flags.engine)
    throw new TargetError('Give --endpoint URL (e.g. http://127.0.0.1:8000/v1) or --engine ID of a registered endpoint')
  const db = store()
  try {
    const found = db.getEndpoint(/^\d+$/.test(flags.engine) ? Number(flags.engine) : flags.engine)
    if (!found) {
      const known = db.listEndpoints().map((e) => e.name ?? String(e.id))
      throw new TargetError(
        `No registered endpoint "${flags.engine}"${known.length ? `; registered: ${known.join(', ')}` : ' (none registered yet: oac setup registers them)'}`,
      )
    }
    return {
      url: found.url,
      model: flags.model ?? found.model,
      endpointId: found.id,
      ...(found.engine ? {engine: found.engine} : {}),
    }
  } finally {
    db.close()
  }
}
