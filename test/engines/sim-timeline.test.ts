import {expect, it} from 'vitest'
import {sleepUntil} from '../../src/engines/sim/timeline.js'

// The sim's one clock for every sequence: each sleeper wakes at or after its time, in the order of those times, and
// an abort takes out only its own sleeper.

it('wakes each of many sleepers at or after its time, in time order', async () => {
  const base = performance.now() + 5
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
})

it('rejects an aborted sleeper and wakes the others', async () => {
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
