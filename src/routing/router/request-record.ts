import type {ServerResponse} from 'node:http'

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
}

export const newRecord = (api: RequestApi): RequestRecord => ({api, model: '', fallbacks: 0})

/** The outcome once the connection closed. */
export function outcomeOf(record: RequestRecord, res: ServerResponse): RequestOutcome {
  if (record.broken) return 'broken'
  return res.writableFinished ? res.statusCode : 'cancelled'
}
