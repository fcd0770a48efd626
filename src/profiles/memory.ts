import type {ModelSpec, QuantizationSpec} from './schema.js'

// The memory-fit arithmetic, in bytes. Pure, so that it can be checked against published file sizes.

export const GiB = 1024 ** 3

/** Size of the weights file: parameters × effective bits per weight. */
export function weightBytes(model: ModelSpec, quant: QuantizationSpec): number {
  return (model.paramsB * 1e9 * quant.bitsPerWeight) / 8
}

/** KV cache per token of context in the full-attention layers: K and V, each kvHeads × headDim elements. */
export function kvBytesPerToken(model: ModelSpec, bytesPerElement: number): number {
  if (model.kind === 'embedding') return 0
  const fullLayers = model.layers - (model.slidingWindow?.layers ?? 0)
  return 2 * fullLayers * model.kvHeads * model.headDim * bytesPerElement
}

/** KV cache for `parallel` sequences of `context` tokens; sliding-window layers keep at most their window. */
export function kvCacheBytes(model: ModelSpec, bytesPerElement: number, context: number, parallel: number): number {
  if (model.kind === 'embedding') return 0
  const window = model.slidingWindow
  const windowed = window
    ? 2 * window.layers * model.kvHeads * model.headDim * bytesPerElement * Math.min(window.tokens, context)
    : 0
  return (kvBytesPerToken(model, bytesPerElement) * context + windowed) * parallel
}

/** The longest context (a multiple of 256) whose KV cache for `parallel` sequences fits in `freeBytes`. */
export function largestContext(model: ModelSpec, bytesPerElement: number, parallel: number, freeBytes: number): number {
  const perToken = kvBytesPerToken(model, bytesPerElement) * parallel
  if (freeBytes <= 0) return 0
  if (perToken === 0) return model.maxContext
  const tokens = Math.floor(freeBytes / perToken / 256) * 256
  return Math.min(tokens, model.maxContext)
}
