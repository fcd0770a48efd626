// Prometheus metrics under vLLM's names (vllm:num_requests_running, vllm:time_to_first_token_seconds, ...),
// so dashboards and `oac bench` read `oac sim` the same way they read vLLM's /metrics.
// Bucket bounds follow vLLM's metrics.py (TTFT and ITL histograms).

const TTFT_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80]
const ITL_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80]
const E2E_BUCKETS = [0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480, 960, 1920, 7680]

class Histogram {
  readonly counts: number[]
  sum = 0
  count = 0
  constructor(readonly bounds: number[]) {
    this.counts = bounds.map(() => 0)
  }
  observe(v: number): void {
    this.sum += v
    this.count++
    this.bounds.forEach((b, i) => {
      if (v <= b) this.counts[i] = (this.counts[i] ?? 0) + 1
    })
  }
  render(name: string, labels: string): string[] {
    const lines = [
      `# TYPE ${name} histogram`,
      ...this.bounds.map((b, i) => `${name}_bucket{${labels},le="${b}"} ${this.counts[i]}`),
    ]
    lines.push(
      `${name}_bucket{${labels},le="+Inf"} ${this.count}`,
      `${name}_sum{${labels}} ${this.sum}`,
      `${name}_count{${labels}} ${this.count}`,
    )
    return lines
  }
}

export class SimMetrics {
  promptTokens = 0
  generationTokens = 0
  readonly finished = new Map<string, number>()
  readonly ttft = new Histogram(TTFT_BUCKETS)
  readonly itl = new Histogram(ITL_BUCKETS)
  readonly e2e = new Histogram(E2E_BUCKETS)

  finish(reason: string): void {
    this.finished.set(reason, (this.finished.get(reason) ?? 0) + 1)
  }

  render(model: string, running: number, waiting: number): string {
    const l = `model_name="${model}"`
    const lines = [
      '# TYPE vllm:num_requests_running gauge',
      `vllm:num_requests_running{${l}} ${running}`,
      '# TYPE vllm:num_requests_waiting gauge',
      `vllm:num_requests_waiting{${l}} ${waiting}`,
      '# TYPE vllm:prompt_tokens_total counter',
      `vllm:prompt_tokens_total{${l}} ${this.promptTokens}`,
      '# TYPE vllm:generation_tokens_total counter',
      `vllm:generation_tokens_total{${l}} ${this.generationTokens}`,
      '# TYPE vllm:request_success_total counter',
      ...[...this.finished].map(([reason, n]) => `vllm:request_success_total{finished_reason="${reason}",${l}} ${n}`),
      ...this.ttft.render('vllm:time_to_first_token_seconds', l),
      ...this.itl.render('vllm:inter_token_latency_seconds', l),
      ...this.e2e.render('vllm:e2e_request_latency_seconds', l),
    ]
    return `${lines.join('\n')}\n`
  }
}
