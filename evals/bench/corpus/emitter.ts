// src/lib/emitter.ts
//
// A typed event emitter that works in Node and in the browser bundle (the
// dashboard uses it for live invoice updates), so no dependency on
// node:events. Event names and payloads are checked at compile time:
//
//   type Events = {paid: {invoiceId: string; amountCents: number}; closed: void}
//   const bus = new Emitter<Events>()
//   bus.on('paid', (e) => console.log(e.invoiceId))
//   bus.emit('paid', {invoiceId: 'inv_1', amountCents: 1200})

export type EventMap = Record<string, unknown>
export type Listener<P> = (payload: P) => void | Promise<void>

interface Registration<P> {
  listener: Listener<P>
  once: boolean
  /** For `once`: the caller's original function, so `off(fn)` can find it. */
  original?: Listener<P>
}

export interface EmitterOptions {
  /** Warn when one event gets more listeners than this (likely a leak). 0 disables. Default 20. */
  maxListeners?: number
  /** Where listener errors go. Default: console.error. */
  onError?: (err: unknown, event: string) => void
}

export class Emitter<E extends EventMap> {
  private listeners = new Map<keyof E, Registration<any>[]>()
  private warned = new Set<keyof E>()
  private readonly maxListeners: number
  private readonly onError: (err: unknown, event: string) => void

  constructor(options: EmitterOptions = {}) {
    this.maxListeners = options.maxListeners ?? 20
    this.onError = options.onError ?? ((err, event) => console.error(`emitter: listener for "${event}" threw`, err))
  }

  /** Subscribe. Returns an unsubscribe function. */
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    this.add(event, {listener, once: false})
    return () => this.off(event, listener)
  }

  /** Subscribe for a single emission. */
  once<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    const wrapper: Listener<E[K]> = (payload) => {
      this.off(event, wrapper)
      return listener(payload)
    }
    this.add(event, {listener: wrapper, once: true})
    return () => this.off(event, wrapper)
  }

  private add<K extends keyof E>(event: K, reg: Registration<E[K]>) {
    const list = this.listeners.get(event) ?? []
    list.push(reg)
    this.listeners.set(event, list)
    if (this.maxListeners > 0 && list.length > this.maxListeners && !this.warned.has(event)) {
      this.warned.add(event)
      console.warn(
        `emitter: ${list.length} listeners for "${String(event)}" (max ${this.maxListeners}). Possible leak?`,
      )
    }
  }

  /** Remove one listener (the first registration that matches). */
  off<K extends keyof E>(event: K, listener: Listener<E[K]>): boolean {
    const list = this.listeners.get(event)
    if (!list) return false
    const idx = list.findIndex((r) => r.listener === listener || r.original === listener)
    if (idx === -1) return false
    list.splice(idx, 1)
    if (list.length === 0) this.listeners.delete(event)
    return true
  }

  /** Remove every listener for `event`, or for all events. */
  removeAll(event?: keyof E): void {
    if (event === undefined) this.listeners.clear()
    else this.listeners.delete(event)
  }

  listenerCount(event: keyof E): number {
    return this.listeners.get(event)?.length ?? 0
  }

  /**
   * Call every listener synchronously, in registration order. A throwing
   * listener does not stop the others; its error goes to `onError`. Async
   * listeners are not awaited (use `emitAsync` for that), but their rejections
   * are still routed to `onError`.
   */
  emit<K extends keyof E>(event: K, ...args: E[K] extends void ? [] : [E[K]]): boolean {
    const list = this.listeners.get(event)
    if (!list || list.length === 0) return false
    const payload = args[0] as E[K]
    for (let i = 0; i < list.length; i++) {
      const reg = list[i]
      try {
        const result = reg.listener(payload)
        if (result && typeof (result as Promise<void>).then === 'function') {
          ;(result as Promise<void>).catch((err) => this.onError(err, String(event)))
        }
      } catch (err) {
        this.onError(err, String(event))
      }
    }
    return true
  }

  /**
   * Call listeners one after another and await each. Rejects with an
   * AggregateError if any listener failed, after all of them ran.
   */
  async emitAsync<K extends keyof E>(event: K, ...args: E[K] extends void ? [] : [E[K]]): Promise<void> {
    const list = [...(this.listeners.get(event) ?? [])]
    const payload = args[0] as E[K]
    const errors: unknown[] = []
    for (const reg of list) {
      try {
        await reg.listener(payload)
      } catch (err) {
        errors.push(err)
      }
    }
    if (errors.length > 0)
      throw new AggregateError(errors, `${errors.length} listener(s) for "${String(event)}" failed`)
  }

  /**
   * Resolve with the next payload of `event`. Rejects on timeout or abort.
   *
   *   const e = await bus.waitFor('paid', {timeoutMs: 5000})
   */
  waitFor<K extends keyof E>(event: K, opts: {timeoutMs?: number; signal?: AbortSignal} = {}): Promise<E[K]> {
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const cleanup = () => {
        unsubscribe()
        if (timer) clearTimeout(timer)
        opts.signal?.removeEventListener('abort', onAbort)
      }
      const onAbort = () => {
        cleanup()
        reject(opts.signal?.reason ?? new Error('aborted'))
      }
      const unsubscribe = this.once(event, (payload) => {
        cleanup()
        resolve(payload)
      })
      if (opts.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          cleanup()
          reject(new Error(`Timed out after ${opts.timeoutMs}ms waiting for "${String(event)}"`))
        }, opts.timeoutMs)
      }
      if (opts.signal) {
        if (opts.signal.aborted) onAbort()
        else opts.signal.addEventListener('abort', onAbort, {once: true})
      }
    })
  }

  /** Forward every emission of `event` to another emitter. Returns an unsubscribe function. */
  pipe<K extends keyof E & keyof F, F extends EventMap>(event: K, target: Emitter<F>): () => void {
    return this.on(event, (payload) => {
      ;(target.emit as (e: K, p: unknown) => boolean)(event, payload)
    })
  }
}

// --- the invoice event bus shared by the API and the webhook dispatcher ---
export interface InvoiceEvents extends EventMap {
  'invoice.created': {tenantId: string; invoiceId: string}
  'invoice.opened': {tenantId: string; invoiceId: string; dueAt: string}
  'invoice.paid': {tenantId: string; invoiceId: string; amountCents: number}
  'invoice.voided': {tenantId: string; invoiceId: string; reason?: string}
  shutdown: void
}

export const invoiceBus = new Emitter<InvoiceEvents>({maxListeners: 50})

// --- tests (vitest, colocated) ---
if (import.meta.vitest) {
  const {describe, it, expect, vi} = import.meta.vitest
  type T = {ping: number; done: void}

  describe('Emitter', () => {
    it('calls listeners in order', () => {
      const e = new Emitter<T>()
      const seen: string[] = []
      e.on('ping', (n) => void seen.push(`a${n}`))
      e.on('ping', (n) => void seen.push(`b${n}`))
      e.emit('ping', 1)
      expect(seen).toEqual(['a1', 'b1'])
    })

    it('once listeners fire a single time', () => {
      const e = new Emitter<T>()
      const fn = vi.fn()
      e.once('ping', fn)
      e.emit('ping', 1)
      e.emit('ping', 2)
      expect(fn).toHaveBeenCalledTimes(1)
    })

    it('isolates throwing listeners', () => {
      const onError = vi.fn()
      const e = new Emitter<T>({onError})
      const ok = vi.fn()
      e.on('ping', () => {
        throw new Error('bad')
      })
      e.on('ping', ok)
      e.emit('ping', 1)
      expect(ok).toHaveBeenCalled()
      expect(onError).toHaveBeenCalledOnce()
    })

    it('waitFor times out', async () => {
      vi.useFakeTimers()
      const e = new Emitter<T>()
      const p = e.waitFor('done', {timeoutMs: 100})
      vi.advanceTimersByTime(100)
      await expect(p).rejects.toThrow(/Timed out/)
      expect(e.listenerCount('done')).toBe(0)
      vi.useRealTimers()
    })
  })
}
