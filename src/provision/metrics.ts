// Reads an engine's Prometheus /metrics under vLLM's names (vllm:num_requests_running, ...; `oac sim` uses the same).
// https://docs.vllm.ai/en/latest/usage/metrics.html

/** Sums every sample of each metric name across its labels. */
export function parsePrometheus(text: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line)
    if (!m?.[1] || m[3] === undefined) continue
    const v = Number(m[3])
    if (Number.isFinite(v)) out.set(m[1], (out.get(m[1]) ?? 0) + v)
  }
  return out
}

export interface EngineMetrics {
  running?: number
  waiting?: number
  generationTokens?: number
  promptTokens?: number
}

export function engineMetrics(text: string): EngineMetrics {
  const m = parsePrometheus(text)
  const out: EngineMetrics = {}
  const set = (key: keyof EngineMetrics, name: string) => {
    const v = m.get(name)
    if (v !== undefined) out[key] = v
  }
  set('running', 'vllm:num_requests_running')
  set('waiting', 'vllm:num_requests_waiting')
  set('generationTokens', 'vllm:generation_tokens_total')
  set('promptTokens', 'vllm:prompt_tokens_total')
  return out
}

/** Generated tokens per second between two samples `seconds` apart. */
export function tokensPerSecond(a: EngineMetrics, b: EngineMetrics, seconds: number): number | undefined {
  if (a.generationTokens === undefined || b.generationTokens === undefined || seconds <= 0) return undefined
  return Math.max(0, (b.generationTokens - a.generationTokens) / seconds)
}
