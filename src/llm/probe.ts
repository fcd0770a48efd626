import {getJson} from '../util/http-probe.js'
import {LlmClient} from './client.js'
import {serverRoot} from './endpoint.js'
import {toLlmError} from './errors.js'

// What an endpoint really serves: the model ids and the context length the engine applies, from whichever
// engine-specific route answers (vLLM /v1/models max_model_len, llama.cpp /props n_ctx, Ollama /api/show).

export interface EngineFacts {
  endpoint: string
  models: string[]
  /** The context the server applies per sequence, when it says. */
  contextLength?: number
  /** Which route told the context length. */
  contextSource?: 'vllm /v1/models' | 'llama.cpp /props' | 'ollama /api/show'
  /** For Ollama: the model's trained context, which may exceed what the server applies (num_ctx). */
  trainedContext?: number
}

export async function probeEngine(endpoint: string, model?: string): Promise<EngineFacts> {
  const client = new LlmClient(endpoint)
  let listed: Awaited<ReturnType<LlmClient['models']>>
  try {
    listed = await client.models(AbortSignal.timeout(10_000))
  } catch (error) {
    throw toLlmError(error, client.baseUrl)
  }
  const facts: EngineFacts = {endpoint: client.baseUrl, models: listed.map((m) => m.id)}
  const chosen = listed.find((m) => m.id === model) ?? listed[0]
  if (chosen?.max_model_len) return {...facts, contextLength: chosen.max_model_len, contextSource: 'vllm /v1/models'}
  const root = serverRoot(endpoint)
  const props = await getJson(`${root}/props`)
  const nCtx = (props?.default_generation_settings as {n_ctx?: number} | undefined)?.n_ctx
  if (nCtx) return {...facts, contextLength: nCtx, contextSource: 'llama.cpp /props'}
  const show = await getJson(`${root}/api/show`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({model: model ?? chosen?.id}),
  })
  if (show) {
    const info = (show.model_info ?? {}) as Record<string, unknown>
    const trained = Object.entries(info).find(([k]) => k.endsWith('.context_length'))?.[1]
    const numCtx = /num_ctx\s+(\d+)/.exec(String(show.parameters ?? ''))?.[1]
    // Ollama applies num_ctx (or OLLAMA_CONTEXT_LENGTH, default 4096 in recent releases), not the trained context.
    if (typeof trained === 'number') facts.trainedContext = trained
    if (numCtx) return {...facts, contextLength: Number(numCtx), contextSource: 'ollama /api/show'}
  }
  return facts
}

export interface TruncationCheck {
  truncated: boolean
  sent: number
  counted: number
  message?: string
}

/**
 * Compares the prompt tokens we sent (our tokenizer's count) with what the server says it processed. Tokenizers
 * differ by model, so only a server count well below ours (default: under 80%) is called truncation, as Ollama
 * does silently when a prompt exceeds num_ctx.
 */
export function detectTruncation(sent: number, counted: number, tolerance = 0.8): TruncationCheck {
  if (counted >= sent * tolerance) return {truncated: false, sent, counted}
  return {
    truncated: true,
    sent,
    counted,
    message: `The server processed ${counted} prompt tokens of about ${sent} sent: it truncated the prompt silently (raise the context, e.g. OLLAMA_CONTEXT_LENGTH or num_ctx)`,
  }
}
