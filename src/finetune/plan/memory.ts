import type {Architecture} from './catalog.js'

// Training memory of a LoRA or QLoRA run, in bytes: the frozen base weights, the adapter with its gradients and
// optimizer states, the activations of the sequence being trained, and the framework's fixed overhead. Pure.
//
// Checked against Unsloth's published figures (test/finetune/plan-memory.test.ts): its context-length benchmarks
// (https://unsloth.ai/docs/basics/unsloth-benchmarks: Llama 3.1 8B and Llama 3.3 70B, 4-bit QLoRA on all linear
// layers, rank 32, batch 1) and "Llama 3.3 (70B) finetuning fits in 41GB" (https://unsloth.ai/blog/llama3-3).

export type Method = 'qlora' | 'lora'
export type Backend = 'cuda' | 'mlx'

export interface RunShape {
  method: Method
  backend: Backend
  seqLen: number
  batch: number
  rank: number
  /** adamw_8bit keeps 2 bytes of state per trainable parameter, adamw (32-bit) 8. */
  optimizer: 'adamw_8bit' | 'adamw'
}

export interface TrainingMemory {
  weights: number
  adapter: number
  activations: number
  overhead: number
  total: number
  adapterParams: number
}

// NF4 with double quantization: 4 bits plus 0.127 bits of quantization constants per parameter (Dettmers et al.,
// "QLoRA", arXiv:2305.14314, section 3: double quantization takes the constants from 0.5 to 0.127 bits).
const NF4_BITS = 4.127
// MLX's default affine quantization: 4 bits with an fp16 scale and bias per group of 64 (mlx.core.quantize).
const MLX4_BITS = 4 + 32 / 64
// The adapter: fp32 weights and gradients (PEFT keeps LoRA weights in fp32 over a k-bit base) plus optimizer state.
const ADAPTER_BYTES = {adamw_8bit: 4 + 4 + 2, adamw: 4 + 4 + 8}
// Per token, the working set of the one layer being recomputed (Unsloth's gradient checkpointing offloads each
// layer's input to system RAM, and Apple's Cut Cross Entropy never materialises the logits), in bf16 elements:
// 14 × hidden + 4 × MLP width. The two coefficients are fitted to the slope of Unsloth's benchmark (memory per extra
// token of context: 8B 227 KiB, 70B 444 KiB between its published points); the test checks the other points.
const PER_TOKEN_HIDDEN = 14
const PER_TOKEN_MLP = 4
// CUDA context, cuBLAS workspace and allocator slack: the intercept of the same benchmark (8 GB holds 2,972 tokens of
// Llama 3.1 8B beside 6.1 GiB of weights and adapter).
const CUDA_OVERHEAD = 1.2 * 1024 ** 3
// MLX: no CUDA context; mlx_lm keeps each layer's checkpoint on the device (--grad-checkpoint) and the logits in
// fp32. Not checked against a published figure (none gives memory for a configuration), so marked as estimated.
const MLX_OVERHEAD = 1 * 1024 ** 3

/** Parameters of the linear layers of one transformer block (the ones quantized, and the LoRA targets' shapes). */
export function linearShapes(a: Architecture): {name: string; in: number; out: number; count: number}[] {
  const q = a.heads * a.headDim
  const kv = a.kvHeads * a.headDim
  const experts = a.experts?.count ?? 1
  return [
    {name: 'q_proj', in: a.hidden, out: q, count: 1},
    {name: 'k_proj', in: a.hidden, out: kv, count: 1},
    {name: 'v_proj', in: a.hidden, out: kv, count: 1},
    {name: 'o_proj', in: q, out: a.hidden, count: 1},
    {name: 'gate_proj', in: a.hidden, out: a.intermediate, count: experts},
    {name: 'up_proj', in: a.hidden, out: a.intermediate, count: experts},
    {name: 'down_proj', in: a.intermediate, out: a.hidden, count: experts},
  ]
}

/** LoRA targets: every linear layer of a dense model; attention only for an MoE (adapters on every expert would
 * multiply the adapter by the expert count). */
export function loraTargets(a: Architecture): string[] {
  const all = linearShapes(a).map((s) => s.name)
  return a.experts ? all.slice(0, 4) : all
}

export function paramCounts(a: Architecture): {linear: number; other: number; active: number} {
  const perLayer = linearShapes(a).reduce((n, s) => n + s.in * s.out * s.count, 0)
  const linear = perLayer * a.layers
  const other = a.vocab * a.hidden * (a.tied ? 1 : 2)
  const inactive = a.experts ? 3 * a.hidden * a.intermediate * (a.experts.count - a.experts.active) * a.layers : 0
  return {linear, other, active: linear + other - inactive}
}

export function trainingMemory(a: Architecture, r: RunShape): TrainingMemory {
  const {linear, other} = paramCounts(a)
  const bits = r.method === 'lora' ? 16 : r.backend === 'mlx' ? MLX4_BITS : NF4_BITS
  const weights = (linear * bits) / 8 + other * 2
  const targets = new Set(loraTargets(a))
  const adapterParams =
    r.rank *
    a.layers *
    linearShapes(a)
      .filter((s) => targets.has(s.name))
      .reduce((n, s) => n + s.in + s.out, 0)
  const adapter = adapterParams * ADAPTER_BYTES[r.optimizer]
  const tokens = r.seqLen * r.batch
  const mlpWidth = a.intermediate * (a.experts?.active ?? 1)
  const layer = tokens * 2 * (PER_TOKEN_HIDDEN * a.hidden + PER_TOKEN_MLP * mlpWidth)
  const activations = r.backend === 'cuda' ? layer : layer + tokens * 2 * a.hidden * a.layers + tokens * a.vocab * 4
  const overhead = r.backend === 'cuda' ? CUDA_OVERHEAD : MLX_OVERHEAD
  return {weights, adapter, activations, overhead, total: weights + adapter + activations + overhead, adapterParams}
}
