import {isCloud, type Target} from '../config.js'
import {type CapReached, capMessage} from '../cost/budget.js'
import {RouterError} from './client-errors.js'
import type {RoutePlan} from './pick-route.js'
import {upstreamKey} from './upstream-auth.js'
import type {Upstream, UpstreamPool} from './upstream-pool.js'
import type {ProxiedApi} from './upstream-request.js'

// Who may answer a request, in order: each target's upstreams (up first, least outstanding), then the route's
// overflow targets; and, per candidate, whether it may be tried now. A cloud upstream needs the user's allowCloud,
// its key in the environment and budget left; a local one is passed over for the overflow when its queue waited too
// long or the prompt is over its context (only when an overflow target could take the request instead).

export interface Candidate {
  target: Target
  upstream: Upstream
  /** Reached through the route's `overflow`. */
  overflow: boolean
}

export function candidatesOf(plan: RoutePlan, pool: UpstreamPool): Candidate[] {
  const out: Candidate[] = []
  for (const target of plan.targets)
    for (const upstream of pool.serving(target)) out.push({target, upstream, overflow: false})
  for (const target of plan.overflow)
    for (const upstream of pool.serving(target)) out.push({target, upstream, overflow: true})
  return out
}

/** What a candidate is checked against. */
export interface GateFacts {
  api: ProxiedApi
  promptTokens: number
  allowCloud: boolean
  /** Budget cap reached by a cloud upstream, if any. */
  cap: (u: Upstream) => CapReached | undefined
  queueLimitMs: number
  now: number
}

/** undefined: try it; a string: skip it for that reason; a RouterError: answer the client with it. */
export type Verdict = undefined | string | RouterError

/** The checks that do not depend on other candidates: cloud allowed, key, budget, an API it can be sent in. */
function standing(c: Candidate, f: GateFacts): Verdict {
  const u = c.upstream.config
  if (f.api !== 'embeddings' && !u.apis.includes(f.api) && !u.apis.includes('chat'))
    return `${u.name}: speaks neither ${f.api} nor chat`
  if (!isCloud(u)) return undefined
  if (!f.allowCloud) return `${u.name}: cloud is off (allowCloud is not set in your settings)`
  if (!upstreamKey(u)) return `${u.name}: ${u.apiKeyEnv} is not set`
  const cap = f.cap(c.upstream)
  if (!cap) return undefined
  const message = capMessage(u.name, cap)
  // 403, not 429: SDKs retry a 429, and no retry helps before the cap lifts (the message says when it does).
  return u.budget?.onCap === 'refuse' ? new RouterError(403, message, 'budget_exceeded') : `${u.name}: ${message}`
}

/** Whether `c` may be tried now, knowing every candidate of the request. */
export function gate(c: Candidate, all: readonly Candidate[], f: GateFacts): Verdict {
  const verdict = standing(c, f)
  if (verdict !== undefined || c.overflow || isCloud(c.upstream.config)) return verdict
  if (!all.some((o) => o.overflow && standing(o, f) === undefined)) return undefined
  const context = c.upstream.contextOf(c.target.model)
  if (context !== undefined && f.promptTokens >= context)
    return `${c.upstream.name}: prompt of ~${f.promptTokens} tokens is over its context of ${context}`
  const waited = c.upstream.queueWaitMs(f.now)
  if (waited > f.queueLimitMs)
    return `${c.upstream.name}: its queue has waited ${Math.round(waited)} ms (over ${f.queueLimitMs})`
  return undefined
}
