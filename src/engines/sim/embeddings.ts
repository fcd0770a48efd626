import {createHash} from 'node:crypto'

// Deterministic embeddings for `oac sim`: hashed word and character-trigram features, signed and L2-normalized.
// Texts that share words and spellings get a high cosine similarity, unrelated texts a low one.

export const SIM_EMBEDDING_DIM = 256

function bucket(feature: string): [number, number] {
  const h = createHash('md5').update(feature).digest()
  return [h.readUInt32LE(0) % SIM_EMBEDDING_DIM, (h[4] ?? 0) & 1 ? 1 : -1]
}

export function simEmbedding(text: string): number[] {
  const v = new Array<number>(SIM_EMBEDDING_DIM).fill(0)
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []
  for (const w of words) {
    const [i, s] = bucket(`w:${w}`)
    v[i] = (v[i] ?? 0) + 2 * s
    const padded = `#${w}#`
    for (let k = 0; k + 3 <= padded.length; k++) {
      const [j, t] = bucket(`c:${padded.slice(k, k + 3)}`)
      v[j] = (v[j] ?? 0) + t
    }
  }
  const norm = Math.hypot(...v) || 1
  return v.map((x) => x / norm)
}
