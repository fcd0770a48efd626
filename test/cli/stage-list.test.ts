import {stripVTControlCharacters} from 'node:util'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {stageList} from '../../src/cli/stage-list.js'

// The listr2 progress of quickstart and `oac engine start --wait`, as its simple renderer writes it off a terminal.

const spies: {mockRestore(): void}[] = []
const restore = () => {
  for (const s of spies.splice(0)) s.mockRestore()
}
afterEach(restore)

/** What listr2 writes to stdout and stderr (failures go to stderr), in order. */
function capture(): string[] {
  const lines: string[] = []
  for (const stream of [process.stdout, process.stderr])
    spies.push(
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        lines.push(...String(chunk).split('\n').filter(Boolean))
        return true
      }),
    )
  return lines
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('stage list', () => {
  it('starts each stage when the previous one is done, with its progress lines and headline', async () => {
    const lines = capture()
    const s = stageList(['Detect the hardware', 'Benchmark'], {quiet: false, tty: false})
    await tick()
    s.done('Detect the hardware: 2 cores (0.1 s)')
    s.output('point 1 of 2: 3 of 8 requests')
    await tick()
    s.done('Benchmark: 120 output tok/s (4.0 s)')
    await s.stop()
    restore()
    expect(lines.map((l) => stripVTControlCharacters(l))).toEqual([
      '❯ Detect the hardware',
      '✔ Detect the hardware: 2 cores (0.1 s)',
      '❯ Benchmark',
      '› point 1 of 2: 3 of 8 requests',
      '✔ Benchmark: 120 output tok/s (4.0 s)',
    ])
  })

  it('marks the running stage failed and stops there', async () => {
    const lines = capture()
    const s = stageList(['Start the engine', 'Benchmark'], {quiet: false, tty: false})
    await tick()
    s.fail(new Error('did not answer 200 within 60 s'))
    await s.stop()
    restore()
    expect(lines.map((l) => stripVTControlCharacters(l))).toEqual([
      '❯ Start the engine',
      '✖ Start the engine [FAILED: did not answer 200 within 60 s]',
    ])
  })

  it('marks a stage a signal cut short as interrupted and the rest as not run, never as done', async () => {
    const lines = capture()
    const s = stageList(['Detect the hardware', 'Benchmark', 'Write the HTML report'], {quiet: false, tty: false})
    await tick()
    s.done('Detect the hardware: 2 cores (0.1 s)')
    await tick()
    s.interrupt('interrupted')
    await s.stop()
    restore()
    const plain = lines.map((l) => stripVTControlCharacters(l))
    expect(plain).toContain('↓ Benchmark [SKIPPED: interrupted]')
    expect(plain).toContain('↓ Write the HTML report [SKIPPED: not run]')
    expect(plain.filter((l) => l.startsWith('✔'))).toEqual(['✔ Detect the hardware: 2 cores (0.1 s)'])
  })

  it('draws nothing with --json', async () => {
    const lines = capture()
    const s = stageList(['Detect the hardware'], {quiet: true, tty: false})
    s.done('x')
    await s.stop()
    restore()
    expect(lines).toEqual([])
  })
})
