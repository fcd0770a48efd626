import {resolveTarget} from '../cli/resolve-target.js'
import {createEmbedder, type Embedder, type EmbedderOptions} from './embedder.js'

/** The embedder from --endpoint/--model or --engine, or undefined for a lexical index. */
export function embedderFromFlags(
  flags: {endpoint?: string; engine?: string; model?: string},
  o: EmbedderOptions = {},
): Embedder | undefined {
  if (!flags.endpoint && !flags.engine) return undefined
  const target = resolveTarget(flags)
  return createEmbedder(target.url, target.model, o)
}
