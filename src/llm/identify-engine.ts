import {defaultApiKey, openAiBaseUrl} from './endpoint.js'

// Which engine serves an endpoint that was given by URL (`--endpoint`), so a stored run says what it measured
// instead of "—". oac's own servers say so in a header (the simulator imitates vLLM's or llama.cpp's model list,
// so its `owned_by` must not be read as the engine it imitates); real engines are known by the `owned_by` their
// OpenAI-compatible model list hard-codes:
//   vLLM       vllm/entrypoints/openai/protocol.py          owned_by: str = "vllm"
//   SGLang     sglang/srt/entrypoints/openai/protocol.py    owned_by: str = "sglang"
//   llama.cpp  tools/server (server.cpp)                    {"owned_by", "llamacpp"}
//   Ollama     openai/openai.go (ToListCompletion)          OwnedBy: "library"
// Anything else stays unknown: a proxy (oac router, LiteLLM) may route to any engine.

/** The header oac's own servers (`oac sim`, the embedded engine behind `oac serve`) put on every response. */
export const OAC_ENGINE_HEADER = 'x-oac-engine'

const OWNED_BY: Record<string, string> = {vllm: 'vllm', sglang: 'sglang', llamacpp: 'llamacpp', library: 'ollama'}

/** The engine behind `endpoint` (`sim`, `embedded`, `vllm`, `sglang`, `llamacpp`, `ollama`), or undefined. */
export async function identifyEngine(endpoint: string, timeoutMs = 5000): Promise<string | undefined> {
  let res: Response
  try {
    // An endpoint that is not a URL, refuses or does not answer in time is simply unknown.
    res = await fetch(`${openAiBaseUrl(endpoint)}/models`, {
      headers: {authorization: `Bearer ${defaultApiKey()}`},
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch {
    return undefined
  }
  const own = res.headers.get(OAC_ENGINE_HEADER)
  if (own === 'sim' || own === 'embedded') return own
  if (!res.ok) return undefined
  const body = (await res.json().catch(() => undefined)) as {data?: {owned_by?: unknown}[]} | undefined
  const owners = new Set((body?.data ?? []).map((m) => m.owned_by))
  if (owners.size !== 1) return undefined
  const [owner] = owners
  return typeof owner === 'string' ? OWNED_BY[owner] : undefined
}
