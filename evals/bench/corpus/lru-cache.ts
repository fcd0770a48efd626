// src/lib/lru-cache.ts
//
// A size-bounded LRU cache with optional per-entry TTL. Backed by a Map, which
// iterates in insertion order: the first key is the least recently used, and
// "touching" a key means deleting and re-inserting it.
//
// Used for: tenant settings (capacity 5_000, ttl 60s), FX rates (capacity 500,
// ttl 10min) and the compiled invoice-template cache (capacity 200, no ttl).

export interface LruOptions<K, V> {
  /** Maximum number of entries. Must be >= 1. */
  capacity: number
  /** Default time-to-live in ms. 0 or undefined means entries never expire. */
  ttlMs?: number
  /** Optional weight function; when set, `maxWeight` bounds the total weight too. */
  weigh?: (value: V, key: K) => number
  maxWeight?: number
  /** Called for every entry that leaves the cache (evicted, expired, deleted, cleared). */
  onEvict?: (key: K, value: V, reason: EvictReason) => void
  /** Injected clock for tests. */
  now?: () => number
}

export type EvictReason = 'capacity' | 'weight' | 'expired' | 'deleted' | 'cleared' | 'replaced'

interface Entry<V> {
  value: V
  expiresAt: number // 0 = never
  weight: number
}

export interface CacheStats {
  hits: number
  misses: number
  evictions: number
  size: number
  weight: number
}

export class LruCache<K, V> {
  private readonly map = new Map<K, Entry<V>>()
  private readonly capacity: number
  private readonly ttlMs: number
  private readonly maxWeight: number
  private readonly now: () => number
  private totalWeight = 0
  private hits = 0
  private misses = 0
  private evictions = 0

  constructor(private readonly options: LruOptions<K, V>) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${options.capacity}`)
    }
    if (options.maxWeight !== undefined && !options.weigh) {
      throw new Error('maxWeight requires a weigh() function')
    }
    this.capacity = options.capacity
    this.ttlMs = options.ttlMs ?? 0
    this.maxWeight = options.maxWeight ?? Infinity
    this.now = options.now ?? Date.now
  }

  get size(): number {
    return this.map.size
  }

  get weight(): number {
    return this.totalWeight
  }

  private isExpired(entry: Entry<V>): boolean {
    return entry.expiresAt !== 0 && entry.expiresAt <= this.now()
  }

  private remove(key: K, entry: Entry<V>, reason: EvictReason) {
    this.map.delete(key)
    this.totalWeight -= entry.weight
    if (reason === 'capacity' || reason === 'weight' || reason === 'expired') this.evictions++
    this.options.onEvict?.(key, entry.value, reason)
  }

  /** Look up a key and mark it most recently used. */
  get(key: K): V | undefined {
    const entry = this.map.get(key)
    if (!entry) {
      this.misses++
      return undefined
    }
    if (this.isExpired(entry)) {
      this.remove(key, entry, 'expired')
      this.misses++
      return undefined
    }
    // Move to the most-recently-used end.
    this.map.delete(key)
    this.map.set(key, entry)
    this.hits++
    return entry.value
  }

  /** Look up without changing recency or stats. */
  peek(key: K): V | undefined {
    const entry = this.map.get(key)
    if (!entry || this.isExpired(entry)) return undefined
    return entry.value
  }

  has(key: K): boolean {
    return this.peek(key) !== undefined
  }

  set(key: K, value: V, opts: {ttlMs?: number} = {}): this {
    const ttl = opts.ttlMs ?? this.ttlMs
    const weight = this.options.weigh ? this.options.weigh(value, key) : 1
    if (weight > this.maxWeight) {
      // Never cacheable; make sure a stale copy does not linger either.
      this.delete(key)
      return this
    }

    const existing = this.map.get(key)
    if (existing) {
      this.totalWeight -= existing.weight
      this.options.onEvict?.(key, existing.value, 'replaced')
      existing.value = value
      existing.weight = weight
      existing.expiresAt = ttl > 0 ? this.now() + ttl : 0
      this.totalWeight += weight
    } else {
      if (this.map.size > this.capacity) this.evictOldest('capacity')
      this.map.set(key, {value, weight, expiresAt: ttl > 0 ? this.now() + ttl : 0})
      this.totalWeight += weight
    }

    while (this.totalWeight > this.maxWeight && this.map.size > 0) this.evictOldest('weight')
    return this
  }

  private evictOldest(reason: EvictReason) {
    const first = this.map.entries().next()
    if (first.done) return
    const [key, entry] = first.value
    this.remove(key, entry, reason)
  }

  delete(key: K): boolean {
    const entry = this.map.get(key)
    if (!entry) return false
    this.remove(key, entry, 'deleted')
    return true
  }

  clear(): void {
    for (const [key, entry] of this.map) this.options.onEvict?.(key, entry.value, 'cleared')
    this.map.clear()
    this.totalWeight = 0
  }

  /** Drop every expired entry. Call from a timer if memory matters. */
  prune(): number {
    let removed = 0
    for (const [key, entry] of this.map) {
      if (this.isExpired(entry)) {
        this.remove(key, entry, 'expired')
        removed++
      }
    }
    return removed
  }

  /**
   * Return the cached value or compute it. Concurrent callers for the same key
   * share one in-flight promise so a cold key does not stampede the backend.
   */
  private inflight = new Map<K, Promise<V>>()

  async getOrLoad(key: K, load: (key: K) => Promise<V>, opts: {ttlMs?: number} = {}): Promise<V> {
    const cached = this.get(key)
    if (cached !== undefined) return cached
    const pending = this.inflight.get(key)
    if (pending) return pending
    const p = load(key)
      .then((value) => {
        this.set(key, value, opts)
        return value
      })
      .finally(() => this.inflight.delete(key))
    this.inflight.set(key, p)
    return p
  }

  /** Keys from least to most recently used (expired entries included). */
  keys(): K[] {
    return [...this.map.keys()]
  }

  stats(): CacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      size: this.map.size,
      weight: this.totalWeight,
    }
  }
}

// --- tests (vitest, colocated) ---
if (import.meta.vitest) {
  const {describe, it, expect} = import.meta.vitest

  describe('LruCache', () => {
    it('evicts the least recently used key', () => {
      const c = new LruCache<string, number>({capacity: 2})
      c.set('a', 1).set('b', 2)
      c.get('a')
      c.set('c', 3)
      expect(c.keys()).toEqual(['a', 'c'])
    })

    it('expires entries after ttl', () => {
      let t = 0
      const c = new LruCache<string, number>({capacity: 10, ttlMs: 100, now: () => t})
      c.set('a', 1)
      t = 99
      expect(c.get('a')).toBe(1)
      t = 100
      expect(c.get('a')).toBeUndefined()
      expect(c.stats().evictions).toBe(1)
    })

    it('bounds total weight', () => {
      const c = new LruCache<string, string>({capacity: 100, weigh: (v) => v.length, maxWeight: 10})
      c.set('a', 'xxxxx').set('b', 'yyyyy').set('c', 'zz')
      expect(c.keys()).toEqual(['b', 'c'])
      expect(c.weight).toBe(7)
    })

    it('dedupes concurrent loads', async () => {
      const c = new LruCache<string, number>({capacity: 10})
      let calls = 0
      const load = async () => {
        calls++
        return 42
      }
      const [x, y] = await Promise.all([c.getOrLoad('k', load), c.getOrLoad('k', load)])
      expect([x, y, calls]).toEqual([42, 42, 1])
    })
  })
}
