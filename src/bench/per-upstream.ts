import {z} from 'zod'
import {distribution} from './stats.js'
import type {RequestSample} from './types.js'

// Against oac's router, every reply names the upstream that served it (the `x-oac-upstream` header, set in
// src/routing/router/proxy.ts). Grouping a point's successful requests by it shows how the router shared the load
// over a fleet and whether one host is slower than the others. Failed requests carry no reply header, so they are
// counted only in the point's totals.

export const upstreamFigures = z.object({
  completed: z.number(),
  /** Fraction of the point's successful requests this upstream answered. */
  share: z.number(),
  output_tokens: z.number(),
  mean_ttft_ms: z.number(),
  median_ttft_ms: z.number(),
  mean_e2el_ms: z.number(),
  p99_e2el_ms: z.number(),
})
export type UpstreamFigures = z.infer<typeof upstreamFigures>

/** Figures per upstream, by name; undefined when no reply named one (the endpoint is not oac's router). */
export function perUpstream(samples: RequestSample[]): Record<string, UpstreamFigures> | undefined {
  const ok = samples.filter((s) => s.ok)
  const groups = new Map<string, RequestSample[]>()
  for (const s of ok) if (s.upstream) groups.set(s.upstream, [...(groups.get(s.upstream) ?? []), s])
  if (!groups.size) return undefined
  const out: Record<string, UpstreamFigures> = {}
  for (const [name, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const ttft = distribution(group.map((s) => s.ttftMs))
    const e2el = distribution(group.map((s) => s.e2eMs))
    out[name] = {
      completed: group.length,
      share: group.length / ok.length,
      output_tokens: group.reduce((n, s) => n + s.outputTokens, 0),
      mean_ttft_ms: ttft.mean,
      median_ttft_ms: ttft.median,
      mean_e2el_ms: e2el.mean,
      p99_e2el_ms: e2el.p99,
    }
  }
  return out
}
