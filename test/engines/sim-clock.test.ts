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
  const clock = await import('../../src/engines/sim/clock.js')
  // Started before any sleeper, as the sim does: creating the worker takes a few ms.
  clock.startClock()
  return clock.sleepUntil
}

describe.each(['thread', 'timer'] as const)('sleepUntil (%s)', (kind) => {
  it('wakes each of many sleepers at or after its time, in time order', async () => {
    const sleepUntil = await freshClock(kind)
    // Right after start (a timer stands in until the worker is up), then with the worker running. Every sleeper is
    // registered well before the first is due: one registered after a later one already woke cannot go before it.
    for (let round = 0; round < 2; round++) {
      const base = performance.now() + 50
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

  it('lets a sleeper registered late (its time past) go after an earlier one that is still waiting', async () => {
    const sleepUntil = await freshClock(kind)
    const t = performance.now()
    const order: string[] = []
    const a = sleepUntil(t + 5).then(() => order.push('a'))
    while (performance.now() < t + 10); // the main thread busy: `a` is overdue and still waiting
    const b = sleepUntil(t + 8).then(() => order.push('b'))
    await Promise.all([a, b])
    expect(order).toEqual(['a', 'b'])
  })

  it('rejects an aborted sleeper and wakes the others', async () => {
    const sleepUntil = await freshClock(kind)
    const now = performance.now()
    const abort = new AbortController()
    // Margins of tens of ms, so a loaded box cannot make the aborted sleeper due before the abort.
    const early = sleepUntil(now + 50)
    const aborted = sleepUntil(now + 20, abort.signal)
    const late = sleepUntil(now + 80)
    abort.abort()
    await expect(aborted).rejects.toThrow('aborted')
    await expect(Promise.all([early, late])).resolves.toEqual([undefined, undefined])
    expect(performance.now()).toBeGreaterThanOrEqual(now + 80)
    await expect(sleepUntil(now + 100, AbortSignal.abort())).rejects.toThrow('aborted')
    await expect(sleepUntil(now - 1)).resolves.toBeUndefined()
  })
})
