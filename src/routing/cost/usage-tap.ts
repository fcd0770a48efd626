import {readUsage, type TokenUsage} from './token-usage.js'

// The tokens of a reply the router passes through untouched (the upstream speaks the client's API), read from the
// bytes on their way to the client without parsing the stream: a chunk is kept only when it mentions "usage" (the
// usage object of a chat stream's last chunk, Anthropic's message_start and message_delta, Responses'
// response.completed), with the chunk before it for a line split between two reads. A reply with no usage (a
// chat client that did not ask for stream_options.include_usage) is counted instead: one token per `data:` event
// but the role chunk, the finish chunk and [DONE] (engines send a token per chunk), marked estimated.

const USAGE = Buffer.from('"usage"')
const EVENT = Buffer.from('data:')
/** A JSON reply is read whole, up to this size (replies are far smaller; past it the count is estimated). */
const JSON_LIMIT = 1 << 20

export class UsageTap {
  private readonly kept: Buffer[] = []
  private previous: Buffer | undefined
  private previousKept = false
  private bytes = 0
  /** `data:` events seen. */
  private events = 0

  constructor(private readonly sse: boolean) {}

  push(chunk: Buffer): void {
    if (!this.sse) {
      this.bytes += chunk.length
      if (this.bytes <= JSON_LIMIT) this.kept.push(chunk)
      return
    }
    for (let at = chunk.indexOf(EVENT); at >= 0; at = chunk.indexOf(EVENT, at + EVENT.length)) this.events++
    if (chunk.includes(USAGE)) {
      if (this.previous && !this.previousKept) this.kept.push(this.previous)
      this.kept.push(chunk)
      this.previousKept = true
    } else this.previousKept = false
    this.previous = chunk
  }

  /** Output tokens counted from the reply itself, for when it carries no usage. */
  estimatedOutput(): number {
    return this.sse ? Math.max(0, this.events - 3) : 0
  }

  /** The usage the reply carried (several usage objects are merged field by field), else undefined. */
  usage(): TokenUsage | undefined {
    if (!this.kept.length) return undefined
    const text = Buffer.concat(this.kept).toString('utf8')
    if (!this.sse) {
      if (this.bytes > JSON_LIMIT) return undefined
      try {
        const usage = (JSON.parse(text) as {usage?: unknown}).usage
        return usage && typeof usage === 'object' ? readUsage(usage as Record<string, unknown>) : undefined
      } catch {
        return undefined
      }
    }
    let merged: TokenUsage | undefined
    for (const line of text.split('\n')) {
      if (!line.startsWith('data:') || !line.includes('"usage"')) continue
      let data: Record<string, unknown>
      try {
        data = JSON.parse(line.slice(5)) as Record<string, unknown>
      } catch {
        continue
      }
      const found = usageIn(data)
      if (found) merged = merged ? mergeUsage(merged, found) : found
    }
    return merged
  }
}

/** The usage object of one event: a chat chunk's or message_delta's own, message_start's, response.completed's. */
function usageIn(data: Record<string, unknown>): TokenUsage | undefined {
  for (const holder of [data, data.message, data.response]) {
    const usage = (holder as {usage?: unknown} | undefined)?.usage
    if (usage && typeof usage === 'object') return readUsage(usage as Record<string, unknown>)
  }
  return undefined
}

/** Anthropic streams input counts in message_start and the growing output count in message_delta: keep the most. */
export function mergeUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    input: Math.max(a.input, b.input),
    cachedInput: Math.max(a.cachedInput, b.cachedInput),
    cacheWrite: Math.max(a.cacheWrite, b.cacheWrite),
    output: Math.max(a.output, b.output),
    estimated: a.estimated && b.estimated,
  }
}
