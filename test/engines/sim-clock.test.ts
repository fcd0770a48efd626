import {afterEach, describe, expect, it, vi} from 'vitest'

// The sim's one clock for every sequence, with each way it can wake the main thread: the worker thread (default)
// and the timer it falls back to (OAC_SIM_CLOCK=timer). Each sleeper wakes at or after its time, never before (a
// chunk sent early would make the sim faster than it claims), in the order of those times; an abort takes out
// only its own sleeper.

afterEach(() => {
  delete process.env.OAC_SIM_CLOCK
})

async function freshClock(kind: 'thread' | 'timer') {
  if (kind === 'timer') process.env.OAC_SIM_CLOCK = 'timer'
  vi.resetModules()
  return (await import('../../src/engines/sim/clock.js')).sleepUntil
}

describe.each(['thread', 'timer'] as const)('sleepUntil (%s)', (kind) => {
  it('wakes each of many sleepers at or after its time, in time order', async () => {
    const sleepUntil = await freshClock(kind)
    // During the worker's start-up (a timer stands in until it is up), then with the worker running.
    for (const start of [1, 60]) {
      const base = performance.now() + start
      const ats = Array.from({length: 64}, (_, i) => base + ((i * 37) % 40) + (i % 3) * 0.3)
      const woke: {at: number; t: number}[] = []
      await Promise.all(
        ats.map((at) =>
          sleepUntil(at).then(() => {
            woke.push({at, t: performance.now()})
          }),
        ),
      )
      expect(woke).toHaveLength(64)
      for (const w of woke) expect(w.t).toBeGreaterThanOrEqual(w.at)
      const order = woke.map((w) => w.at)
      expect(order).toEqual([...order].sort((a, b) => a - b))
    }
  })

  it('rejects an aborted sleeper and wakes the others', async () => {
    const sleepUntil = await freshClock(kind)
    const now = performance.now()
    const abort = new AbortController()
    const early = sleepUntil(now + 5)
    const aborted = sleepUntil(now + 2, abort.signal)
    const late = sleepUntil(now + 15)
    abort.abort()
    await expect(aborted).rejects.toThrow('aborted')
    await expect(Promise.all([early, late])).resolves.toEqual([undefined, undefined])
    expect(performance.now()).toBeGreaterThanOrEqual(now + 15)
    await expect(sleepUntil(now + 20, AbortSignal.abort())).rejects.toThrow('aborted')
    await expect(sleepUntil(now - 1)).resolves.toBeUndefined()
  })
})
