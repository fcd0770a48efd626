import {EXIT, OacError} from '../errors.js'
import {LlmClient} from '../llm/client.js'
import {LlmError} from '../llm/errors.js'
import {prefixesFor} from './embedding-prefixes.js'

// Embeddings from any OpenAI-compatible /v1/embeddings endpoint: the model's query/document prefixes, batches of
// BATCH inputs, CONCURRENCY batches in flight, and up to RETRIES retries with backoff for errors that pass
// (connection, timeout, 429, 5xx). One that persists ends the run with a message naming the endpoint.

const BATCH = 64
const CONCURRENCY = 4
const RETRIES = 3

export interface Embedder {
  endpoint: string
  model: string
  embedDocuments(texts: string[], signal?: AbortSignal): Promise<number[][]>
  embedQuery(text: string, signal?: AbortSignal): Promise<number[]>
}

/** The endpoint failed (exit 1); a wrong dimension is bad input (exit 2). */
export class EmbeddingError extends OacError {
  override name = 'EmbeddingError'
  constructor(message: string, exit: number = EXIT.failed) {
    super(message, exit)
  }
}

/** The index was built with vectors of one size and the endpoint now returns another. */
export class EmbeddingDimensionError extends EmbeddingError {
  override name = 'EmbeddingDimensionError'
  constructor(model: string, got: number, expected: number) {
    super(
      `The embedding model ${model} returns vectors of ${got} dimensions, but this index holds vectors of ${expected} dimensions. ` +
        'Use the model the index was built with, or re-embed with `oac index --reembed --endpoint URL --model NAME` ' +
        '(the lexical index stays usable meanwhile: `oac search --mode lexical`).',
      EXIT.badInput,
    )
  }
}

const passes = (e: unknown) =>
  e instanceof LlmError &&
  (e.kind === 'connection' ||
    e.kind === 'timeout' ||
    (e.kind === 'http' && (e.status === 429 || (e.status ?? 0) >= 500)))

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface EmbedderOptions {
  retryDelayMs?: number
  /** Retries of a failure that passes (default RETRIES); 0 for a query that must not wait. */
  retries?: number
  /** Per-request timeout (default two minutes: a batch of documents on a slow box). */
  timeoutMs?: number
}

export function createEmbedder(endpoint: string, model: string, o: EmbedderOptions = {}): Embedder {
  const client = new LlmClient(endpoint, {timeoutMs: o.timeoutMs ?? 120_000})
  const retries = o.retries ?? RETRIES
  const prefixes = prefixesFor(model)
  const once = async (input: string[], signal?: AbortSignal): Promise<number[][]> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.embed(model, input, signal)
      } catch (error) {
        if (attempt >= retries || !passes(error) || signal?.aborted)
          throw new EmbeddingError(`Embedding with ${model} at ${endpoint} failed: ${(error as Error).message}`)
        await sleep((o.retryDelayMs ?? 500) * 2 ** attempt)
      }
    }
  }
  return {
    endpoint,
    model,
    async embedDocuments(texts, signal) {
      const out = new Array<number[]>(texts.length)
      const batches: number[] = []
      for (let i = 0; i < texts.length; i += BATCH) batches.push(i)
      const worker = async () => {
        for (let start = batches.shift(); start !== undefined; start = batches.shift()) {
          const slice = texts.slice(start, start + BATCH).map((t) => prefixes.document + t)
          const vectors = await once(slice, signal)
          vectors.forEach((v, i) => {
            out[start + i] = v
          })
        }
      }
      await Promise.all(Array.from({length: Math.min(CONCURRENCY, batches.length)}, worker))
      return out
    },
    async embedQuery(text, signal) {
      const [v] = await once([prefixes.query + text], signal)
      if (!v) throw new EmbeddingError(`${endpoint} returned no embedding for the query`)
      return v
    },
  }
}
