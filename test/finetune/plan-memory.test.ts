import {describe, expect, it} from 'vitest'
import {loadFinetuneCatalog} from '../../src/finetune/plan/catalog.js'
import {paramCounts, type RunShape, trainingMemory} from '../../src/finetune/plan/memory.js'
import {GiB} from '../../src/profiles/memory.js'

// The training memory model against published figures. Unsloth's context-length benchmarks
// (https://unsloth.ai/docs/basics/unsloth-benchmarks): 4-bit QLoRA on all linear layers, rank 32, batch 1, the
// longest sequence that fits each GPU. The 8B points' slope and intercept set two constants of memory.ts; the 70B
// points, and "Llama 3.3 (70B) finetuning fits in 41GB" (https://unsloth.ai/blog/llama3-3, at Unsloth's default
// 2,048-token sequence), are out of sample.

const catalog = loadFinetuneCatalog()
const qlora = (seqLen: number): RunShape => ({
  method: 'qlora',
  backend: 'cuda',
  seqLen,
  batch: 1,
  rank: 32,
  optimizer: 'adamw_8bit',
})
const gib = (model: string, seqLen: number) =>
  trainingMemory(catalog.models[model] ?? ({} as never), qlora(seqLen)).total / GiB

describe('finetune plan memory', () => {
  it('counts the parameters of the published configs (Llama 3.1 8B: 8.03 B; Llama 3.3 70B: 70.55 B; Qwen3-30B-A3B: 30.5 B, 3.3 B active)', () => {
    const count = (m: string) => paramCounts(catalog.models[m] ?? ({} as never))
    expect(count('llama-3.1-8b').linear + count('llama-3.1-8b').other).toBeCloseTo(8.03e9, -8)
    expect(count('llama-3.3-70b').linear + count('llama-3.3-70b').other).toBeCloseTo(70.55e9, -9)
    const moe = count('qwen3-coder-30b-a3b')
    expect((moe.linear + moe.other) / 1e9).toBeCloseTo(30.5, 0)
    expect(moe.active / 1e9).toBeCloseTo(3.3, 0)
  })

  it.each([
    ['llama-3.3-70b', 12_106, 48],
    ['llama-3.3-70b', 89_389, 80],
    ['llama-3.3-70b', 2_048, 41],
    ['llama-3.1-8b', 40_724, 16],
    ['llama-3.1-8b', 78_475, 24],
    ['llama-3.1-8b', 153_977, 40],
  ])('%s at %i tokens needs the %i GB Unsloth published, within 15%%', (model, seqLen, published) => {
    expect(Math.abs(gib(model, seqLen) / published - 1)).toBeLessThan(0.15)
  })

  it('grows with the sequence, the rank and the batch, and a 16-bit base costs four times the 4-bit one', () => {
    const arch = catalog.models['qwen2.5-coder-7b'] ?? ({} as never)
    const base = trainingMemory(arch, qlora(4096))
    expect(trainingMemory(arch, qlora(8192)).activations).toBe(2 * base.activations)
    expect(trainingMemory(arch, {...qlora(4096), batch: 2}).activations).toBe(2 * base.activations)
    expect(trainingMemory(arch, {...qlora(4096), rank: 64}).adapter).toBe(2 * base.adapter)
    const lora = trainingMemory(arch, {...qlora(4096), method: 'lora'})
    const {linear, other} = paramCounts(arch)
    expect(lora.weights - base.weights).toBeCloseTo((linear * (16 - 4.127)) / 8, -3)
    expect(lora.weights).toBe(2 * (linear + other))
  })
})
