import type {ServerResponse} from 'node:http'
import type {UpstreamKind} from '../config.js'
import type {EnergyShare} from '../cost/energy-meter.js'
import type {TokenUsage} from '../cost/token-usage.js'

// One record per API request, whoever answered it (an upstream, or the router itself with an error), closed when
// the client's connection for it closes: that close is the one place a log line and a metric sample come from, so
// neither can be missed or doubled. Health, model-list and metrics calls are not API requests and get none.

/** The client APIs, as metrics label them; `other` is any path the router does not serve. */
export type RequestApi = 'chat' | 'messages' | 'responses' | 'embeddings' | 'count_tokens' | 'other'

/**
 * How a request ended: the HTTP status sent; `cancelled` when the client went away before the reply ended;
 * `broken` when the reply had started and the upstream failed mid-way (the client got the API's error event or a
 * cut stream).
 */
export type RequestOutcome = number | 'cancelled' | 'broken'

export interface RequestRecord {
  api: RequestApi
  /** The model the client asked for ('' until the body is read). */
  model: string
  upstream?: string
  upstreamModel?: string
  /** Candidates that failed before the one that answered. */
  fallbacks: number
  /** What went wrong, for the log: the router's own error, or the upstream's mid-stream failure. */
  error?: string
  /** Set when the upstream failed after the reply started. */
  broken?: boolean
  /** The answering upstream's kind. */
  kind?: UpstreamKind
  /** Why it went where it went: the route, the candidates skipped and why, overflow (the log line's reason). */
  why?: string
  /** Bytes of the request body (the prompt estimate when a reply carries no usage). */
  bytes: number
  /** The reply's tokens, read when the request ends (pass-through replies are read from their bytes). */
  usage?: () => TokenUsage | undefined
  /** Milliseconds from arrival to the first reply byte sent. */
  ttftMs?: number
  /** The request's share of the GPUs' energy, while a local upstream works on it. */
  energy?: EnergyShare
  /** Whether it went anywhere but its route's first choice (a candidate passed over, or overflow): logged with why. */
  detoured?: boolean
  /** Set when it closes (cost/router-costs.ts): what it cost, and the reply's tokens. */
  costUsd?: number
  outputTokens?: number
  energyWh?: number
  energyEstimated?: boolean
}

export const newRecord = (api: RequestApi): RequestRecord => ({api, model: '', fallbacks: 0, bytes: 0})

/** The outcome once the connection closed. */
export function outcomeOf(record: RequestRecord, res: ServerResponse): RequestOutcome {
  if (record.broken) return 'broken'
  return res.writableFinished ? res.statusCode : 'cancelled'
}
