// src/http/rate-limiter.ts
//
// Per-key token-bucket rate limiting for the public API (see
// docs/design/rate-limiting.md). Each API key gets a bucket of `burst` tokens
// that refills at `ratePerSec`. A request costs 1 token by default; bulk
// endpoints (POST /v1/invoices/batch) cost more.
//
// This in-memory store is fine for a single replica. With more than one
// replica we use RedisStore (src/http/rate-limiter-redis.ts), which
// implements the same BucketStore interface with a Lua script.

import type {Middleware, RequestContext} from './router.js'
import {HttpError} from './router.js'

export interface LimitPolicy {
  /** Sustained rate in tokens per second. */
  ratePerSec: number
  /** Bucket size: how many tokens can be spent at once. */
  burst: number
}

export interface TakeResult {
  allowed: boolean
  /** Tokens left after this request (floored for headers). */
  remaining: number
  /** When the bucket will hold `cost` tokens again, in ms from now (0 when allowed). */
  retryAfterMs: number
  /** When the bucket will be full again, in ms from now. */
  resetMs: number
}

export interface BucketStore {
  take(key: string, policy: LimitPolicy, cost: number, nowMs: number): Promise<TakeResult>
}

interface Bucket {
  tokens: number
  updatedAt: number
}

/** Single-process store. Buckets untouched for `idleMs` are swept. */
export class MemoryStore implements BucketStore {
  private buckets = new Map<string, Bucket>()
  private sweeper?: ReturnType<typeof setInterval>

  constructor(private readonly idleMs = 10 * 60_000) {}

  start(intervalMs = 60_000) {
    this.sweeper = setInterval(() => this.sweep(Date.now()), intervalMs)
    this.sweeper.unref?.()
  }

  stop() {
    if (this.sweeper) clearInterval(this.sweeper)
  }

  sweep(nowMs: number): number {
    let removed = 0
    for (const [key, b] of this.buckets) {
      if (nowMs - b.updatedAt > this.idleMs) {
        this.buckets.delete(key)
        removed++
      }
    }
    return removed
  }

  get size() {
    return this.buckets.size
  }

  async take(key: string, policy: LimitPolicy, cost: number, nowMs: number): Promise<TakeResult> {
    if (cost > policy.burst) {
      // Could never succeed; say so instead of making the client wait forever.
      return {allowed: false, remaining: 0, retryAfterMs: Infinity, resetMs: 0}
    }
    let b = this.buckets.get(key)
    if (!b) {
      b = {tokens: policy.burst, updatedAt: nowMs}
      this.buckets.set(key, b)
    }

    // Refill for the time elapsed since the last request.
    const elapsedSec = (nowMs - b.updatedAt) / 1000
    const refill = Math.floor(elapsedSec * policy.ratePerSec)
    b.tokens = Math.min(policy.burst, b.tokens + refill)
    b.updatedAt = nowMs

    const resetMs = ((policy.burst - b.tokens) / policy.ratePerSec) * 1000
    if (b.tokens >= cost) {
      b.tokens -= cost
      return {
        allowed: true,
        remaining: Math.floor(b.tokens),
        retryAfterMs: 0,
        resetMs: ((policy.burst - b.tokens) / policy.ratePerSec) * 1000,
      }
    }
    const retryAfterMs = ((cost - b.tokens) / policy.ratePerSec) * 1000
    return {allowed: false, remaining: Math.floor(b.tokens), retryAfterMs, resetMs}
  }
}

export interface RateLimitOptions {
  store: BucketStore
  /** Policy per plan; the key resolver decides which plan a request belongs to. */
  policies: Record<string, LimitPolicy>
  /** Return [bucketKey, planName], or null to skip limiting (health checks, internal calls). */
  identify: (ctx: RequestContext) => [string, string] | null
  /** Cost of a request; default 1. */
  cost?: (ctx: RequestContext) => number
  /** If the store fails (Redis down), let traffic through instead of failing closed. Default true. */
  failOpen?: boolean
  now?: () => number
  onLimited?: (ctx: RequestContext, key: string, result: TakeResult) => void
}

/**
 * Router middleware. Sets the draft-standard RateLimit headers on every
 * response and answers 429 with Retry-After when the bucket is empty.
 */
export function rateLimit(opts: RateLimitOptions): Middleware {
  const now = opts.now ?? Date.now
  const failOpen = opts.failOpen ?? true

  return async (ctx, next) => {
    const id = opts.identify(ctx)
    if (!id) return next()
    const [key, plan] = id
    const policy = opts.policies[plan]
    if (!policy) throw new Error(`rate-limit: no policy for plan "${plan}"`)
    const cost = opts.cost?.(ctx) ?? 1

    let result: TakeResult
    try {
      result = await opts.store.take(`${plan}:${key}`, policy, cost, now())
    } catch (err) {
      console.error('rate-limit: store failed', err)
      if (failOpen) return next()
      throw new HttpError(503, 'Rate limiter unavailable')
    }

    ctx.res.setHeader('RateLimit-Limit', String(policy.burst))
    ctx.res.setHeader('RateLimit-Remaining', String(result.remaining))
    ctx.res.setHeader('RateLimit-Reset', String(Math.ceil(result.resetMs / 1000)))
    ctx.res.setHeader('RateLimit-Policy', `${policy.burst};w=${Math.round(policy.burst / policy.ratePerSec)}`)

    if (!result.allowed) {
      opts.onLimited?.(ctx, key, result)
      if (!Number.isFinite(result.retryAfterMs)) {
        throw new HttpError(413, `Request cost ${cost} exceeds the bucket size ${policy.burst}`)
      }
      throw new HttpError(429, 'Too Many Requests', {
        'Retry-After': String(Math.ceil(result.retryAfterMs / 1000)),
      })
    }
    return next()
  }
}

/** Plans as configured in config/rate-limits.yaml (mirrored here for defaults). */
export const DEFAULT_POLICIES: Record<string, LimitPolicy> = {
  free: {ratePerSec: 2, burst: 20},
  team: {ratePerSec: 10, burst: 100},
  enterprise: {ratePerSec: 50, burst: 500},
  internal: {ratePerSec: 1000, burst: 5000},
}

/** Standard identify(): API key from `state.apiKey` (set by auth middleware), else client IP on the free plan. */
export function identifyByApiKey(ctx: RequestContext): [string, string] | null {
  if (ctx.path === '/healthz' || ctx.path === '/readyz') return null
  const apiKey = ctx.state.apiKey as {id: string; plan: string} | undefined
  if (apiKey) return [apiKey.id, apiKey.plan]
  const fwd = ctx.req.headers['x-forwarded-for']
  const ip = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0].trim() ?? ctx.req.socket.remoteAddress ?? 'unknown'
  return [ip, 'free']
}

// --- tests (vitest, colocated) ---
if (import.meta.vitest) {
  const {describe, it, expect} = import.meta.vitest
  const policy = {ratePerSec: 2, burst: 4}

  describe('MemoryStore', () => {
    it('allows a burst then limits', async () => {
      const s = new MemoryStore()
      const results = []
      for (let i = 0; i < 5; i++) results.push((await s.take('k', policy, 1, 0)).allowed)
      expect(results).toEqual([true, true, true, true, false])
    })

    it('refills over time', async () => {
      const s = new MemoryStore()
      for (let i = 0; i < 4; i++) await s.take('k', policy, 1, 0)
      expect((await s.take('k', policy, 1, 499)).allowed).toBe(false)
      expect((await s.take('k', policy, 1, 500)).allowed).toBe(true)
    })

    it('reports retryAfter for the missing tokens', async () => {
      const s = new MemoryStore()
      await s.take('k', policy, 4, 0)
      const r = await s.take('k', policy, 2, 0)
      expect(r.allowed).toBe(false)
      expect(r.retryAfterMs).toBe(1000)
    })

    it('sweeps idle buckets', async () => {
      const s = new MemoryStore(1000)
      await s.take('a', policy, 1, 0)
      await s.take('b', policy, 1, 900)
      expect(s.sweep(1500)).toBe(1)
      expect(s.size).toBe(1)
    })
  })
}
