import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/profiles/catalog.js'
import {kvBytesPerToken, kvCacheBytes, largestContext, weightBytes} from '../../src/profiles/memory.js'

const catalog = loadCatalog()
const model = (id: string) => {
  const m = catalog.models[id]
  if (!m) throw new Error(id)
  return m
}
const quant = (id: string) => {
  const q = catalog.quantizations[id]
  if (!q) throw new Error(id)
  return q
}

// Published GGUF file sizes in bytes (Hugging Face file listings):
// unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF Q4_K_M 18.6 GB, Q8_0 32.5 GB;
// Qwen/Qwen2.5-Coder-7B-Instruct-GGUF q4_k_m 4.68 GB, q8_0 8.10 GB.
const REFERENCE = [
  ['qwen3-coder-30b-a3b', 'Q4_K_M', 18.6e9],
  ['qwen3-coder-30b-a3b', 'Q8_0', 32.5e9],
  ['qwen2.5-coder-7b', 'Q4_K_M', 4.68e9],
  ['qwen2.5-coder-7b', 'Q8_0', 8.1e9],
] as const

describe('memory math', () => {
  it.each(REFERENCE)('%s %s lands within 5%% of the published file size', (id, q, bytes) => {
    const estimate = weightBytes(model(id), quant(q))
    expect(Math.abs(estimate - bytes) / bytes).toBeLessThan(0.05)
  })

  it('sizes the KV cache from layers, KV heads and head dim', () => {
    // Qwen3-Coder-30B-A3B: 2 (K,V) × 48 layers × 4 KV heads × 128 dims × 2 bytes = 96 KiB per token in f16.
    expect(kvBytesPerToken(model('qwen3-coder-30b-a3b'), 2)).toBe(98304)
    expect(kvCacheBytes(model('qwen3-coder-30b-a3b'), 2, 65536, 2)).toBe(98304 * 65536 * 2)
    expect(kvBytesPerToken(model('nomic-embed-text-v1.5'), 2)).toBe(0)
  })

  it('keeps only the window for sliding-window layers (gpt-oss)', () => {
    const oss = model('gpt-oss-20b')
    // 12 full layers × 8 × 64 × 2 × 2 bytes; the other 12 hold at most 128 tokens.
    expect(kvBytesPerToken(oss, 2)).toBe(24576)
    expect(kvCacheBytes(oss, 2, 100_000, 1)).toBe(24576 * 100_000 + 24576 * 128)
  })

  it('finds the largest context, in multiples of 256 and capped by the model', () => {
    const m = model('qwen2.5-coder-7b')
    const perToken = kvBytesPerToken(m, 2)
    expect(largestContext(m, 2, 1, perToken * 10_000)).toBe(9984)
    expect(largestContext(m, 2, 2, perToken * 10_000)).toBe(4864)
    expect(largestContext(m, 2, 1, 1e15)).toBe(32768)
    expect(largestContext(m, 2, 1, -5)).toBe(0)
  })
})
