import {readFileSync} from 'node:fs'
import {countTokens as gptCount} from 'gpt-tokenizer/encoding/cl100k_base'
import {describe, expect, it} from 'vitest'
import {countTokens, decodeTokens, encodeTokens} from '../../src/llm/tokenizer.js'

// The tokenizer every stage counts with, including oac sim on whatever a client sends. Its BPE is superlinear in
// the length of one run of letters or spaces: a 5 MB run used to take hours, so a server counting it hung.

const readme = readFileSync(new URL('../../docs/ARCHITECTURE.md', import.meta.url), 'utf8')
const code = readFileSync(new URL('../../src/agent/loop.ts', import.meta.url), 'utf8')

describe('tokenizer', () => {
  it('counts ordinary text exactly as one BPE pass does, and encodes it back to the same text', () => {
    for (const text of [readme, code, 'hello  world\n\nfoo bar', '😀'.repeat(300), '<|im_start|>user'])
      expect(countTokens(text)).toBe(gptCount(text, {disallowedSpecial: new Set()}))
    expect(decodeTokens(encodeTokens(readme))).toBe(readme)
    expect(decodeTokens(encodeTokens('😀'.repeat(300)))).toBe('😀'.repeat(300))
  })

  it('counts a 5 MB run of one letter, of spaces and of CJK without hanging', () => {
    const mb5 = 5 * 1024 * 1024
    expect(countTokens('a'.repeat(mb5))).toBe(mb5 / 8)
    expect(countTokens(' '.repeat(mb5))).toBeGreaterThan(0)
    expect(countTokens('漢'.repeat(mb5 / 3))).toBeGreaterThan(mb5 / 3)
    expect(decodeTokens(encodeTokens('b'.repeat(100_000)))).toBe('b'.repeat(100_000))
  })

  it('estimates past 2 MiB from samples, within 1% of the exact count', () => {
    const big = code.repeat(Math.ceil((3 * 1024 * 1024) / code.length))
    const exact = Math.ceil(big.length / code.length) * countTokens(code)
    expect(Math.abs(countTokens(big) - exact) / exact).toBeLessThan(0.01)
  })
})
