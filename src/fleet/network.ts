import type {FleetLayoutKind} from './types.js'

// What each way of splitting a model asks of the network between hosts.
// - Tensor parallel all-reduces activations twice per layer for every token: vLLM's parallelism guide asks for
//   InfiniBand-class links between nodes for it and recommends pipeline parallel across nodes otherwise
//   (docs.vllm.ai, serving/parallelism_scaling). Over Ethernet below 25 Gb/s it is refused, below 100 Gb/s warned.
// - Pipeline parallel (vLLM across nodes, MLX ring, llama.cpp RPC) sends one hidden-state vector per token per stage
//   boundary, so 10 GbE carries it; at 1 GbE decoding works but prompt processing and llama.cpp RPC's weight upload
//   at load time (llama.cpp tools/rpc/README.md) crawl, so it is warned.

export interface NetworkVerdict {
  verdict: 'ok' | 'slow' | 'refused'
  reason: string
}

export function networkVerdict(kind: FleetLayoutKind, gbps: number, hosts: number): NetworkVerdict {
  if (hosts < 2) return {verdict: 'ok', reason: 'one host: no traffic between hosts'}
  if (kind === 'tensor') {
    if (gbps < 25)
      return {
        verdict: 'refused',
        reason: `tensor parallel across hosts all-reduces every layer of every token; ${gbps} Gb/s is far below the 100 Gb/s (InfiniBand / RoCE) it needs: use pipeline parallel across hosts`,
      }
    if (gbps < 100)
      return {verdict: 'slow', reason: `tensor parallel across hosts over ${gbps} Gb/s will be latency-bound`}
    return {verdict: 'ok', reason: `${gbps} Gb/s carries tensor parallel across hosts`}
  }
  if (gbps < 10)
    return {
      verdict: 'slow',
      reason: `${gbps} Gb/s carries pipeline stages token by token, but long prompts and loading will be slow; 10 GbE or Thunderbolt is advised`,
    }
  return {verdict: 'ok', reason: `${gbps} Gb/s carries pipeline stages between hosts`}
}
