// How each engine serves a base model with a LoRA adapter, as its documentation says. One place for the flags, used
// by `oac setup --adapter` (src/provision/adapter.ts) and the serve command `oac finetune plan` writes.
// - vLLM: `--enable-lora --lora-modules NAME=PATH`; clients ask for NAME. `--max-lora-rank` when the adapter's rank
//   is over the default 16 (docs.vllm.ai, features/lora "Serving LoRA Adapters"; engine args `--max-lora-rank`),
//   rounded up to a value vLLM accepts (vllm/config/lora.py: MaxLoRARanks = 1, 8, 16, 32, 64, 128, 256, 320, 512).
//   PATH is a PEFT adapter directory (adapter_config.json + adapter_model.safetensors).
// - llama.cpp: `llama-server --lora FNAME` (tools/server/README.md: `--lora FNAME`, `--lora-scaled FNAME SCALE`),
//   a GGUF adapter made with convert_lora_to_gguf.py; applied to every request at scale 1.
// - Ollama: a Modelfile `FROM BASE` + `ADAPTER PATH`, then `ollama create NAME -f Modelfile`
//   (https://docs.ollama.com/modelfile#adapter: a GGUF adapter file or a safetensors adapter directory).
// - MLX: `mlx_lm.server --adapter-path DIR` (mlx_lm/server.py); the adapter applies to requests for the --model name.
// Pure.

import {UsageError} from '../errors.js'

export type AdapterEngine = 'vllm' | 'llamacpp' | 'ollama' | 'mlx'

export const ADAPTER_ENGINES: readonly AdapterEngine[] = ['vllm', 'llamacpp', 'ollama', 'mlx']

const VLLM_DEFAULT_MAX_LORA_RANK = 16
const VLLM_MAX_LORA_RANKS = [1, 8, 16, 32, 64, 128, 256, 320, 512]

/** `--max-lora-rank` for an adapter of rank r: none up to vLLM's default, else the smallest value vLLM takes. */
export function vllmMaxLoraRank(rank: number | undefined): string[] {
  if (rank === undefined || rank <= VLLM_DEFAULT_MAX_LORA_RANK) return []
  const fit = VLLM_MAX_LORA_RANKS.find((r) => r >= rank)
  if (fit === undefined) throw new UsageError(`vLLM serves LoRA adapters up to rank 512; this one has rank ${rank}`)
  return ['--max-lora-rank', String(fit)]
}

/** The flags that add the adapter to the engine's server command (Ollama takes it in a Modelfile instead). */
export function adapterArgs(engine: AdapterEngine, o: {adapter: string; name: string; rank?: number}): string[] {
  switch (engine) {
    case 'vllm':
      return ['--enable-lora', '--lora-modules', `${o.name}=${o.adapter}`, ...vllmMaxLoraRank(o.rank)]
    case 'llamacpp':
      return ['--lora', o.adapter]
    case 'mlx':
      return ['--adapter-path', o.adapter]
    case 'ollama':
      return []
    default: {
      const never: never = engine
      throw new Error(`unknown engine ${String(never)}`)
    }
  }
}

/** Ollama's Modelfile for the tuned model. */
export function ollamaModelfile(base: string, adapter: string): string {
  return `FROM ${base}\nADAPTER ${adapter}\n`
}
