import type {Upstream} from './upstream-pool.js'

// Prometheus metrics of the router (text format 0.0.4): requests by API and status, time to first byte sent to
// the client, upstream errors by kind, fallbacks, and per upstream the requests in flight and whether it is up.

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

export class RouterMetrics {
  private readonly requests = new Map<string, number>()
  private readonly errors = new Map<string, number>()
  private fallbacks = 0
  private readonly ttft = {buckets: BUCKETS.map(() => 0), sum: 0, count: 0}

  /** One sample per API request: its HTTP status, or `cancelled` / `broken` (request-record.ts). */
  request(api: string, status: number | string): void {
    const key = `api="${api}",status="${status}"`
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1)
  }

  upstreamError(upstream: string, kind: string): void {
    const key = `upstream="${upstream}",kind="${kind}"`
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1)
  }

  fallback(): void {
    this.fallbacks++
  }

  firstToken(seconds: number): void {
    this.ttft.sum += seconds
    this.ttft.count++
    for (const [i, le] of BUCKETS.entries()) if (seconds <= le) this.ttft.buckets[i] = (this.ttft.buckets[i] ?? 0) + 1
  }

  render(upstreams: readonly Upstream[]): string {
    const lines: string[] = []
    const family = (name: string, type: string, help: string) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
    family(
      'oac_router_requests_total',
      'counter',
      'API requests by client API and outcome: the HTTP status, cancelled (client went away) or broken (upstream failed mid-reply).',
    )
    for (const [k, v] of this.requests) lines.push(`oac_router_requests_total{${k}} ${v}`)
    family(
      'oac_router_first_token_seconds',
      'histogram',
      'From request arrival to the first reply byte sent to the client.',
    )
    for (const [i, le] of BUCKETS.entries())
      lines.push(`oac_router_first_token_seconds_bucket{le="${le}"} ${this.ttft.buckets[i]}`)
    lines.push(`oac_router_first_token_seconds_bucket{le="+Inf"} ${this.ttft.count}`)
    lines.push(
      `oac_router_first_token_seconds_sum ${this.ttft.sum}`,
      `oac_router_first_token_seconds_count ${this.ttft.count}`,
    )
    family(
      'oac_router_upstream_errors_total',
      'counter',
      'Failed attempts at an upstream, by kind (connect, status, timeout).',
    )
    for (const [k, v] of this.errors) lines.push(`oac_router_upstream_errors_total{${k}} ${v}`)
    family('oac_router_fallbacks_total', 'counter', 'Requests answered by a candidate after the first one failed.')
    lines.push(`oac_router_fallbacks_total ${this.fallbacks}`)
    family('oac_router_inflight', 'gauge', 'Requests in flight per upstream.')
    for (const u of upstreams) lines.push(`oac_router_inflight{upstream="${u.name}"} ${u.inflight}`)
    family('oac_router_upstream_up', 'gauge', '1 when the upstream is up (not down or on a half-open trial).')
    for (const u of upstreams) lines.push(`oac_router_upstream_up{upstream="${u.name}"} ${u.up ? 1 : 0}`)
    return `${lines.join('\n')}\n`
  }
}
