import {openAiBaseUrl} from './endpoint.js'
import {countTokens} from './tokenizer.js'

// How a reply's tokens are counted when the server sends no `usage`: the whole reply's text at once (content,
// reasoning and tool calls), never chunk by chunk: a tokenizer merges pieces across chunk boundaries, so counting
// "x" and " x" apart doubles a one-token-per-chunk stream. The engine's own tokenizer where it has one (vLLM
// `POST /tokenize` with {model, prompt}; llama.cpp server `POST /tokenize` with {content}), else a named
// approximation. https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html#tokenizer-api,
// https://github.com/ggml-org/llama.cpp/tree/master/tools/server#post-tokenize-tokenize-a-given-text

export interface ReplyTokenizer {
  /** What counted: shown beside every estimated figure. */
  name: string
  count(text: string): Promise<number>
}

export const APPROX_TOKENIZER_NAME = "cl100k_base (an approximation, not the model's tokenizer)"

/** cl100k_base: within ~10-15% of Qwen/Llama BPE on English and code (src/llm/tokenizer.ts). */
export const approxTokenizer: ReplyTokenizer = {name: APPROX_TOKENIZER_NAME, count: async (text) => countTokens(text)}

type Answer = {count?: unknown; tokens?: unknown} | undefined

async function post(url: string, body: unknown, timeoutMs: number): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch(() => undefined)
  return res?.ok ? ((await res.json().catch(() => undefined)) as Answer) : undefined
}

/** The engine's tokenizer for reply text, or undefined when the engine has no /tokenize (or does not answer). */
export async function engineReplyTokenizer(
  endpoint: string,
  model: string,
  timeoutMs = 5000,
): Promise<ReplyTokenizer | undefined> {
  const url = `${openAiBaseUrl(endpoint).replace(/\/v1\/?$/, '')}/tokenize`
  const vllm = (text: string) => post(url, {model, prompt: text, add_special_tokens: false}, timeoutMs)
  const llamacpp = (text: string) => post(url, {content: text, add_special: false}, timeoutMs)
  const fail = (what: string) => new Error(`the engine's /tokenize stopped answering (${what})`)
  if (typeof (await vllm('probe'))?.count === 'number')
    return {
      name: "the engine's tokenizer (vLLM /tokenize)",
      count: async (text) => {
        const n = (await vllm(text))?.count
        if (typeof n !== 'number') throw fail('vLLM form')
        return n
      },
    }
  if (Array.isArray((await llamacpp('probe'))?.tokens))
    return {
      name: "the engine's tokenizer (llama.cpp /tokenize)",
      count: async (text) => {
        const ids = (await llamacpp(text))?.tokens
        if (!Array.isArray(ids)) throw fail('llama.cpp form')
        return ids.length
      },
    }
  return undefined
}
