import {describe, expect, it} from 'vitest'
import {randomPrompts} from '../../src/bench/datasets/random.js'

// Prompt generation must stay a small part of a bench (issue 27: 100 prompts of 1,024 tokens took 12.6 s against
// 1.2 s of benchmark, and Ctrl-C waited for it). Tokenizing the growing text after every word made it quadratic;
// 400 such prompts took ~75 s on a loaded 2-core box and take ~0.3 s now. The bound leaves room for a slow box.
describe('random bench prompts', () => {
  it('400 prompts of 1,024 tokens are built in under 5 s', () => {
    const start = performance.now()
    const prompts = randomPrompts(400, 1024, 128, 0)
    const seconds = (performance.now() - start) / 1000
    expect(prompts.every((p) => p.promptTokens === 1024)).toBe(true)
    expect(seconds).toBeLessThan(5)
  })
})
