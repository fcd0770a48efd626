// Deterministic embeddings for `oac sim`: a hashed bag of words, word pieces (camelCase and snake_case parts) and
// character trigrams, signed and L2-normalized. Texts that share words and spellings get a high cosine similarity,
// unrelated texts a low one, so vector and hybrid search can be tested without a model.

/** 768, the width of nomic-embed-text and most BERT-base embedding models (a realistic size for benchmarks). */
export const SIM_EMBEDDING_DIM = 768

/** FNV-1a, 32 bits: fast and stable across runs and platforms. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function add(v: Float32Array, feature: string, weight: number): void {
  const h = fnv1a(feature)
  const i = h % v.length
  v[i] = (v[i] ?? 0) + (h & 0x80000000 ? weight : -weight)
}

/** Word pieces of an identifier: `loadConfigFile` → load, config, file; `max_tokens` → max, tokens. */
export function wordPieces(word: string): string[] {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((p) => p.toLowerCase())
}

export function simEmbedding(text: string, dim = SIM_EMBEDDING_DIM): number[] {
  const v = new Float32Array(dim)
  for (const word of text.match(/[\p{L}\p{N}_]+/gu) ?? []) {
    const lower = word.toLowerCase()
    add(v, `w:${lower}`, 2)
    const pieces = wordPieces(word)
    if (pieces.length > 1) for (const p of pieces) add(v, `w:${p}`, 1.5)
    const padded = `#${lower}#`
    for (let k = 0; k + 3 <= padded.length; k++) add(v, `c:${padded.slice(k, k + 3)}`, 1)
  }
  let norm = 0
  for (const x of v) norm += x * x
  norm = Math.sqrt(norm) || 1
  return Array.from(v, (x) => x / norm)
}
